import { z } from 'zod';
import type { RecordLog } from '../../core/record-log';
import { execOrThrow, safeJson, type RedisConnection } from './redis-connection';
import { LuaScript } from './redis-lua-script';

/** Enough of an entry to tell whose it is; entries that don't say are kept by deleteConversation. */
const ConversationEntrySchema = z.object({ conversationId: z.string() });
const ReadReplySchema = z.tuple([z.array(z.string()), z.array(z.string())]);

/**
 * KEYS: the log, its legacy count, and (when the entry names a conversation) the conversation's
 * list. The first append with the index counts the entries already there (written before it) in
 * the same step, so no append can fall between the count and the index.
 */
const APPEND_INDEXED = new LuaScript(
  'log-append-indexed',
  `if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SET', KEYS[2], redis.call('LLEN', KEYS[1])) end
redis.call('RPUSH', KEYS[1], ARGV[1])
if KEYS[3] then redis.call('RPUSH', KEYS[3], ARGV[1]) end
return 1`,
);

/**
 * KEYS: the log, its legacy count, the conversation's list. One script, so a purge or a first
 * indexed append can't fall between reading the count and the entries: [legacy entries, indexed].
 * No count yet (nothing indexed): the whole log is legacy.
 */
const READ_CONVERSATION = new LuaScript(
  'log-read-conversation',
  `local count = tonumber(redis.call('GET', KEYS[2]) or '-1')
local older = {}
if count < 0 then older = redis.call('LRANGE', KEYS[1], 0, -1) elseif count > 0 then older = redis.call('LRANGE', KEYS[1], 0, count - 1) end
return { older, redis.call('LRANGE', KEYS[3], 0, -1) }`,
);

export interface RedisRecordLogOptions {
  /**
   * Keep each conversation's entries in a list of their own too (log:<name>:by:<conversation>), so
   * readConversation reads that, not the whole log. Entries from before the index (an older
   * giftbot's) are the first log:<name>:legacy of the log: only those are scanned.
   */
  byConversation?: boolean;
}

/**
 * An append-only log on a Redis list, one JSON entry an item: RPUSH is atomic, so concurrent
 * appends from any instance never interleave or get lost. An entry that doesn't parse is skipped
 * and reported, never fatal.
 */
export class RedisRecordLog<S extends z.ZodType> implements RecordLog<z.infer<S>> {
  readonly readConversation?: (conversationId: string) => Promise<Array<z.infer<S>>>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly name: string,
    private readonly schema: S,
    private readonly onBadEntry: (index: number, reason: string) => void = () => undefined,
    private readonly options: RedisRecordLogOptions = {},
  ) {
    // Only where indexed: without it callers filter read() themselves, as the interface says.
    if (options.byConversation) this.readConversation = (conversationId) => this.readIndexed(conversationId);
  }

  async append(entry: z.infer<S>): Promise<void> {
    const json = JSON.stringify(this.schema.parse(entry));
    if (!this.options.byConversation) {
      await this.redis.run('log-append', (redis) => redis.rpush(this.key(), json));
      return;
    }
    const conversationId = ConversationEntrySchema.safeParse(entry).data?.conversationId;
    const keys = [this.key(), this.legacyKey(), ...(conversationId === undefined ? [] : [this.byKey(conversationId)])];
    await this.redis.script(APPEND_INDEXED, keys, [json]);
  }

  async read(): Promise<Array<z.infer<S>>> {
    const stored = await this.redis.run('log-read', (redis) => redis.lrange(this.key(), 0, -1));
    return this.parse(stored);
  }

  /**
   * Removes the conversation's entries. LREM removes by value, so entries appended meanwhile (by
   * any instance) stay; all the removals are one MULTI, with the conversation's list and the
   * legacy count (less the conversation's entries among the legacy ones).
   */
  async deleteConversation(conversationId: string): Promise<void> {
    const [stored, legacy] = await this.redis.run('log-read', (redis) => Promise.all([redis.lrange(this.key(), 0, -1), redis.get(this.legacyKey())]));
    const theirs = (json: string) => ConversationEntrySchema.safeParse(safeJson(json)).data?.conversationId === conversationId;
    const matching = new Set(stored.filter(theirs));
    const legacyTheirs = legacy === null ? 0 : stored.slice(0, Number(legacy)).filter(theirs).length;
    if (matching.size === 0 && !this.options.byConversation) return;
    await this.redis.run('log-delete', async (redis) => {
      const removal = redis.multi();
      for (const json of matching) removal.lrem(this.key(), 0, json);
      if (this.options.byConversation) removal.del(this.byKey(conversationId));
      if (legacyTheirs > 0) removal.decrby(this.legacyKey(), legacyTheirs);
      await execOrThrow(removal.exec());
    });
  }

  /** The conversation's list, after its entries among the legacy ones (all of the log if nothing was indexed yet). */
  private async readIndexed(conversationId: string): Promise<Array<z.infer<S>>> {
    const [older, indexed] = ReadReplySchema.parse(await this.redis.script(READ_CONVERSATION, [this.key(), this.legacyKey(), this.byKey(conversationId)], []));
    const theirs = older.filter((json) => ConversationEntrySchema.safeParse(safeJson(json)).data?.conversationId === conversationId);
    return this.parse([...theirs, ...indexed]);
  }

  private parse(stored: string[]): Array<z.infer<S>> {
    const entries: Array<z.infer<S>> = [];
    stored.forEach((json, index) => {
      const read = this.schema.safeParse(safeJson(json));
      if (read.success) entries.push(read.data);
      else this.onBadEntry(index, read.error.message.slice(0, 200));
    });
    return entries;
  }

  private key(): string {
    return this.redis.key('log', this.name);
  }

  private legacyKey(): string {
    return this.redis.key('log', this.name, 'legacy');
  }

  private byKey(conversationId: string): string {
    return this.redis.key('log', this.name, 'by', conversationId);
  }
}
