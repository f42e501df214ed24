import { randomUUID } from 'node:crypto';
import {
  archiveWords,
  matchesQuery,
  ArchivedConversationSchema,
  ArchiveQuerySchema,
  REPORT_RANGE_MAX,
  type ArchivedConversation,
  type ArchiveQuery,
  type ConversationArchive,
} from '../../handoff/conversation-archive';
import { execOrThrow, safeJson, type RedisConnection } from './redis-connection';

type Query = ReturnType<typeof ArchiveQuerySchema.parse>;

/** MGET at most this many keys at once, so one reply stays a reasonable size. */
const MGET_CHUNK = 1000;
/** Expire at most this many entries in one MULTI, so a first run over a long backlog doesn't block Redis. */
const EXPIRE_CHUNK = 200;

/**
 * Closed conversations in Redis: each entry as JSON under archive:entry:<handoff>, a sorted set of
 * handoff ids by closedAt (archive:closed), and a set of handoff ids per word (archiveWords of
 * summary and transcript), brand, agent, reason, tag, channel, user and conversation
 * (archive:by:<kind>:<value>). A search intersects the sets it needs with the sorted set in one
 * ZINTERSTORE (into a key of its own, deleted in the same MULTI), then takes the newest in range.
 */
export class RedisArchive implements ConversationArchive {
  constructor(
    private readonly redis: RedisConnection,
    private readonly onBadEntry: (handoffId: string, reason: string) => void = () => undefined,
  ) {}

  async save(entry: ArchivedConversation): Promise<void> {
    const e = ArchivedConversationSchema.parse(entry);
    const old = await this.read([e.handoffId]);
    const fresh = new Set(this.indexKeys(e));
    // The old entry's sets it no longer belongs to, emptied of it in the same MULTI as the new write.
    const stale = (old[0] ? this.indexKeys(old[0]) : []).filter((key) => !fresh.has(key));
    await this.redis.run('archive-save', async (redis) => {
      const change = redis.multi();
      for (const key of stale) change.srem(key, e.handoffId);
      change.set(this.entryKey(e.handoffId), JSON.stringify(e));
      change.zadd(this.closedKey(), e.closedAt, e.handoffId);
      for (const key of fresh) change.sadd(key, e.handoffId);
      await execOrThrow(change.exec());
    });
  }

  async get(handoffId: string): Promise<ArchivedConversation | undefined> {
    return (await this.read([handoffId]))[0];
  }

  async search(query: ArchiveQuery): Promise<ArchivedConversation[]> {
    const q = ArchiveQuerySchema.parse(query);
    const sets = this.queryKeys(q);
    const max = q.to === undefined ? '+inf' : `(${q.to}`;
    const min = q.from === undefined ? '-inf' : String(q.from);
    const ids = await this.redis.run('archive-search', async (redis): Promise<string[]> => {
      if (sets.length === 0) return redis.zrange(this.closedKey(), max, min, 'BYSCORE', 'REV', 'LIMIT', 0, q.limit);
      // Sets' members score 1, weighted 0: the intersection keeps each entry's closedAt as its score.
      const scratch = this.redis.key('archive', 'search', randomUUID());
      const replies = await redis
        .multi()
        .zinterstore(scratch, sets.length + 1, this.closedKey(), ...sets, 'WEIGHTS', 1, ...sets.map(() => 0))
        .zrange(scratch, max, min, 'BYSCORE', 'REV', 'LIMIT', 0, q.limit)
        .del(scratch)
        .exec();
      const found = replies?.[1];
      if (!found || found[0]) throw found?.[0] ?? new Error('Redis transaction aborted');
      return found[1] as string[]; // ZRANGE's reply: member names.
    });
    // Checked again against the entry itself: a save racing this search may have left a set stale.
    return (await this.read(ids)).filter((e) => matchesQuery(e, q));
  }

  async range(from: number, to: number): Promise<ArchivedConversation[]> {
    const ids = await this.redis.run('archive-range', (redis) => redis.zrange(this.closedKey(), String(from), `(${to}`, 'BYSCORE', 'LIMIT', 0, REPORT_RANGE_MAX));
    return this.read(ids);
  }

