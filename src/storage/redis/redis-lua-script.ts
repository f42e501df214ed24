import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script, run by its SHA1 (EVALSHA) and sent in full only when Redis doesn't know it yet —
 * after a restart its script cache is empty. Scripts run atomically: nothing else runs in between.
 */
export class LuaScript {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async eval(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
