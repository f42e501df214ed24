import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LocalLocks, type ConversationLocks } from '../../core/conversation-locks';
import type { Logger } from '../../core/logger';
import type { RedisConnection } from './redis-connection';
import { isRedisUnavailable } from './redis-errors';
import { LuaScript } from './redis-lua-script';

/** Deletes the lock only if it is still ours (it may have expired and been taken). KEYS[1] the lock; ARGV: our token. */
const RELEASE_LOCK = new LuaScript(
  'lock-release',
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`,
);

/** Pushes the lock's expiry back only if it is still ours. KEYS[1] the lock; ARGV: our token, TTL ms. */
const EXTEND_LOCK = new LuaScript(
  'lock-extend',
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`,
);

/** Waiting for a conversation's lock took longer than allowed (another instance's turn is stuck). */
export class LockWaitTimeoutError extends Error {
  readonly code = 'lock-timeout';

  constructor(key: string, waitedMs: number) {
    super(`gave up waiting ${waitedMs} ms for the lock on "${key}"`);
  }
}

export interface RedisLockOptions {
  /** A lock whose holder vanished (crashed instance) frees itself after this; renewed while the task runs. */
  ttlMs?: number;
  /** How long a task waits for the lock before its run() rejects with LockWaitTimeoutError. */
  waitMs?: number;
  /** Called each time the lock was found held by someone else (metrics; tests see the wait begin). */
  onContended?: (key: string) => void;
}

const DEFAULT_TTL_MS = 15_000;
const DEFAULT_WAIT_MS = 30_000;
/** Polling backoff while the lock is held elsewhere: short, since turns are short. */
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;

interface HeldLock {
  key: string;
  token: string;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Conversation locks across instances. Tasks of one key queue locally first (in arrival order, as
 * LocalLocks), and the task at the head also takes a Redis lock (SET NX PX with a random token),
 * so two instances never run turns of one conversation at once. If Redis can't be reached, run()
 * rejects with RedisUnavailableError: a task never runs unlocked.
 */
export class RedisLocks implements ConversationLocks {
  private readonly local = new LocalLocks();
  private readonly ttlMs: number;
  private readonly waitMs: number;
  /** Locks that may still be held in Redis though their task is over: released once Redis is back. */
  private readonly leftover = new Set<HeldLock>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly log: Logger,
    private readonly options: RedisLockOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.whileHolding(key, task));
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  private async whileHolding<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lock = await this.acquire(key);
    const stopRenewing = this.keepRenewed(lock);
    try {
      return await task();
    } finally {
      stopRenewing();
      await this.release(lock);
    }
  }

  private async acquire(key: string): Promise<HeldLock> {
    const lock = { key, token: randomUUID() };
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      if (await this.tryAcquire(lock)) return lock;
      this.options.onContended?.(key);
      if (Date.now() >= deadline) throw new LockWaitTimeoutError(key, this.waitMs);
      await pause(retryDelay(attempt));
    }
  }

  private async tryAcquire(lock: HeldLock): Promise<boolean> {
    try {
      const reply = await this.redis.run('lock-acquire', (redis) => redis.set(this.lockKey(lock.key), lock.token, 'PX', this.ttlMs, 'NX'));
      return reply === 'OK';
    } catch (err) {
      // Redis may have taken the lock and lost only its reply: release it when Redis is back (the
      // release checks the token, so a lock never taken is left alone).
      if (isRedisUnavailable(err)) this.releaseWhenBack(lock);
      throw err;
    }
  }

  /** Renews the lock every third of its TTL while the task runs, so a long turn keeps it. */
  private keepRenewed(lock: HeldLock): () => void {
    const timer = setInterval(() => void this.extend(lock), Math.max(1, Math.floor(this.ttlMs / 3)));
    timer.unref();
    return () => clearInterval(timer);
  }

  private async extend(lock: HeldLock): Promise<void> {
    try {
      const extended = z.number().parse(await this.redis.script(EXTEND_LOCK, [this.lockKey(lock.key)], [lock.token, this.ttlMs]));
      if (extended === 0) this.log.warn('lock-lost', { key: lock.key, reason: 'expired and taken while the task ran' });
    } catch (err) {
      // The task goes on; if Redis stays away past the TTL another instance may take the lock.
      this.log.warn('lock-renew-failed', { key: lock.key, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * A failed release is logged, not thrown: the task's outcome stands. If Redis was unreachable the
   * lock is released again as soon as it is back; otherwise it expires by itself.
   */
  private async release(lock: HeldLock): Promise<void> {
    try {
      await this.redis.script(RELEASE_LOCK, [this.lockKey(lock.key)], [lock.token]);
      this.leftover.delete(lock);
    } catch (err) {
      if (isRedisUnavailable(err)) this.releaseWhenBack(lock);
      this.log.warn('lock-release-failed', { key: lock.key, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * Without this, a conversation whose turn a Redis outage cut short stays locked for the rest of the
   * TTL once Redis is back (with AOF the lock survives a restart), and its posts just wait.
   */
  private releaseWhenBack(lock: HeldLock): void {
    this.leftover.add(lock);
    this.redis.whenReady(this, () => void this.releaseLeftovers());
  }

  private async releaseLeftovers(): Promise<void> {
    for (const lock of [...this.leftover]) await this.release(lock);
  }

  private lockKey(key: string): string {
    return this.redis.key('lock', key);
  }
}

/** Exponential backoff with jitter (instances waiting on one lock don't retry in step), capped. */
function retryDelay(attempt: number): number {
  const ceiling = Math.min(FIRST_RETRY_MS * 2 ** attempt, MAX_RETRY_MS);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