  async removeConversation(conversationId: string): Promise<void> {
    const conversationKey = this.redis.key('archive', 'by', 'conversation', conversationId);
    const ids = await this.redis.run('archive-read', (redis) => redis.smembers(conversationKey));
    const entries = await this.read(ids);
    await this.redis.run('archive-remove', async (redis) => {
      const removal = redis.multi();
      for (const e of entries) for (const key of this.indexKeys(e)) removal.srem(key, e.handoffId);
      // Ids whose entry no longer reads are removed too: nothing of the person stays behind.
      for (const id of ids) removal.del(this.entryKey(id)).zrem(this.closedKey(), id);
      removal.del(conversationKey);
      await execOrThrow(removal.exec());
    });
  }

  async expire(before: number): Promise<number> {
    let count = 0;
    for (;;) {
      const ids = await this.redis.run('archive-read', (redis) => redis.zrange(this.closedKey(), '-inf', `(${before}`, 'BYSCORE', 'LIMIT', 0, EXPIRE_CHUNK));
      if (ids.length === 0) return count;
      const entries = new Map((await this.read(ids)).map((e) => [e.handoffId, e]));
      // An id saved again meanwhile with a newer closedAt stays (its new score keeps it out of the
      // next round); ids whose entry is gone or unreadable go, so nothing stays behind.
      const gone = ids.filter((id) => (entries.get(id)?.closedAt ?? -Infinity) < before);
      if (gone.length === 0) return count;
      await this.redis.run('archive-expire', async (redis) => {
        const removal = redis.multi();
        for (const id of gone) {
          const e = entries.get(id);
          for (const key of e ? this.indexKeys(e) : []) removal.srem(key, id);
          removal.del(this.entryKey(id)).zrem(this.closedKey(), id);
        }
        await execOrThrow(removal.exec());
      });
      count += gone.length;
    }
  }

  /** The entries of these ids, in order; missing ones are left out, unreadable ones reported. */
  private async read(ids: string[]): Promise<ArchivedConversation[]> {
    const entries: ArchivedConversation[] = [];
    for (let start = 0; start < ids.length; start += MGET_CHUNK) {
      const chunk = ids.slice(start, start + MGET_CHUNK);
      const stored = await this.redis.run('archive-read', (redis) => redis.mget(chunk.map((id) => this.entryKey(id))));
      stored.forEach((json, index) => {
        if (json === null) return;
        const parsed = ArchivedConversationSchema.safeParse(safeJson(json));
        if (parsed.success) entries.push(parsed.data);
        else this.onBadEntry(chunk[index]!, parsed.error.message.slice(0, 200));
      });
    }
    return entries;
  }

  /** Every set an entry is in. */
  private indexKeys(e: ArchivedConversation): string[] {
    const keys = [this.by('conversation', e.conversationId), this.by('channel', e.channel)];
    if (e.userId !== null) keys.push(this.by('user', e.userId));
    if (e.brand !== null) keys.push(this.by('brand', e.brand));
    if (e.agent) keys.push(this.by('agent', e.agent.id));
    if (e.reason !== null) keys.push(this.by('reason', e.reason));
    for (const tag of new Set(e.tags)) keys.push(this.by('tag', tag));
    for (const word of new Set(archiveWords(`${e.summary} ${e.text}`))) keys.push(this.by('word', word));
    return keys;
  }

  /** The sets a query intersects. */
  private queryKeys(q: Query): string[] {
    const keys: string[] = [];
    if (q.brand !== undefined) keys.push(this.by('brand', q.brand));
    if (q.agent !== undefined) keys.push(this.by('agent', q.agent));
    if (q.reason !== undefined) keys.push(this.by('reason', q.reason));
    if (q.tag !== undefined) keys.push(this.by('tag', q.tag));
    if (q.channel !== undefined) keys.push(this.by('channel', q.channel));
    if (q.userId !== undefined) keys.push(this.by('user', q.userId));
    for (const word of new Set(archiveWords(q.text ?? ''))) keys.push(this.by('word', word));
    return keys;
  }

  private by(kind: string, value: string): string {
    return this.redis.key('archive', 'by', kind, value);
  }

  private entryKey(handoffId: string): string {
    return this.redis.key('archive', 'entry', handoffId);
  }

  private closedKey(): string {
    return this.redis.key('archive', 'closed');
  }
}
