import { z } from 'zod';
import type { RecordLog } from '../../core/record-log';
import { execOrThrow, safeJson, type RedisConnection } from './redis-connection';

/** Enough of an entry to tell whose it is; entries that don't say are kept by deleteConversation. */
const ConversationEntrySchema = z.object({ conversationId: z.string() });

/**
 * An append-only log on a Redis list, one JSON entry an item: RPUSH is atomic, so concurrent
 * appends from any instance never interleave or get lost. An entry that doesn't parse is skipped
 * and reported, never fatal.
 */
export class RedisRecordLog<S extends z.ZodType> implements RecordLog<z.infer<S>> {
  constructor(
    private readonly redis: RedisConnection,
    private readonly name: string,
    private readonly schema: S,
    private readonly onBadEntry: (index: number, reason: string) => void = () => undefined,
  ) {}

  async append(entry: z.infer<S>): Promise<void> {
    const json = JSON.stringify(this.schema.parse(entry));
    await this.redis.run('log-append', (redis) => redis.rpush(this.key(), json));
  }

  async read(): Promise<Array<z.infer<S>>> {
    const stored = await this.redis.run('log-read', (redis) => redis.lrange(this.key(), 0, -1));
    const entries: Array<z.infer<S>> = [];
    stored.forEach((json, index) => {
      const read = this.schema.safeParse(safeJson(json));
      if (read.success) entries.push(read.data);
      else this.onBadEntry(index, read.error.message.slice(0, 200));
    });
    return entries;
  }

  /**
   * Removes the conversation's entries. LREM removes by value, so entries appended meanwhile (by
   * any instance) stay; all the removals are one MULTI.
   */
  async deleteConversation(conversationId: string): Promise<void> {
    const stored = await this.redis.run('log-read', (redis) => redis.lrange(this.key(), 0, -1));
    const theirs = new Set(stored.filter((json) => ConversationEntrySchema.safeParse(safeJson(json)).data?.conversationId === conversationId));
    if (theirs.size === 0) return;
    await this.redis.run('log-delete', async (redis) => {
      const removal = redis.multi();
      for (const json of theirs) removal.lrem(this.key(), 0, json);
      await execOrThrow(removal.exec());
    });
  }

  private key(): string {
    return this.redis.key('log', this.name);
  }
}
