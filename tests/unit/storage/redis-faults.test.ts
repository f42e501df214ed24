// The Redis backend when Redis goes away and comes back, against a real redis-server that the test
// kills and restarts on the same port. It proves that commands fail fast with RedisUnavailableError
// (no hang: each test's timeout is far below jest's), that a lock refuses to run its task unlocked,
// that the clients reconnect by themselves, and that pub/sub listeners hear messages again after
// the reconnect (ioredis subscribes again; giftbot's own reconcile only covers failed SUBSCRIBEs).
// Opening against a dead Redis fails clearly, and the logs never carry the URL's password.
import type { Activity } from 'botbuilder';
import { jsonLogger } from '../../../src/app/logger';
import { openRedisBackend, type RedisBackend } from '../../../src/storage/redis/redis-backend';
import { RedisUnavailableError } from '../../../src/storage/redis/redis-errors';
import { requestFor } from '../../helpers/handoff';
import { startRedis, type RedisServer } from '../../helpers/redis-server';

/** Well under jest's default, so a hang fails the test instead of stalling the run. */
const FAST_MS = 10_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds (the condition, not the time it took, is what the tests assert). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await pause(50);
}

const works = (command: () => Promise<unknown>) => () => command().then(() => true, () => false);

const activity = (conversationId: string): Activity =>
  ({ type: 'message', channelId: 'directline', conversation: { id: conversationId }, from: { id: 'u' }, recipient: { id: 'bot' }, text: 'hi', timestamp: new Date() }) as Activity;

let server: RedisServer;
let backend: RedisBackend;
let logged: string[];

beforeAll(async () => {
  server = await startRedis();
  logged = [];
  backend = await openRedisBackend({ url: server.url, log: jsonLogger((line) => logged.push(line)), transcriptDays: 1, prefix: 'faults:' });
}, 30_000);

afterAll(async () => {
  await backend?.close();
  await server?.stop();
});

test(
  'when Redis dies, then every kind of command rejects with RedisUnavailableError, and a lock never runs its task',
  async () => {
    await backend.directLine.create('c1', 'dl_user');
    server.kill();
    const unavailable = expect.objectContaining({ code: 'unavailable' });
    // The first command may be written before the client notices the socket closed; it fails too, after one retry.
    await expect(backend.storage.read(['k'])).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(backend.storage.write({ k: { v: 1 } })).rejects.toEqual(unavailable);
    await expect(backend.transcripts.logActivity(activity('c1'))).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(backend.handoff.file(requestFor('c1'), 'waiting', 1000)).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(backend.handoff.waiting()).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(backend.audit.read()).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(backend.directLine.append('c1', { type: 'message', text: 'lost' })).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(backend.directLine.create('c3', 'dl_user')).rejects.toBeInstanceOf(RedisUnavailableError); // a MULTI
    await expect(backend.purgeConversation('c1')).rejects.toBeInstanceOf(RedisUnavailableError);
    let ran = false;
    await expect(
      backend.locks.run('c1', async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(ran).toBe(false);
    // Publishing is fire-and-forget: it must not throw, only log.
    expect(() => backend.bus.publish('t', { lost: true })).not.toThrow();
  },
  FAST_MS,
);

/** Restarts Redis (empty: nothing is saved) and waits until this instance's commands work again. */
async function restartAndReconnect(): Promise<void> {
  await server.restart();
  await eventually(works(() => backend.storage.read(['k'])));
}

/** Publishes probes on `topic` until `heard` has one: then the subscriber connection is back and subscribed. */
async function probeUntilHeard(topic: string, heard: unknown[]): Promise<void> {
  await eventually(async () => {
    backend.bus.publish(topic, { type: 'probe' });
    await pause(100);
    return heard.length > 0;
  });
}

test(
  'when Redis comes back on the same port, then the clients reconnect by themselves, commands work and listeners hear again',
  async () => {
    await restartAndReconnect();
    const onBus: unknown[] = [];
    const onDirectLine: string[] = [];
    backend.bus.subscribe('agents', (message) => onBus.push(message));
    backend.directLine.listen((id) => onDirectLine.push(id));
    await backend.settle();
    backend.bus.publish('agents', { type: 'before' });
    await backend.settle();
    expect(onBus).toEqual([{ type: 'before' }]);

    server.kill();
    await restartAndReconnect();
    onBus.length = 0;
    // Both channels were subscribed before the outage: ioredis subscribes them again by itself.
    await probeUntilHeard('agents', onBus);
    expect(onBus[0]).toEqual({ type: 'probe' });
    await backend.directLine.create('c2', 'dl_user');
    await backend.directLine.append('c2', { type: 'message', text: 'back' });
    await backend.settle();
    expect(onDirectLine).toEqual(['c2']);

    await backend.storage.write({ k: { v: 2 } });
    expect((await backend.storage.read(['k'])).k).toMatchObject({ v: 2 });
    expect((await backend.handoff.file(requestFor('c2'), 'waiting', 2000)).state).toBe('waiting');
    expect(await backend.locks.run('c2', async () => 'locked')).toBe('locked');
    expect(logged.some((line) => line.includes('"redis-reconnecting"'))).toBe(true);
  },
  30_000,
);

test(
  'when something subscribes while Redis is down, then it hears messages once Redis is back',
  async () => {
    server.kill();
    const heard: unknown[] = [];
    backend.bus.subscribe('late', (message) => heard.push(message));
    await restartAndReconnect();
    await probeUntilHeard('late', heard);
    expect(heard[0]).toEqual({ type: 'probe' });
  },
  30_000,
);

test(
  'when Redis cannot be reached at start, then opening rejects with RedisUnavailableError and the logs never show the password',
  async () => {
    const dead = await startRedis();
    await dead.stop();
    const lines: string[] = [];
    const url = `redis://giftbot:s3cret-pw@127.0.0.1:${dead.port}/2`;
    await expect(openRedisBackend({ url, log: jsonLogger((line) => lines.push(line)), transcriptDays: 1 })).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).toContain(`"port":"${dead.port}"`);
    expect(lines.join('')).not.toContain('s3cret-pw');
  },
  FAST_MS,
);
