// The Redis backend against a real redis-server: every backend contract (the ones the memory and
// SQLite backends meet), then what several instances behind one load balancer need — two backends
// on one Redis see each other's state, queue, Direct Line appends, events and locks — and that
// purging a conversation removes that conversation's keys and nothing else.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { Redis } from 'ioredis';
import { isEtagConflict } from '../../../src/core/etag-conflict';
import { silentLogger } from '../../../src/core/logger';
import { isHandoffEntry } from '../../../src/handoff/handoff-audit';
import { AuditEntrySchema, type AuditEntry } from '../../../src/handoff/handoff-service';
import { TeamNoteSchema, type TeamNote } from '../../../src/handoff/team-notes';
import { openRedisBackend, type RedisBackend } from '../../../src/storage/redis/redis-backend';
import { RedisBus } from '../../../src/storage/redis/redis-bus';
import { RedisConnection, scanAll } from '../../../src/storage/redis/redis-connection';
import { RedisDirectLineStore } from '../../../src/storage/redis/redis-directline-store';
import { RedisHandoffQueue } from '../../../src/storage/redis/redis-handoff-queue';
import { RedisLocks } from '../../../src/storage/redis/redis-locks';
import { RedisRecordLog } from '../../../src/storage/redis/redis-record-log';
import { RedisStorage } from '../../../src/storage/redis/redis-storage';
import { RedisTranscriptStore } from '../../../src/storage/redis/redis-transcript-store';
import { directLineStoreContract } from '../../contracts/directline-store.contract';
import { handoffQueueContract } from '../../contracts/handoff-queue.contract';
import { busContract, locksContract } from '../../contracts/locks-and-bus.contract';
import { recordLogContract } from '../../contracts/record-log.contract';
import { storageContract } from '../../contracts/storage.contract';
import { transcriptStoreContract } from '../../contracts/transcript-store.contract';
import { turnCommitContract } from '../../contracts/turn-commit.contract';
import { requestFor } from '../../helpers/handoff';
import { startRedis, type RedisServer } from '../../helpers/redis-server';

jest.setTimeout(60_000);

const DAY_MS = 24 * 60 * 60 * 1000;

let server: RedisServer;
/** The connection the contract stores share; the database is flushed before each store is made. */
let shared: RedisConnection;

beforeAll(async () => {
  server = await startRedis();
  shared = await RedisConnection.open({ url: server.url, log: silentLogger, prefix: 'contract:' });
});

afterAll(async () => {
  await shared?.close();
  await server?.stop();
});

async function emptied(): Promise<RedisConnection> {
  await shared.commands.flushdb();
  return shared;
}

const settle = () => shared.subscriptions.settle();

storageContract('RedisStorage', async () => new RedisStorage(await emptied(), { ttlMs: DAY_MS }));
handoffQueueContract('RedisHandoffQueue', async () => new RedisHandoffQueue(await emptied(), { closedTtlMs: DAY_MS }));
recordLogContract('RedisRecordLog', async () => new RedisRecordLog(await emptied(), 'notes', TeamNoteSchema));
transcriptStoreContract('RedisTranscriptStore', async () => new RedisTranscriptStore(await emptied(), { days: 1 }));
directLineStoreContract('RedisDirectLineStore', async () => new RedisDirectLineStore(await emptied(), silentLogger), settle);
locksContract('RedisLocks', async () => new RedisLocks(await emptied(), silentLogger));
busContract('RedisBus', async () => new RedisBus(await emptied(), silentLogger), settle);
turnCommitContract('RedisBackend', async () => openRedisBackend({ url: server.url, log: silentLogger, transcriptDays: 1, prefix: `turns-${randomUUID()}:` }), { allOrNothing: true });

