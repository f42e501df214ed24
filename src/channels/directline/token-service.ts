import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a Direct Line token grants: one conversation, as one user, until it expires. */
export const TokenClaimsSchema = z.object({
  conversationId: z.string().min(1),
  userId: z.string().min(1),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const CHECKED_TOKENS = 10_000;

/** Azure's Direct Line tokens last 30 minutes and can be refreshed until then. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

/**
 * Signs and checks Direct Line tokens (HMAC-SHA256 over the claims). Tokens carry their own
 * claims, so any instance holding the key can check them; without a configured key each process
 * makes its own, and tokens die with it.
 */
export class TokenService {
  private readonly key: Buffer;
  /** Tokens already checked: every request carries one, and checking costs an HMAC and a parse. */
  private readonly checked = new Map<string, TokenClaims>();

  constructor(key: string | undefined, private readonly now: () => number = () => Math.floor(Date.now() / 1000)) {
    this.key = key ? createHmac('sha256', 'giftbot-directline-token').update(key).digest() : randomBytes(32);
  }

  issue(conversationId: string, userId: string): { token: string; expiresIn: number } {
    const claims: TokenClaims = { conversationId, userId, exp: this.now() + TOKEN_LIFETIME_SECONDS };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  check(token: string): TokenCheck {
    const known = this.checked.get(token);
    if (known) return known.exp > this.now() ? { ok: true, claims: known } : { ok: false, reason: 'expired' };
    const result = this.verify(token);
    if (result.ok) {
      if (this.checked.size >= CHECKED_TOKENS) this.checked.delete(this.checked.keys().next().value!);
      this.checked.set(token, result.claims);
    }
    return result;
  }

  private verify(token: string): TokenCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const parsed = TokenClaimsSchema.safeParse(claims);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    if (parsed.data.exp <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: parsed.data };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
