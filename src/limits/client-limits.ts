import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { LimitSpec } from './limit-spec';

/** Every limit giftbot keeps, by what it counts and per what. */
export const LIMIT_KINDS = [
  'tokens-per-ip',
  'conversations-per-ip',
  'posts-per-ip',
  'posts-per-conversation',
  'overall',
  'handoffs-per-conversation',
  'handoffs-per-ip',
] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

export type LimitSettings = Record<LimitKind, LimitSpec>;

export type LimitResult = { ok: true } | { ok: false; kind: LimitKind; retryAfter: number };

/** Where counts are shared between instances: the backend's own Redis client and a key prefix. */
export interface SharedLimitStore {
  client: Redis;
  keyPrefix: string;
}

export interface ClientLimitsOptions {
  settings: LimitSettings;
  /** Unset: counts live in this process (one instance). */
  shared?: SharedLimitStore;
  /** Told of every refusal (metrics) and of a store failure that let a request through. */
  onRefused?: (kind: LimitKind) => void;
  onStoreFailed?: (kind: LimitKind, reason: string) => void;
}

/** Keys longer than this are hashed: a client's conversation id must not become a huge Redis key. */
const MAX_KEY = 128;

/**
 * Counts requests per client in fixed windows (rate-limiter-flexible). With Redis the counts are
 * shared by every instance, so N instances still allow the limit once, not N times; each Redis
 * limiter has an in-memory insurance limiter that takes over at once while Redis can't be reached
 * (the limits then hold per instance), so an outage never turns requests into errors.
 */
export class ClientLimits {
  private readonly limiters = new Map<LimitKind, RateLimiterAbstract>();

  constructor(private readonly options: ClientLimitsOptions) {
    for (const kind of LIMIT_KINDS) {
      const spec = options.settings[kind];
      if (spec === 'off') continue;
      const base = { points: spec.points, duration: spec.seconds };
      const memory = new RateLimiterMemory({ ...base, keyPrefix: kind });
      this.limiters.set(
        kind,
        options.shared
          ? new RateLimiterRedis({
              ...base,
              storeClient: options.shared.client,
              keyPrefix: `${options.shared.keyPrefix}${kind}`,
              // With the client's offline queue off, a down Redis fails fast; this skips even the attempt.
              rejectIfRedisNotReady: true,
              insuranceLimiter: memory,
            })
          : memory,
      );
    }
  }

  /** Whether `kind` is counted at all (not "off"). */
  enabled(kind: LimitKind): boolean {
    return this.limiters.has(kind);
  }

  /** Takes one request off `key`'s allowance for `kind`; refused with the seconds until the window turns. */
  async consume(kind: LimitKind, key: string): Promise<LimitResult> {
    const limiter = this.limiters.get(kind);
    if (!limiter) return { ok: true };
    try {
      await limiter.consume(key.length > MAX_KEY ? createHash('sha256').update(key).digest('base64url') : key);
      return { ok: true };
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        this.options.onRefused?.(kind);
        return { ok: false, kind, retryAfter: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      }
      // Both the store and its insurance failed: letting one request through beats refusing everyone.
      this.options.onStoreFailed?.(kind, err instanceof Error ? err.message : String(err));
      return { ok: true };
    }
  }

  /** The first refusal among several limits, each consumed in order (later ones are not counted once one refuses). */
  async consumeAll(checks: ReadonlyArray<readonly [LimitKind, string | undefined]>): Promise<LimitResult> {
    for (const [kind, key] of checks) {
      if (key === undefined) continue;
      const result = await this.consume(kind, key);
      if (!result.ok) return result;
    }
    return { ok: true };
  }
}
