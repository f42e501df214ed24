import { Redis } from 'ioredis';
import { ClientLimits, LIMIT_KINDS, type LimitSettings } from '../../../src/limits/client-limits';
import { startRedis } from '../../helpers/redis-server';

const only = (settings: Partial<LimitSettings>): LimitSettings => ({ ...(Object.fromEntries(LIMIT_KINDS.map((k) => [k, 'off'])) as LimitSettings), ...settings });

describe('ClientLimits', () => {
  test('when a key uses up its allowance, then it is refused with the seconds to wait, and other keys and kinds are not', async () => {
    const refused: string[] = [];
    const limits = new ClientLimits({ settings: only({ 'posts-per-ip': { points: 2, seconds: 30 } }), onRefused: (kind) => refused.push(kind) });
    expect(await limits.consume('posts-per-ip', 'a')).toEqual({ ok: true });
    expect(await limits.consume('posts-per-ip', 'a')).toEqual({ ok: true });
    const third = await limits.consume('posts-per-ip', 'a');
    expect(third).toEqual({ ok: false, kind: 'posts-per-ip', retryAfter: expect.any(Number) });
    expect(third.ok === false && third.retryAfter >= 1 && third.retryAfter <= 30).toBe(true);
    expect(await limits.consume('posts-per-ip', 'b')).toEqual({ ok: true });
    expect(await limits.consume('overall', 'a')).toEqual({ ok: true });
    expect(limits.enabled('overall')).toBe(false);
    expect(refused).toEqual(['posts-per-ip']);
  });

  test('when several limits are checked, then the first refusal is reported and the later ones are not counted', async () => {
    const limits = new ClientLimits({ settings: only({ 'handoffs-per-conversation': { points: 1, seconds: 60 }, 'handoffs-per-ip': { points: 1, seconds: 60 } }) });
    expect((await limits.consumeAll([['handoffs-per-conversation', 'c1'], ['handoffs-per-ip', 'ip']])).ok).toBe(true);
    expect(await limits.consumeAll([['handoffs-per-conversation', 'c1'], ['handoffs-per-ip', 'ip']])).toMatchObject({ ok: false, kind: 'handoffs-per-conversation' });
    // An unknown address (undefined) is skipped, not counted under one shared key.
    expect((await limits.consumeAll([['handoffs-per-conversation', 'c2'], ['handoffs-per-ip', undefined]])).ok).toBe(true);
  });

  test('when a very long key is used, then it is counted (hashed) like any other', async () => {
    const limits = new ClientLimits({ settings: only({ 'posts-per-conversation': { points: 1, seconds: 60 } }) });
    const key = 'x'.repeat(5000);
    expect((await limits.consume('posts-per-conversation', key)).ok).toBe(true);
    expect((await limits.consume('posts-per-conversation', key)).ok).toBe(false);
  });

  test('when Redis is there, then counts are shared by two instances; when it is gone, each counts in memory and nothing throws', async () => {
    const redis = await startRedis();
    const clients = [0, 1].map(() => new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => 200 }));
    clients.forEach((client) => client.on('error', () => undefined));
    try {
      await Promise.all(clients.map((client) => client.connect()));
      const failures: string[] = [];
      const [one, two] = clients.map((client) => new ClientLimits({ settings: only({ 'tokens-per-ip': { points: 3, seconds: 60 } }), shared: { client, keyPrefix: 'test:limit:' }, onStoreFailed: (kind) => failures.push(kind) }));
      const shared = [await one!.consume('tokens-per-ip', 'ip'), await two!.consume('tokens-per-ip', 'ip'), await one!.consume('tokens-per-ip', 'ip'), await two!.consume('tokens-per-ip', 'ip')];
      expect(shared.map((r) => r.ok)).toEqual([true, true, true, false]);
      expect(await clients[0]!.keys('test:limit:*')).toEqual(['test:limit:tokens-per-ip:ip']);

      await redis.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The insurance limiter in each process takes over: 3 more each, then refused, never an error.
      const alone = [];
      for (let i = 0; i < 4; i++) alone.push(await one!.consume('tokens-per-ip', 'other-ip'));
      expect(alone.map((r) => r.ok)).toEqual([true, true, true, false]);
      expect(failures).toEqual([]);
    } finally {
      clients.forEach((client) => client.disconnect());
      await redis.stop();
    }
  }, 30_000);
});
