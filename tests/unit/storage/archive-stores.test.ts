// One contract for the three conversation archives (issue 15): memory, SQLite (a real file, FTS5 for
// text) and Redis (a real redis-server, a set per word). Each must answer the same searches the same
// way: filters, every word of the text, newest first, the limit, a re-save that replaces, removal,
// and input that would be FTS5 syntax read as plain words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { MemoryArchive, type ArchivedConversation, type ConversationArchive } from '../../../src/handoff/conversation-archive';
import { memoryBackend } from '../../../src/storage/backend';
import { RedisArchive } from '../../../src/storage/redis/redis-archive';
import { openRedisBackend } from '../../../src/storage/redis/redis-backend';
import { RedisConnection } from '../../../src/storage/redis/redis-connection';
import { SqliteArchive } from '../../../src/storage/sqlite/sqlite-archive';
import { openSqliteBackend } from '../../../src/storage/sqlite/sqlite-backend';
import { openSqliteDatabase, type SqliteDatabase } from '../../../src/storage/sqlite/sqlite-database';
import { startRedis, type RedisServer } from '../../helpers/redis-server';

jest.setTimeout(60_000);

const dana = { id: 'token:dana', name: 'Dana' };
const omar = { id: 'token:omar', name: 'Omar' };

function entry(handoffId: string, fields: Partial<ArchivedConversation> = {}): ArchivedConversation {
  return {
    handoffId,
    conversationId: `conv-${handoffId}`,
    channel: 'directline',
    userId: `user-${handoffId}`,
    brand: 'amazon',
    amount: 50,
    currency: 'EUR',
    country: 'DE',
    agent: dana,
    state: 'ended',
    reason: 'resolved',
    tags: ['refund'],
    summary: 'my card does not work',
    filedAt: 1_000,
    acceptedAt: 2_000,
    closedAt: 10_000,
    text: 'customer: hello\nagent: hi there',
    ...fields,
  };
}

let redis: RedisServer;
let connection: RedisConnection;
let dir: string;
const opened: SqliteDatabase[] = [];

beforeAll(async () => {
  redis = await startRedis();
  connection = await RedisConnection.open({ url: redis.url, log: silentLogger, prefix: 'archive-test:' });
  dir = mkdtempSync(path.join(tmpdir(), 'giftbot-archive-'));
});

