import { isIP } from 'node:net';
import { z } from 'zod';

/** What express's "trust proxy" gets: false (the socket's address is the client), a hop count, or trusted addresses. */
export type TrustProxy = false | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY: unset, the client address is the socket's and X-Forwarded-For is ignored (a client
 * can't pick its own address to escape a limit). Behind a reverse proxy, name it: a hop count
 * ("1"), or comma-separated addresses, CIDR ranges or loopback / linklocal / uniquelocal.
 */
export const TrustProxySchema = z.string().transform((value, ctx): TrustProxy => {
  const text = value.trim();
  if (/^\d{1,2}$/.test(text)) return Number(text) === 0 ? false : Number(text);
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.find((e) => !isAddressOrRange(e));
  if (entries.length === 0 || bad !== undefined) {
    ctx.addIssue({ code: 'custom', message: `must be a hop count, or addresses / CIDR ranges / loopback, linklocal, uniquelocal${bad ? ` (not one: "${bad.slice(0, 60)}")` : ''}` });
    return z.NEVER;
  }
  return entries;
});
