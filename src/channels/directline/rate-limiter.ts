/** How many messages one conversation may send at once, and how fast the allowance comes back. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** Enough for a person (and for 20 messages fired at once by a test of ordering); a flood is not. */
export const CONVERSATION_RATE: RateLimit = { burst: 30, perSecond: 2 };
/** Buckets remembered; a bucket that has refilled completely holds nothing worth keeping. */
const KEPT = 10_000;

/**
 * A token bucket per key: each post takes one; they come back at `perSecond`. A flood into one
 * conversation is refused while every other conversation carries on unaffected.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limit: RateLimit = CONVERSATION_RATE, private readonly now: () => number = Date.now) {}

  /** Takes one token; false (and the seconds until one is back) when there is none. */
  take(key: string): { ok: true } | { ok: false; retryAfter: number } {
    const at = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((at - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = at;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > KEPT) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens < 1) return { ok: false, retryAfter: Math.ceil((1 - bucket.tokens) / this.limit.perSecond) };
    bucket.tokens -= 1;
    return { ok: true };
  }
}
