import { randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { isEtagConflict } from '../../core/etag-conflict';

const KEY_ITEM = 'giftbot/directline/token-key';
/** Any eTag but "*": written to a missing item it creates it, to an existing one it conflicts. */
const CREATE_ONLY = 'create-only';

/**
 * What Direct Line tokens are signed with. DIRECTLINE_SECRET when set; otherwise a random key kept
 * in storage — so tokens survive a restart (SQLite) and every instance accepts the others' (Redis).
 * The first instance to store one wins; the others read it back.
 */
export async function tokenKey(secret: string | undefined, storage: Storage): Promise<string> {
  if (secret) return secret;
  const stored = await readKey(storage);
  if (stored) return stored;
  try {
    await storage.write({ [KEY_ITEM]: { key: randomBytes(32).toString('base64url'), eTag: CREATE_ONLY } });
  } catch (err) {
    if (!isEtagConflict(err)) throw err;
  }
  const key = await readKey(storage);
  if (!key) throw new Error('the Direct Line token key could not be stored');
  return key;
}

async function readKey(storage: Storage): Promise<string | undefined> {
  const item = (await storage.read([KEY_ITEM]))[KEY_ITEM] as { key?: unknown } | undefined;
  return typeof item?.key === 'string' ? item.key : undefined;
}