afterAll(async () => {
  for (const db of opened) db.close();
  await connection?.close();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let fileNumber = 0;
const stores: Array<[string, () => Promise<ConversationArchive>]> = [
  ['memory', async () => new MemoryArchive()],
  [
    'sqlite',
    async () => {
      const db = openSqliteDatabase(path.join(dir, `archive-${++fileNumber}.db`));
      opened.push(db);
      return new SqliteArchive(db);
    },
  ],
  [
    'redis',
    async () => {
      await connection.commands.flushdb();
      return new RedisArchive(connection);
    },
  ],
];

describe.each(stores)('%s archive', (_name, open) => {
  let archive: ConversationArchive;
  const ids = (found: ArchivedConversation[]) => found.map((e) => e.handoffId);

  beforeEach(async () => {
    archive = await open();
    await archive.save(entry('h1', { closedAt: 10_000, text: 'customer: my Amazon code was taken\nagent: we will check' }));
    await archive.save(entry('h2', { closedAt: 30_000, brand: 'steam', agent: omar, reason: 'fraud', tags: ['scam', 'chargeback'], text: 'customer: a stranger asked for my Steam code' }));
    await archive.save(entry('h3', { closedAt: 20_000, channel: 'slack', userId: 'U42', text: 'customer: the code was taken, refund please', tags: [] }));
  });

  it('answers a saved entry whole, and nothing for an unknown id', async () => {
    expect(await archive.get('h2')).toEqual(entry('h2', { closedAt: 30_000, brand: 'steam', agent: omar, reason: 'fraud', tags: ['scam', 'chargeback'], text: 'customer: a stranger asked for my Steam code' }));
    expect(await archive.get('nope')).toBeUndefined();
  });

  it('answers newest closed first, at most the limit', async () => {
    expect(ids(await archive.search({}))).toEqual(['h2', 'h3', 'h1']);
    expect(ids(await archive.search({ limit: 2 }))).toEqual(['h2', 'h3']);
  });

  it('filters by brand, agent, reason, tag, channel and user', async () => {
    expect(ids(await archive.search({ brand: 'amazon' }))).toEqual(['h3', 'h1']);
    expect(ids(await archive.search({ agent: 'token:omar' }))).toEqual(['h2']);
    expect(ids(await archive.search({ reason: 'fraud' }))).toEqual(['h2']);
    expect(ids(await archive.search({ tag: 'chargeback' }))).toEqual(['h2']);
    expect(ids(await archive.search({ tag: 'refund' }))).toEqual(['h1']);
    expect(ids(await archive.search({ channel: 'slack', userId: 'U42' }))).toEqual(['h3']);
    expect(ids(await archive.search({ channel: 'directline', userId: 'U42' }))).toEqual([]);
    expect(ids(await archive.search({ brand: 'amazon', agent: 'token:omar' }))).toEqual([]);
  });

  it('filters by closing time: from inclusive, to exclusive', async () => {
    expect(ids(await archive.search({ from: 20_000 }))).toEqual(['h2', 'h3']);
    expect(ids(await archive.search({ to: 20_000 }))).toEqual(['h1']);
    expect(ids(await archive.search({ from: 10_000, to: 30_000 }))).toEqual(['h3', 'h1']);
  });

  it('matches text by every word, any case, in the summary or transcript', async () => {
    expect(ids(await archive.search({ text: 'TAKEN' }))).toEqual(['h3', 'h1']);
    expect(ids(await archive.search({ text: 'code taken refund' }))).toEqual(['h3']);
    expect(ids(await archive.search({ text: 'card work' }))).toEqual(['h2', 'h3', 'h1']);
    expect(ids(await archive.search({ text: 'taken', brand: 'amazon', channel: 'directline' }))).toEqual(['h1']);
    expect(ids(await archive.search({ text: 'stranger fraud' }))).toEqual([]);
  });

  it('reads FTS syntax in the text as plain words', async () => {
    await archive.save(entry('h4', { closedAt: 40_000, text: 'customer: or what? NEAR the shop' }));
    for (const text of ['"OR*', 'code OR stranger', 'NEAR(code taken)', 'text:code', '^code', '*', '"', 'AND NOT']) {
      await expect(archive.search({ text })).resolves.toBeInstanceOf(Array);
    }
    expect(ids(await archive.search({ text: '"OR*' }))).toEqual(['h4']);
    // Read as words, "OR" is one more word every answer must hold, not "either".
    expect(ids(await archive.search({ text: 'code OR stranger' }))).toEqual([]);
    expect(ids(await archive.search({ text: 'NEAR(the shop)' }))).toEqual(['h4']);
  });

  it('replaces an entry saved again, words and filters too', async () => {
    await archive.save(entry('h1', { closedAt: 50_000, brand: 'steam', tags: ['vip'], text: 'customer: wrong balance' }));
    expect(ids(await archive.search({}))).toEqual(['h1', 'h2', 'h3']);
    expect(ids(await archive.search({ text: 'taken' }))).toEqual(['h3']);
    expect(ids(await archive.search({ text: 'balance' }))).toEqual(['h1']);
    expect(ids(await archive.search({ brand: 'amazon' }))).toEqual(['h3']);
    expect(ids(await archive.search({ tag: 'refund' }))).toEqual([]);
    expect(ids(await archive.search({ tag: 'vip' }))).toEqual(['h1']);
    expect((await archive.get('h1'))?.brand).toBe('steam');
  });

  it('answers a date range oldest first, for reports', async () => {
    expect(ids(await archive.range(10_000, 30_000))).toEqual(['h1', 'h3']);
    expect(ids(await archive.range(0, 100_000))).toEqual(['h1', 'h3', 'h2']);
    expect(await archive.range(31_000, 100_000)).toEqual([]);
  });

  it("removes a conversation's entries and only those, from every search", async () => {
    await archive.save(entry('h5', { conversationId: 'conv-h1', closedAt: 5_000, text: 'customer: taken again' }));
    await archive.removeConversation('conv-h1');
    expect(await archive.get('h1')).toBeUndefined();
    expect(await archive.get('h5')).toBeUndefined();
    expect(ids(await archive.search({}))).toEqual(['h2', 'h3']);
    expect(ids(await archive.search({ text: 'taken' }))).toEqual(['h3']);
    expect(ids(await archive.search({ brand: 'amazon' }))).toEqual(['h3']);
    expect(ids(await archive.range(0, 100_000))).toEqual(['h3', 'h2']);
  });

  it('expires entries closed before the cut-off (TRANSCRIPT_DAYS), from every search, and counts them', async () => {
    expect(await archive.expire(20_000)).toBe(1);
    expect(await archive.get('h1')).toBeUndefined();
    expect(ids(await archive.search({}))).toEqual(['h2', 'h3']);
    expect(ids(await archive.search({ text: 'amazon' }))).toEqual([]);
    expect(ids(await archive.search({ channel: 'directline' }))).toEqual(['h2']);
    expect(ids(await archive.range(0, 100_000))).toEqual(['h3', 'h2']);
    expect(await archive.expire(20_000)).toBe(0);
    expect(await archive.expire(1_000_000)).toBe(2);
    expect(await archive.search({})).toEqual([]);
  });
});

describe('redis archive keys', () => {
  it('are all under the prefix, and a removed conversation leaves none of its own behind', async () => {
    await connection.commands.flushdb();
    const archive = new RedisArchive(connection);
    await archive.save(entry('k1', { text: 'customer: unusualword' }));
    const keys = await connection.commands.keys('*');
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.every((k) => k.startsWith('archive-test:archive:'))).toBe(true);
    await archive.removeConversation('conv-k1');
    expect(await connection.commands.keys('*')).toEqual([]);
  });

  it('an expired entry leaves none of its own behind, and a newer one keeps its sets', async () => {
    await connection.commands.flushdb();
    const archive = new RedisArchive(connection);
    await archive.save(entry('old', { closedAt: 1_000, userId: 'U1', tags: ['oldtag'], text: 'customer: oldword' }));
    await archive.save(entry('new', { closedAt: 9_000, userId: 'U1', text: 'customer: newword' }));
    expect(await archive.expire(5_000)).toBe(1);
    const keys = await connection.commands.keys('*');
    expect(keys.filter((k) => /old/.test(k))).toEqual([]);
    for (const key of keys.filter((k) => k.includes(':by:'))) expect(await connection.commands.smembers(key)).toEqual(['new']);
    expect((await archive.search({ userId: 'U1', text: 'newword' })).map((e) => e.handoffId)).toEqual(['new']);
    await archive.expire(10_000);
    expect(await connection.commands.keys('*')).toEqual([]);
  });
});

describe("a person's data purge", () => {
  it('takes their archived conversations too, on SQLite (counted) and Redis', async () => {
    const sqlite = openSqliteBackend({ file: path.join(dir, 'purge.db'), log: silentLogger });
    const redisBackend = await openRedisBackend({ url: redis.url, log: silentLogger, transcriptDays: 30, prefix: 'archive-purge:' });
    try {
      for (const backend of [sqlite, redisBackend]) {
        await backend.archive.save(entry('p1'));
        await backend.archive.save(entry('p2'));
      }
      expect(await sqlite.purgeConversation('conv-p1')).toMatchObject({ archive: 1 });
      await redisBackend.purgeConversation('conv-p1');
      for (const backend of [sqlite, redisBackend]) {
        expect(await backend.archive.get('p1')).toBeUndefined();
        expect((await backend.archive.search({})).map((e) => e.handoffId)).toEqual(['p2']);
      }
    } finally {
      await sqlite.close();
      await redisBackend.close();
    }
  });
});

describe('TRANSCRIPT_DAYS expiry (the hourly expireTranscripts)', () => {
  it('takes archived conversations closed before the cut-off with the transcripts, on memory, SQLite and Redis, counted', async () => {
    const sqlite = openSqliteBackend({ file: path.join(dir, 'expiry.db'), log: silentLogger });
    const redisBackend = await openRedisBackend({ url: redis.url, log: silentLogger, transcriptDays: 30, prefix: 'archive-expiry:' });
    try {
      for (const backend of [memoryBackend(), sqlite, redisBackend]) {
        await backend.archive.save(entry('e1', { closedAt: 1_000 }));
        await backend.archive.save(entry('e2', { closedAt: 2_500 }));
        await backend.archive.save(entry('e3', { closedAt: 3_000 }));
        expect({ kind: backend.kind, expired: await backend.expireTranscripts(new Date(3_000)) }).toEqual({ kind: backend.kind, expired: { transcript: 0, archive: 2 } });
        expect({ kind: backend.kind, left: (await backend.archive.search({ text: 'card' })).map((e) => e.handoffId) }).toEqual({ kind: backend.kind, left: ['e3'] });
      }
    } finally {
      await sqlite.close();
      await redisBackend.close();
    }
  });
});