describe('RedisDirectLineStore beyond the contract', () => {
  test('when more activities than are kept arrive, then the oldest go but watermarks keep counting', async () => {
    const store = new RedisDirectLineStore(await emptied(), silentLogger, 3);
    await store.create('c-trim', 'dl_user');
    for (let i = 0; i < 5; i++) await store.append('c-trim', { type: 'message', text: `m${i}` });
    const all = await store.since('c-trim', 0);
    expect(all.watermark).toBe(5);
    expect(all.activities.map((json) => JSON.parse(json) as { id: string; text: string })).toEqual([
      { id: 'c-trim|0000002', type: 'message', text: 'm2' },
      { id: 'c-trim|0000003', type: 'message', text: 'm3' },
      { id: 'c-trim|0000004', type: 'message', text: 'm4' },
    ]);
    expect((await store.since('c-trim', 4)).activities).toHaveLength(1);
    expect((await store.append('c-trim', { type: 'message', text: 'm5', id: 'ignored' })).id).toBe('c-trim|0000005');
  });

  test('when a conversation id needs escaping in JSON, then the stored activity is still valid JSON', async () => {
    const store = new RedisDirectLineStore(await emptied(), silentLogger);
    const id = 'odd "quoted" \\ conv';
    await store.create(id, 'dl_user');
    await store.append(id, {});
    const [json] = (await store.since(id, 0)).activities;
    expect(JSON.parse(json!)).toEqual({ id: `${id}|0000000` });
  });

  test('when a conversation is unknown, then append, since and claim fail as in memory', async () => {
    const store = new RedisDirectLineStore(await emptied(), silentLogger);
    await expect(store.append('c-none', { type: 'message' })).rejects.toThrow('no Direct Line conversation c-none');
    await expect(store.since('c-none', 0)).rejects.toThrow('no Direct Line conversation c-none');
    await expect(store.claimClientId('c-none', 'x')).rejects.toThrow('no Direct Line conversation c-none');
  });
});

describe('RedisStorage beyond the contract', () => {
  test("when giftbot's own item and a conversation's state are written, then only the conversation's expires", async () => {
    const redis = await emptied();
    const storage = new RedisStorage(redis, { ttlMs: DAY_MS });
    await storage.write({ 'giftbot/directline/token-key': { key: 'k' }, 'directline/conversations/c1/': { step: 2 } });
    await storage.write({ 'giftbot/other': { n: 1 } });
    const ttl = (key: string) => redis.commands.pttl(redis.key('state', key));
    expect(await ttl('giftbot/directline/token-key')).toBe(-1);
    expect(await ttl('giftbot/other')).toBe(-1);
    await storage.write({ 'directline/conversations/c1/': { step: 3 } });
    const conversation = await ttl('directline/conversations/c1/');
    expect(conversation).toBeGreaterThan(DAY_MS - 60_000);
    expect(conversation).toBeLessThanOrEqual(DAY_MS);
  });
});

describe('RedisRecordLog beyond the contract', () => {
  test('when an entry does not parse, then it is skipped and reported', async () => {
    const redis = await emptied();
    const bad: number[] = [];
    const log = new RedisRecordLog(redis, 'notes', TeamNoteSchema, (index) => bad.push(index));
    await log.append(note('c1', 1));
    await redis.commands.rpush(redis.key('log', 'notes'), '{not json', JSON.stringify({ at: 'x' }));
    await log.append(note('c1', 2));
    expect(await log.read()).toEqual([note('c1', 1), note('c1', 2)]);
    expect(bad).toEqual([1, 2]);
  });
});

