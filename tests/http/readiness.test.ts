import type { TurnContext } from 'botbuilder';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonLogger } from '../../src/app/logger';
import { startServer, type RunningServer } from '../../src/app/server';
import { loadConfig } from '../../src/config/config';
import { openSqliteBackend } from '../../src/storage/sqlite/sqlite-backend';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { LOOPBACK_LIMITS } from '../helpers/loopback-limits';
import { ROOT } from '../helpers/paths';
import { eventually, startTestServer, type TestServer } from '../helpers/server';

/**
 * /healthz is liveness (the process answers); /readyz is readiness: storage answers a real round
 * trip and the knowledge base is loaded, else 503 naming what isn't. Redis down must give 503
 * quickly — stopped, killed or hung — and the process must keep serving throughout.
 */
const get = async (server: { url: string }, route: string) => {
  const started = Date.now();
  const res = await fetch(`${server.url}${route}`);
  const text = await res.text();
  // any: the test reads whatever JSON came back.
  const body: any = JSON.parse(text);
  return { status: res.status, body, text, ms: Date.now() - started, cacheControl: res.headers.get('cache-control') };
};
const readyWithin = async (server: { url: string }, status: number, ms: number) =>
  eventually(async () => {
    const res = await get(server, '/readyz');
    return res.status === status ? res : undefined;
  }, ms, `/readyz ${status}`);

describe('/readyz on SQLite (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test('when storage answers and knowledge is loaded, then /readyz is 200 with each check ok and the brand count, and is never cached', async () => {
    const res = await get(server, '/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { server: 'ok', storage: 'ok', knowledge: 'ok' }, brands: expect.any(Number) });
    expect(res.body.brands).toBeGreaterThan(10);
    expect(res.cacheControl).toBe('no-store');
    expect((await get(server, '/healthz')).body).toEqual({ status: 'ok' });
  });

  test('when the database is closed under it, then /readyz is 503 naming storage, with no message, path or stack, and /healthz stays 200', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-ready-'));
    const backend = openSqliteBackend({ file: path.join(dataDir, 'giftbot.db'), log: jsonLogger(() => undefined) });
    const logs: string[] = [];
    const running = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, ...LOOPBACK_LIMITS }), { root: ROOT, log: jsonLogger((line) => logs.push(line)), backend });
    try {
      expect((await get(running, '/readyz')).status).toBe(200);
      await backend.close();
      const res = await get(running, '/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'not-ready', notReady: ['storage'], checks: { server: 'ok', storage: 'unreachable', knowledge: 'ok' } });
      expect(res.text).not.toContain(dataDir);
      expect(res.text).not.toMatch(/\bat \w|Error/);
      expect((await get(running, '/healthz')).status).toBe(200);
      // The reason goes to the log, once, on the change.
      await (await fetch(`${running.url}/readyz`)).text();
      expect(logs.filter((line) => line.includes('"event":"not-ready"'))).toHaveLength(1);
    } finally {
      await running.close();
    }
  });
});

describe('/readyz on Redis, with Redis going away and coming back', () => {
  let redis: RedisServer;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startRedis();
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    redis.thaw();
    await server.close();
    await redis.stop();
  });

  test('when Redis answers PING, then 200; stopped, 503 within a few seconds naming storage; started again, 200 again; the process serves throughout', async () => {
    expect((await get(server, '/readyz')).body).toMatchObject({ status: 'ready', checks: { storage: 'ok' } });

    await redis.restart(); // the same port, a fresh server: the clients must reconnect
    await readyWithin(server, 200, 8000);

    // Down until the 503 is seen: a restart alone can be back before any probe runs (it flaked so).
    await redis.down();
    const stopped = Date.now();
    const down = await readyWithin(server, 503, 5000);
    expect(Date.now() - stopped).toBeLessThan(5000);
    expect(down.body).toMatchObject({ status: 'not-ready', notReady: ['storage'], checks: { storage: expect.stringMatching(/^(unreachable|timeout)$/) } });
    expect(down.text).not.toContain(String(redis.port));
    await redis.up();
    await readyWithin(server, 200, 8000);
  });

  test('when redis-server is killed, then 503 within a few seconds while /healthz stays 200, and 200 once it is back', async () => {
    const killed = Date.now();
    redis.kill();
    const down = await readyWithin(server, 503, 5000);
    expect(Date.now() - killed).toBeLessThan(5000);
    expect(down.ms).toBeLessThan(2000);
    expect((await get(server, '/healthz')).status).toBe(200);
    await redis.restart();
    await readyWithin(server, 200, 8000);
  });

  test('when Redis hangs (SIGSTOP: connected, answering nothing), then /readyz answers 503 "timeout" in about a second, not after the client\'s 5 s command timeout', async () => {
    redis.freeze();
    try {
      const res = await get(server, '/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.storage).toBe('timeout');
      expect(res.ms).toBeLessThan(2500);
      expect((await get(server, '/healthz')).status).toBe(200);
    } finally {
      redis.thaw();
    }
    await readyWithin(server, 200, 8000);
    expect(server.logs.some((line) => line.includes('"event":"not-ready"') && line.includes('"storage":"redis"'))).toBe(true);
    expect(server.logs.some((line) => line.includes('"event":"ready"'))).toBe(true);
  });
});

describe('/readyz with a bot that reads no knowledge (the echo bot of bench:http)', () => {
  test('when the bot has no knowledge base, then knowledge is "not used" and readiness is storage alone: 200', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-ready-'));
    const echo = { bot: { run: async (context: TurnContext) => void (await context.sendActivity(context.activity.text ?? '')) }, middleware: [] };
    const running: RunningServer = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, ...LOOPBACK_LIMITS }), { root: ROOT, log: jsonLogger(() => undefined), bot: echo });
    try {
      const res = await get(running, '/readyz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', checks: { server: 'ok', storage: 'ok', knowledge: 'not used' } });
    } finally {
      await running.close();
    }
  });
});
