import type { Storage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import { EtagConflictError } from '../../core/etag-conflict';
import { scanAll, type RedisConnection } from './redis-connection';
import { LuaScript } from './redis-lua-script';
import { heldTurn } from './redis-turn-commit';

/**
 * Writes items, checking every eTag before writing any, so a conflict changes nothing.
 * KEYS[1..n]: the items' hashes (fields `doc`, `etag`); KEYS[n+1]: the eTag counter.
 * ARGV: doc JSON and expected eTag per item (in KEYS order), then the TTL in ms (0: kept for good).
 * An expected eTag of '' or '*', or an item not there yet, always writes (as MemoryStorage does).
 * Returns 0 when written, or the (1-based) index of the first item whose eTag didn't match.
 */
const WRITE_ITEMS = new LuaScript(
  'storage-write',
  `
local n = #KEYS - 1
local ttl = tonumber(ARGV[2 * n + 1])
for i = 1, n do
  local expected = ARGV[2 * i]
  if expected ~= '' and expected ~= '*' then
    local current = redis.call('HGET', KEYS[i], 'etag')
    if current and current ~= expected then return i end
  end
end
for i = 1, n do
  local etag = tostring(redis.call('INCR', KEYS[n + 1]))
  redis.call('HSET', KEYS[i], 'doc', ARGV[2 * i - 1], 'etag', etag)
  if ttl > 0 then redis.call('PEXPIRE', KEYS[i], ttl) else redis.call('PERSIST', KEYS[i]) end
end
return 0
`,
);

/** The counter eTags come from (RedisDirectLineStore's turn commit takes them from it too). */
export const ETAG_COUNTER = 'storage-etag';

/**
 * giftbot's own items ("giftbot/…", e.g. the Direct Line token key) are not a person's data and must
 * not expire: an instance started after the TTL would sign with a new key the running ones reject.
 */
function isServiceItem(key: string): boolean {
  return key.startsWith('giftbot/');
}

const StoredItemSchema = z.tuple([z.string().nullable(), z.string().nullable()]);
const DocSchema = z.record(z.string(), z.unknown());

export interface RedisStorageOptions {
  /** An item nobody writes for this long is forgotten (conversation state of a finished conversation). */
  ttlMs: number;
}

/** botbuilder Storage with eTags, shared by every instance: each item a hash of its JSON and its eTag. */
export class RedisStorage implements Storage {
  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisStorageOptions,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.redis.run('storage-read', (redis) => Promise.all(keys.map((key) => redis.hmget(this.itemKey(key), 'doc', 'etag'))));
    const items: StoreItems = {};
    keys.forEach((key, index) => {
      const [doc, eTag] = StoredItemSchema.parse(rows[index]);
      if (doc !== null && eTag !== null) items[key] = { ...DocSchema.parse(JSON.parse(doc)), eTag };
    });
    return items;
  }

  /**
   * All or nothing: one conflicting item and none is written. Inside a turn held by the turn commit
   * (redis-turn-commit.ts), the conversation's state is kept with the rest of the turn.
   */
  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    // Serialized now: botbuilder may change the objects it passed once this resolves.
    const items = keys.map((key) => docAndEtag(changes[key]));
    const turn = heldTurn(this.redis);
    if (turn && keys.every((key) => isConversationKey(key, turn.conversationId))) {
      // A stale read fails the turn now, before it answers, so the adapter can run it again; the commit checks again.
      const current = await this.redis.run('storage-etags', (redis) => Promise.all(keys.map((key) => redis.hget(this.itemKey(key), 'etag'))));
      const stale = keys.findIndex((key, i) => current[i] !== null && hasEtag(items[i]![1]) && current[i] !== items[i]![1]);
      if (stale >= 0) throw new EtagConflictError(keys[stale]!);
      const held = (turn.state ??= { counterKey: this.redis.key(ETAG_COUNTER), items: new Map(), ttlMs: this.options.ttlMs });
      keys.forEach((key, i) => held.items.set(this.itemKey(key), { doc: items[i]![0], eTag: items[i]![1] }));
      return;
    }
    const redisKeys = [...keys.map((key) => this.itemKey(key)), this.redis.key(ETAG_COUNTER)];
    const args = [...items.flat(), keys.some(isServiceItem) ? 0 : this.options.ttlMs];
    const result = z.number().parse(await this.redis.script(WRITE_ITEMS, redisKeys, args));
    if (result !== 0) throw new EtagConflictError(keys[result - 1]!);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis.run('storage-delete', (redis) => redis.del(...keys.map((key) => this.itemKey(key))));
  }

  /**
   * Forgets a conversation's state in every channel. ConversationState keys are
   * "<channel>/conversations/<conversation id>/<namespace>"; a scan finds them (purges are rare).
   */
  async deleteConversation(conversationId: string): Promise<void> {
    const pattern = this.itemKey(`*/conversations/${escapeGlob(conversationId)}*`);
    const found = await this.redis.run('storage-scan', (redis) => scanAll(redis, pattern));
    const mine = found.filter((key) => isConversationKey(key.slice(this.itemKey('').length), conversationId));
    if (mine.length > 0) await this.redis.run('storage-delete', (redis) => redis.del(...mine));
  }

  private itemKey(key: string): string {
    return this.redis.key('state', key);
  }
}

/** The item as stored (without its eTag) and the eTag the writer read, '' when none. */
function docAndEtag(item: unknown): [string, string] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new TypeError('Storage: an item must be an object');
  const { eTag, ...doc } = item as Record<string, unknown>;
  return [JSON.stringify(doc), typeof eTag === 'string' ? eTag : ''];
}

/** An eTag the write must match: not missing, '' or '*' (those always write, as MemoryStorage does). */
function hasEtag(eTag: string): boolean {
  return eTag !== '' && eTag !== '*';
}

/** The glob's wildcard characters matched literally, for SCAN MATCH. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * "<channel>/conversations/<id>" or "<channel>/conversations/<id>/…" with a channel that has no
 * slash: the scan's wildcards also match ids that merely start the same, and deeper keys.
 */
function isConversationKey(key: string, conversationId: string): boolean {
  const slash = key.indexOf('/');
  if (slash <= 0) return false;
  const rest = key.slice(slash + 1);
  const own = `conversations/${conversationId}`;
  return rest === own || rest.startsWith(`${own}/`);
}