describe('two instances on one Redis', () => {
  let a: RedisBackend;
  let b: RedisBackend;
  /** B's lock waits, as B reports them. */
  let contended: Array<() => void>;

  beforeEach(async () => {
    await shared.commands.flushdb();
    contended = [];
    const options = { url: server.url, log: silentLogger, transcriptDays: 1, prefix: 'pair:' };
    a = await openRedisBackend(options);
    b = await openRedisBackend({ ...options, locks: { onContended: () => contended.splice(0).forEach((wake) => wake()) } });
  });

  afterEach(async () => {
    await a?.close();
    await b?.close();
  });

  test('when both save conversation state from the same read, then the second is an eTag conflict', async () => {
    await a.storage.write({ 'directline/conversations/c1/': { step: 1 } });
    const readByA = (await a.storage.read(['directline/conversations/c1/']))['directline/conversations/c1/'];
    const readByB = (await b.storage.read(['directline/conversations/c1/']))['directline/conversations/c1/'];
    expect(readByB).toEqual(readByA);
    await a.storage.write({ 'directline/conversations/c1/': { ...readByA, step: 2 } });
    const second = await b.storage.write({ 'directline/conversations/c1/': { ...readByB, step: 3 } }).then(() => 'written', (err: unknown) => (isEtagConflict(err) ? 'conflict' : err));
    expect(second).toBe('conflict');
    expect((await b.storage.read(['directline/conversations/c1/']))['directline/conversations/c1/']).toMatchObject({ step: 2 });
  });

  test('when both file for one conversation and two agents accept at once, then one request exists and one agent wins', async () => {
    const filed = await Promise.all([a.handoff.file(requestFor('c1'), 'waiting', 1000), b.handoff.file(requestFor('c1'), 'waiting', 1001)]);
    expect(filed[0].id).toBe(filed[1].id);
    expect(await a.handoff.waiting()).toHaveLength(1);
    const alice = { id: 'token:Alice', name: 'Alice' };
    const bob = { id: 'token:Bob', name: 'Bob' };
    const results = await Promise.all([
      a.handoff.transition(filed[0].id, ['waiting'], { state: 'active', agent: alice, acceptedAt: 2000 }),
      b.handoff.transition(filed[0].id, ['waiting'], { state: 'active', agent: bob, acceptedAt: 2000 }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.find(Boolean)!.agent!;
    expect((await b.handoff.get(filed[0].id))?.agent).toEqual(winner);
    expect(await a.handoff.assignedTo(winner.id)).toHaveLength(1);
    expect(await b.handoff.waiting()).toEqual([]);
  });

  test('when one instance appends to a Direct Line conversation, then a listener on the other hears it', async () => {
    await a.directLine.create('c-relay', 'dl_user');
    const heard = new Promise<[string, string, number]>((resolve) => {
      b.directLine.listen((id, activities, watermark) => resolve([id, activities[0]!, watermark]));
    });
    await b.settle();
    const appended = await a.directLine.append('c-relay', { type: 'message', text: 'hello from A' });
    const [id, json, watermark] = await heard;
    expect([id, watermark]).toEqual(['c-relay', 1]);
    expect(JSON.parse(json)).toEqual({ ...appended });
    expect((await b.directLine.since('c-relay', 0)).activities).toEqual([json]);
  });

  test('when one instance publishes on the bus, then a subscriber on the other hears it', async () => {
    const heard = new Promise<unknown>((resolve) => b.bus.subscribe('agents', resolve));
    await b.settle();
    a.bus.publish('agents', { type: 'queue-changed' });
    expect(await heard).toEqual({ type: 'queue-changed' });
  });

  test('when one instance holds a conversation lock, then the other waits until it is released', async () => {
    const events: string[] = [];
    let releaseA: () => void = () => undefined;
    const aHolding = new Promise<void>((started) => {
      void a.locks.run('c-lock', async () => {
        events.push('A start');
        started();
        await new Promise<void>((resolve) => (releaseA = resolve));
        events.push('A end');
      });
    });
    await aHolding;
    const bWaiting = new Promise<void>((resolve) => contended.push(resolve));
    const bDone = b.locks.run('c-lock', async () => {
      events.push('B start');
    });
    await bWaiting;
    expect(events).toEqual(['A start']);
    releaseA();
    await bDone;
    expect(events).toEqual(['A start', 'A end', 'B start']);
  });

  test('when a task runs longer than the lock lives, then the lock is renewed and the other instance still waits', async () => {
    const options = { url: server.url, log: silentLogger, transcriptDays: 1, prefix: 'pair:', locks: { ttlMs: 600 } };
    const [slow, other] = await Promise.all([openRedisBackend(options), openRedisBackend(options)]);
    try {
      const events: string[] = [];
      let started: () => void = () => undefined;
      const running = new Promise<void>((resolve) => (started = resolve));
      const first = slow.locks.run('c-long', async () => {
        events.push('slow start');
        started();
        await new Promise((resolve) => setTimeout(resolve, 2000)); // over three lifetimes of the lock
        events.push('slow end');
      });
      await running;
      await other.locks.run('c-long', async () => {
        events.push('other start');
      });
      await first;
      expect(events).toEqual(['slow start', 'slow end', 'other start']);
    } finally {
      await Promise.all([slow.close(), other.close()]);
    }
  });

  test('when a conversation is purged, then its keys are gone and everything else stays', async () => {
    const purgedRequests = await fill(a, 'c-purge');
    await fill(a, 'c-keep');
    await a.storage.write({ 'msteams/conversations/c-purge-x/': { similar: true } });
    const inspector = new Redis(server.url);
    try {
      const before = await scanAll(inspector, 'pair:*');
      await b.purgeConversation('c-purge');
      const after = await scanAll(inspector, 'pair:*');
      // Its keys: those named after it, and its handoff requests' records (named by request id).
      const its = (key: string) => /c-purge(?!-x)/.test(key) || purgedRequests.some((id) => key === `pair:handoff:record:${id}`);
      const removed = before.filter((key) => !after.includes(key));
      expect(removed.sort()).toEqual(before.filter(its).sort());
      expect(removed.length).toBeGreaterThan(8);
      expect(after.some((key) => key.includes('c-purge-x'))).toBe(true);
    } finally {
      inspector.disconnect();
    }
    expect(await a.storage.read(['directline/conversations/c-purge/'])).toEqual({});
    expect(Object.keys(await a.storage.read(['directline/conversations/c-keep/']))).toHaveLength(1);
    expect((await a.transcripts.getTranscriptActivities('directline', 'c-purge')).items).toEqual([]);
    expect((await a.transcripts.getTranscriptActivities('directline', 'c-keep')).items).toHaveLength(1);
    expect(await a.handoff.openFor('test', 'c-purge')).toBeUndefined();
    expect(await a.handoff.openFor('test', 'c-keep')).toBeDefined();
    expect((await a.handoff.waiting()).map((r) => r.conversationId)).toEqual(['c-keep']);
    // The audit log keeps its entries: it says who acted, and holds nothing the person wrote.
    expect((await a.audit.read()).filter(isHandoffEntry).map((e) => e.conversationId).sort()).toEqual(['c-keep', 'c-purge']);
    expect((await a.notes.read()).map((n) => n.conversationId)).toEqual(['c-keep']);
    expect(await a.directLine.get('c-purge')).toBeUndefined();
    expect(await a.directLine.get('c-keep')).toBeDefined();
  });
});

function note(conversationId: string, i: number): TeamNote {
  return { at: new Date(1_700_000_000_000 + i).toISOString(), log: 'message', conversationId, channel: 'directline', values: { message: `m${i}`, rating: null } };
}

function auditEntry(conversationId: string, handoff: string): AuditEntry {
  return AuditEntrySchema.parse({ at: new Date(1_700_000_000_000).toISOString(), action: 'filed', handoff, conversationId, channel: 'directline', agent: null, by: 'customer' });
}

/** Something of the conversation in every store: state, a transcript, an old and an open request, logs, Direct Line. Gives the requests' ids. */
async function fill(backend: RedisBackend, conversationId: string): Promise<string[]> {
  await backend.storage.write({ [`directline/conversations/${conversationId}/`]: { memory: { brand: 'steam' } } });
  await backend.transcripts.logActivity({ type: 'message', channelId: 'directline', conversation: { id: conversationId }, from: { id: 'u' }, recipient: { id: 'bot' }, text: 'hi', timestamp: new Date(1000) } as Activity);
  const old = await backend.handoff.file(requestFor(conversationId), 'waiting', 1000);
  await backend.handoff.transition(old.id, ['waiting'], { state: 'cancelled', closedAt: 1500 });
  const open = await backend.handoff.file(requestFor(conversationId), 'waiting', 2000);
  await backend.audit.append(auditEntry(conversationId, open.id));
  await backend.notes.append(note(conversationId, 1));
  await backend.directLine.create(conversationId, 'dl_user');
  await backend.directLine.append(conversationId, { type: 'message', text: 'hi' });
  await backend.directLine.claimClientId(conversationId, 'client-1');
  return [old.id, open.id];
}
