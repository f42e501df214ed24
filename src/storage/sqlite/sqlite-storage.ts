import type { Storage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import { EtagConflictError } from '../../core/etag-conflict';
import type { SqliteDatabase, Statement } from './sqlite-database';

const StateRowSchema = z.object({ doc: z.string(), etag: z.number().int() });
const DocumentSchema = z.record(z.string(), z.unknown());
/** What botbuilder hands to `write`: any JSON object, maybe with the eTag it was read with. */
const StoreItemSchema = z.looseObject({ eTag: z.string().optional() });

/**
 * botbuilder Storage in SQLite, with eTag optimistic concurrency as in botbuilder's MemoryStorage:
 * an item written with no eTag or "*" overwrites; with an eTag it must match the stored one. eTags
 * are a counter shared by the whole file, so a key deleted and written again never reuses an old one.
 */
export class SqliteStorage implements Storage {
  private readonly select: Statement<[string]>;
  private readonly upsert: Statement<[string, string, number]>;
  private readonly updateIfMatch: Statement<[string, number, string, number]>;
  private readonly exists: Statement<[string]>;
  private readonly remove: Statement<[string]>;
  private readonly keysContaining: Statement<[string]>;

  constructor(private readonly db: SqliteDatabase) {
    this.select = db.prepare('SELECT doc, etag FROM state WHERE key = ?');
    this.upsert = db.prepare('INSERT INTO state (key, doc, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc, etag = excluded.etag');
    // The compare-and-set: holds across processes sharing the file, whatever they read before.
    this.updateIfMatch = db.prepare('UPDATE state SET doc = ?, etag = ? WHERE key = ? AND etag = ?');
    this.exists = db.prepare<[string]>('SELECT 1 FROM state WHERE key = ?').pluck();
    this.remove = db.prepare('DELETE FROM state WHERE key = ?');
    // instr() narrows the scan; isConversationKey decides (LIKE would read "%" and "_" in ids as wildcards).
    this.keysContaining = db.prepare<[string]>('SELECT key FROM state WHERE instr(key, ?) > 0').pluck();
  }

  async read(keys: string[]): Promise<StoreItems> {
    const readAll = () => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.select.get(key);
        if (row !== undefined) items[key] = this.item(key, row);
      }
      return items;
    };
    // A turn reads one key: a lone SELECT is its own snapshot. Several keys must agree: one transaction.
    return keys.length > 1 ? this.db.read(readAll) : this.db.readOne(readAll);
  }

  /**
   * All or nothing: one conflicting item rolls back the whole batch (MemoryStorage saves the others).
   * Inside a turn held by `atomically`, the conversation's state commits with the turn's messages.
   */
  async write(changes: StoreItems): Promise<void> {
    // Serialized now: botbuilder may change the objects it passed once this resolves.
    const items = Object.entries(changes).map(([key, value]) => {
      const { eTag, ...doc } = StoreItemSchema.parse(value);
      return { key, eTag, json: JSON.stringify(doc) };
    });
    const held = this.db.holding()?.conversationId;
    if (held === undefined || !items.every(({ key }) => isConversationKey(key, held))) {
      this.db.write(() => items.forEach((item) => this.writeOne(item)));
      return;
    }
    // A stale read fails the turn now, before it answers, so the adapter can run it again; the commit checks again.
    // Items written with no eTag have nothing to check; one that has one is a lone SELECT.
    const checked = items.filter(({ eTag }) => hasEtag(eTag));
    const check = () => checked.forEach(({ key, eTag }) => this.checkEtag(key, eTag));
    if (checked.length > 1) this.db.read(check);
    else if (checked.length === 1) this.db.readOne(check);
    this.db.writeFor(held, () => items.forEach((item) => this.writeOne(item)));
  }

  async delete(keys: string[]): Promise<void> {
    this.db.write(() => {
      for (const key of keys) this.remove.run(key);
    });
  }

  /** Deletes a conversation's state, whatever the channel; how many keys went. */
  async deleteConversation(conversationId: string): Promise<number> {
    return this.db.write(() => this.removeConversation(conversationId));
  }

  /** As deleteConversation, synchronously, so a caller's `db.write` can join it to other deletions. */
  removeConversation(conversationId: string): number {
    const candidates = this.keysContaining.all(`/conversations/${conversationId}`);
    const keys = candidates.filter((key): key is string => typeof key === 'string' && isConversationKey(key, conversationId));
    for (const key of keys) this.remove.run(key);
    return keys.length;
  }

  private writeOne({ key, eTag, json }: { key: string; eTag: string | undefined; json: string }): void {
    const etag = this.db.next('etag');
    if (!hasEtag(eTag)) {
      this.upsert.run(key, json, etag);
      return;
    }
    if (this.updateIfMatch.run(json, etag, key, parseEtag(eTag)).changes === 1) return;
    if (this.exists.get(key) !== undefined) throw new EtagConflictError(key);
    // Nothing stored under the key (never written, or deleted since): MemoryStorage saves it too.
    this.upsert.run(key, json, etag);
  }

  /** What writeOne would refuse, found without writing. */
  private checkEtag(key: string, eTag: string | undefined): void {
    if (!hasEtag(eTag)) return;
    const row = this.select.get(key);
    if (row === undefined) return;
    const parsed = StateRowSchema.safeParse(row);
    if (!parsed.success) throw this.db.damaged(`state "${key}"`, parsed.error);
    if (parsed.data.etag !== parseEtag(eTag)) throw new EtagConflictError(key);
  }

  private item(key: string, row: unknown): Record<string, unknown> {
    try {
      const { doc, etag } = StateRowSchema.parse(row);
      return { ...DocumentSchema.parse(JSON.parse(doc)), eTag: String(etag) };
    } catch (err) {
      throw this.db.damaged(`state "${key}"`, err);
    }
  }
}

/** No eTag, or "*": the write overwrites whatever is stored. */
function hasEtag(eTag: string | undefined): eTag is string {
  return eTag !== undefined && eTag !== '' && eTag !== '*';
}

/** Our eTags are whole numbers; anything else can't match a stored one. */
function parseEtag(eTag: string): number {
  return /^\d+$/.test(eTag) ? Number(eTag) : -1;
}

/**
 * botbuilder keys a conversation's state `<channelId>/conversations/<conversationId>/<namespace>`
 * (PrivateConversationState adds `/users/<userId>`; ConversationState's namespace is '' by default,
 * so the key ends in "/"). The channel id has no "/"; user state (`<channel>/users/…`) is not matched.
 */
export function isConversationKey(key: string, conversationId: string): boolean {
  const slash = key.indexOf('/');
  if (slash <= 0) return false;
  const rest = key.slice(slash + 1);
  const prefix = `conversations/${conversationId}`;
  return rest === prefix || rest.startsWith(`${prefix}/`);
}
