import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { IDLE_CONVERSATION_MS, KEPT_ACTIVITIES } from '../../../src/channels/directline/conversation-store';
import { isEtagConflict } from '../../../src/core/etag-conflict';
import { silentLogger } from '../../../src/core/logger';
import type { AuditEntry } from '../../../src/handoff/handoff-service';
import { TeamNoteSchema, type TeamNote } from '../../../src/handoff/team-notes';
import { openSqliteBackend, type SqliteBackend } from '../../../src/storage/sqlite/sqlite-backend';
import { openSqliteDatabase, type SqliteDatabase, type SqliteDatabaseOptions } from '../../../src/storage/sqlite/sqlite-database';
import { StorageError, toStorageError } from '../../../src/storage/sqlite/sqlite-storage-error';
import { SqliteDirectLineStore } from '../../../src/storage/sqlite/sqlite-directline-store';
import { SqliteHandoffQueue } from '../../../src/storage/sqlite/sqlite-handoff-queue';
import { SqliteRecordLog } from '../../../src/storage/sqlite/sqlite-record-log';
import { SqliteStorage, isConversationKey } from '../../../src/storage/sqlite/sqlite-storage';
import { SqliteTranscriptStore } from '../../../src/storage/sqlite/sqlite-transcript-store';
import { directLineStoreContract } from '../../contracts/directline-store.contract';
import { handoffQueueContract } from '../../contracts/handoff-queue.contract';
import { busContract, locksContract } from '../../contracts/locks-and-bus.contract';
import { recordLogContract } from '../../contracts/record-log.contract';
import { storageContract } from '../../contracts/storage.contract';
import { transcriptStoreContract } from '../../contracts/transcript-store.contract';
import { turnCommitContract } from '../../contracts/turn-commit.contract';
import { requestFor } from '../../helpers/handoff';

// Every database of a test lives in its own temporary folder, closed and removed after the test.
const folders: string[] = [];
const closers: Array<() => unknown> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A path for a database file that doesn't exist yet, in a folder that doesn't either (opening creates it). */
function freshFile(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'giftbot-sqlite-'));
  folders.push(folder);
  return path.join(folder, 'data', 'giftbot.db');
}

function openDatabase(file: string = freshFile(), options?: SqliteDatabaseOptions): SqliteDatabase {
  const db = openSqliteDatabase(file, options);
  closers.push(() => db.close());
  return db;
}

function openBackend(file: string = freshFile(), extra: { busyTimeoutMs?: number; now?: () => number } = {}): SqliteBackend {
  const backend = openSqliteBackend({ file, log: silentLogger, ...extra });
  closers.push(() => backend.close());
  return backend;
}

/** Another connection to the file, as a second process or a tool would hold it. */
function openRaw(file: string): Database.Database {
  const raw = new Database(file);
  closers.push(() => raw.close());
  return raw;
}

/** What `fn` threw (synchronously or as a rejection), to inspect its fields. */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const alice = { id: 'token:Alice', name: 'Alice' };
const bob = { id: 'token:Bob', name: 'Bob' };
const note = (conversationId: string, message: string): TeamNote => ({ at: '2026-01-01T00:00:00.000Z', log: 'message', conversationId, channel: 'directline', values: { message } });
const auditFor = (conversationId: string): AuditEntry => ({ at: '2026-01-01T00:00:00.000Z', action: 'filed', handoff: 'h1', conversationId, channel: 'directline', agent: null, by: 'customer' });
const activity = (conversation: string, text: string, at: number, channelId = 'directline'): Activity =>
  ({ type: 'message', channelId, conversation: { id: conversation }, from: { id: 'u' }, recipient: { id: 'bot' }, text, timestamp: new Date(at) }) as Activity;
const texts = (activities: readonly string[]): string[] => activities.map((json) => (JSON.parse(json) as { text: string }).text);

// The same contracts the memory and Redis backends meet, each on a fresh database file.
storageContract('SqliteStorage', async () => new SqliteStorage(openDatabase()));
handoffQueueContract('SqliteHandoffQueue', async () => new SqliteHandoffQueue(openDatabase()));
recordLogContract('SqliteRecordLog', async () => new SqliteRecordLog(openDatabase(), 'notes', TeamNoteSchema));
transcriptStoreContract('SqliteTranscriptStore', async () => new SqliteTranscriptStore(openDatabase()));
directLineStoreContract('SqliteDirectLineStore', async () => new SqliteDirectLineStore(openDatabase()));
locksContract('SqliteBackend locks', async () => openBackend().locks);
busContract('SqliteBackend bus', async () => openBackend().bus);
// The contract closes the backend itself; closing it again afterwards is harmless.
turnCommitContract('SqliteBackend', async () => openBackend(), { allOrNothing: true });

describe('SqliteDirectLineStore', () => {
  test('when more activities arrive than are kept, then the oldest go and watermarks still count from the start', async () => {
    const store = new SqliteDirectLineStore(openDatabase());
    await store.create('c1', 'dl_u');
    for (let i = 0; i < KEPT_ACTIVITIES + 5; i++) await store.append('c1', { type: 'message', text: `m${i}` });

    const recent = await store.since('c1', KEPT_ACTIVITIES + 3);
    expect(texts(recent.activities)).toEqual([`m${KEPT_ACTIVITIES + 3}`, `m${KEPT_ACTIVITIES + 4}`]);
    expect(recent.watermark).toBe(KEPT_ACTIVITIES + 5);
    expect((JSON.parse(recent.activities[0]!) as { id: string }).id).toBe(`c1|${String(KEPT_ACTIVITIES + 3).padStart(7, '0')}`);
    const all = await store.since('c1', 0);
    expect(all.activities).toHaveLength(KEPT_ACTIVITIES);
    expect(texts(all.activities)[0]).toBe('m5');
  });

  test('when a conversation has been idle a day, then it is forgotten as new ones start, and forgetIdle says how many went', async () => {
    let now = 0;
    const store = new SqliteDirectLineStore(openDatabase(), () => now);
    await store.create('idle', 'dl_a');
    await store.append('idle', { type: 'message', text: 'old' });
    now = IDLE_CONVERSATION_MS + 1;
    await store.create('fresh', 'dl_b');
    expect(await store.get('idle')).toBeUndefined();
    expect(await store.get('fresh')).toBeDefined();

    now += 10;
    await store.create('newer', 'dl_c');
    expect(await store.forgetIdle(now)).toBe(1);
    expect(await store.get('fresh')).toBeUndefined();
    expect(await store.get('newer')).toBeDefined();
  });
});

describe('SqliteBackend', () => {
  test('when the file is closed and opened again, then state (with its eTags), the queue, Direct Line and the notes are all there', async () => {
    const file = freshFile();
    const first = openBackend(file);
    await first.storage.write({ 'directline/conversations/c1/': { turns: 1 } });
    const saved = (await first.storage.read(['directline/conversations/c1/']))['directline/conversations/c1/'];
    const filed = await first.handoff.file(requestFor('c1', { tried: ['redeem/expired'] }), 'waiting', 1000);
    await first.directLine.create('c1', 'dl_u');
    await first.directLine.append('c1', { type: 'message', text: 'one' });
    await first.directLine.append('c1', { type: 'message', text: 'two' });
    await first.notes.append(note('c1', 'call me'));
    await first.audit.append(auditFor('c1'));
    await first.close();

    const second = openBackend(file);
    const reread = (await second.storage.read(['directline/conversations/c1/']))['directline/conversations/c1/'];
    expect(reread).toEqual(saved);
    await second.storage.write({ 'directline/conversations/c1/': { ...reread, turns: 2 } });
    expect(isEtagConflict(await thrown(() => second.storage.write({ 'directline/conversations/c1/': { ...saved, turns: 3 } })))).toBe(true);
    expect(await second.handoff.openFor('test', 'c1')).toEqual(filed);
    expect(await second.handoff.waiting()).toEqual([filed]);
    const read = await second.directLine.since('c1', 0);
    expect([texts(read.activities), read.watermark]).toEqual([['one', 'two'], 2]);
    expect((await second.directLine.append('c1', { type: 'message', text: 'three' })).id).toBe('c1|0000002');
    expect(await second.notes.read()).toEqual([note('c1', 'call me')]);
    expect(await second.audit.read()).toEqual([auditFor('c1')]);
  });

  describe('when two handles share the file, as two processes would', () => {
    test('then a write of a stale read is an eTag conflict across them', async () => {
      const file = freshFile();
      const [a, b] = [openBackend(file), openBackend(file)];
      await a.storage.write({ k: { v: 0 } });
      const readByA = (await a.storage.read(['k'])).k;
      const readByB = (await b.storage.read(['k'])).k;

      await a.storage.write({ k: { ...readByA, v: 1 } });
      const conflict = await thrown(() => b.storage.write({ k: { ...readByB, v: 2 } }));

      expect(isEtagConflict(conflict)).toBe(true);
      expect((await b.storage.read(['k'])).k).toMatchObject({ v: 1 });
    });

    test('then two agents accepting the same request through each have exactly one winner', async () => {
      const file = freshFile();
      const [a, b] = [openBackend(file), openBackend(file)];
      const { id } = await a.handoff.file(requestFor('c1'), 'waiting', 1000);

      const results = await Promise.all([
        a.handoff.transition(id, ['waiting'], { state: 'active', agent: alice, acceptedAt: 2000 }),
        b.handoff.transition(id, ['waiting'], { state: 'active', agent: bob, acceptedAt: 2000 }),
      ]);

      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect((await a.handoff.get(id))?.agent).toEqual(winners[0]!.agent);
      expect(await b.handoff.get(id)).toEqual(await a.handoff.get(id));
    });

    test('then a conversation filed through both has one open request', async () => {
      const file = freshFile();
      const [a, b] = [openBackend(file), openBackend(file)];
      const [first, second] = await Promise.all([a.handoff.file(requestFor('c1'), 'waiting', 1000), b.handoff.file(requestFor('c1'), 'waiting', 1001)]);
      expect(second.id).toBe(first.id);
      expect(await b.handoff.waiting()).toHaveLength(1);
    });

    test('then appends from both never share a sequence', async () => {
      const file = freshFile();
      const [a, b] = [openBackend(file), openBackend(file)];
      await a.directLine.create('c1', 'dl_u');

      const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).directLine.append('c1', { type: 'message', text: `m${i}` })));

      expect(new Set(appended.map((x) => x.id)).size).toBe(40);
      const read = await b.directLine.since('c1', 0);
      expect(read.watermark).toBe(40);
      expect(read.activities.map((json) => (JSON.parse(json) as { id: string }).id)).toEqual(Array.from({ length: 40 }, (_, i) => `c1|${String(i).padStart(7, '0')}`));
    });
  });

  test('when transcripts expire, then only activities older than the cut-off go, and the count says how many', async () => {
    const backend = openBackend();
    await backend.transcripts.logActivity(activity('t1', 'one', 1000));
    await backend.transcripts.logActivity(activity('t2', 'other', 1500));
    await backend.transcripts.logActivity(activity('t1', 'two', 2000));
    await backend.transcripts.logActivity(activity('t1', 'three', 3000));

    expect(await backend.expireTranscripts(new Date(2000))).toEqual({ transcript: 2, archive: 0 });

    expect((await backend.transcripts.getTranscriptActivities('directline', 't1')).items.map((a) => a.text)).toEqual(['two', 'three']);
    expect((await backend.transcripts.getTranscriptActivities('directline', 't2')).items).toEqual([]);
    expect((await backend.transcripts.listTranscripts('directline')).items.map((t) => t.id)).toEqual(['t1']);
  });

  test('when a conversation is purged, then everything of it goes (but the audit) and nothing of another', async () => {
    const backend = openBackend();
    // "c10" starts like "c1": a prefix match would take it too.
    const keys = {
      mine: ['directline/conversations/c1/', 'directline/conversations/c1/users/u1/', 'msteams/conversations/c1/'],
      others: ['directline/conversations/c10/', 'directline/users/u1/', 'directline/conversations/c0/c1/'],
    };
    await backend.storage.write(Object.fromEntries([...keys.mine, ...keys.others].map((key) => [key, { key }])));
    for (const id of ['c1', 'c10']) {
      await backend.transcripts.logActivity(activity(id, `hello from ${id}`, 1000));
      await backend.directLine.create(id, 'dl_u');
      await backend.directLine.append(id, { type: 'message', text: `hello from ${id}` });
      await backend.directLine.claimClientId(id, 'client-1');
      await backend.notes.append(note(id, `note of ${id}`));
      await backend.audit.append(auditFor(id));
    }
    const closed = await backend.handoff.file(requestFor('c1'), 'waiting', 1000);
    await backend.handoff.transition(closed.id, ['waiting'], { state: 'cancelled', closedAt: 1100 });
    const open = await backend.handoff.file(requestFor('c1'), 'waiting', 1200);
    const other = await backend.handoff.file(requestFor('c10'), 'waiting', 1300);

    await backend.purgeConversation('c1');

    expect(Object.keys(await backend.storage.read([...keys.mine, ...keys.others])).sort()).toEqual([...keys.others].sort());
    expect((await backend.transcripts.getTranscriptActivities('directline', 'c1')).items).toEqual([]);
    expect((await backend.transcripts.getTranscriptActivities('directline', 'c10')).items).toHaveLength(1);
    expect(await backend.directLine.get('c1')).toBeUndefined();
    expect(texts((await backend.directLine.since('c10', 0)).activities)).toEqual(['hello from c10']);
    expect(await backend.handoff.get(closed.id)).toBeUndefined();
    expect(await backend.handoff.get(open.id)).toBeUndefined();
    expect(await backend.handoff.waiting()).toEqual([other]);
    expect(await backend.notes.read()).toEqual([note('c10', 'note of c10')]);
    expect(await backend.audit.read()).toEqual([auditFor('c1'), auditFor('c10')]);
    // A new conversation may take the id afresh: no client id or activity of the old one lingers.
    await backend.directLine.create('c1', 'dl_u');
    expect(await backend.directLine.claimClientId('c1', 'client-1')).toBeUndefined();
    expect((await backend.directLine.since('c1', 0)).watermark).toBe(0);
  });

  test('when a key is checked for a conversation, then only that conversation’s state keys match', () => {
    expect(isConversationKey('directline/conversations/a|b/', 'a|b')).toBe(true);
    expect(isConversationKey('slack/conversations/T1:C2/users/U3/', 'T1:C2')).toBe(true);
    expect(isConversationKey('directline/conversations/a|bc/', 'a|b')).toBe(false);
    expect(isConversationKey('directline/users/a|b/', 'a|b')).toBe(false);
    expect(isConversationKey('conversations/a|b', 'a|b')).toBe(false);
  });
});

describe('SQLite failures', () => {
  test('when the file is not a database, then opening fails with StorageError "corrupt" naming the file', async () => {
    const file = freshFile();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'these are not the bytes of a database\n'.repeat(200));

    const err = await thrown(() => openBackend(file));

    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'corrupt', file });
    expect((err as StorageError).message).toContain(file);
  });

  test('when the file was written by a newer giftbot, then opening fails saying so, rather than guessing at the schema', async () => {
    const file = freshFile();
    openBackend(file);
    openRaw(file).pragma('user_version = 999');

    const err = await thrown(() => openSqliteDatabase(file));

    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toMatch(/newer giftbot.*999/);
  });

  // Tests run as root here, and root writes through chmod 0444; opening read-only is what makes
  // SQLite refuse the write for real (SQLITE_READONLY), whoever runs the test.
  test('when the file is opened read-only, then it can be read but a write fails with StorageError "readonly" naming the file', async () => {
    const file = freshFile();
    const writer = openBackend(file);
    await writer.storage.write({ k: { v: 1 } });
    await writer.close();

    const storage = new SqliteStorage(openDatabase(file, { readonly: true }));
    expect((await storage.read(['k'])).k).toMatchObject({ v: 1 });
    const err = await thrown(() => storage.write({ k: { v: 2 } }));

    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'readonly', file });
    expect((err as StorageError).message).toContain(file);
  });

  test('when another connection holds the database exclusively, then a write fails with StorageError "locked" after the busy timeout, and works once it lets go', async () => {
    const file = freshFile();
    const backend = openBackend(file, { busyTimeoutMs: 50 });
    await backend.directLine.create('c1', 'dl_u');
    const other = openRaw(file);
    other.exec('BEGIN EXCLUSIVE');

    const writes = [() => backend.storage.write({ k: { v: 1 } }), () => backend.handoff.file(requestFor('c1'), 'waiting', 1000), () => backend.directLine.append('c1', { type: 'message', text: 'hi' })];
    for (const write of writes) {
      const err = await thrown(write);
      expect(err).toBeInstanceOf(StorageError);
      expect(err).toMatchObject({ code: 'locked', file });
      expect((err as StorageError).message).toContain(file);
    }

    other.exec('ROLLBACK');
    await backend.storage.write({ k: { v: 1 } });
    expect((await backend.storage.read(['k'])).k).toMatchObject({ v: 1 });
  });

  test('when SQLite reports a full disk, then it becomes StorageError "full" naming the file (the mapping; a full disk is not made here)', () => {
    const err = toStorageError(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'), '/data/giftbot.db');
    expect(err).toMatchObject({ code: 'full', file: '/data/giftbot.db' });
    expect((err as StorageError).message).toContain('/data/giftbot.db');
    const conflict = new Error('not about the file');
    expect(toStorageError(conflict, '/data/giftbot.db')).toBe(conflict);
  });

  test('when a handoff row was damaged outside giftbot, then reading it is a "corrupt" StorageError, never a half-read record', async () => {
    const file = freshFile();
    const backend = openBackend(file);
    const { id } = await backend.handoff.file(requestFor('c1'), 'waiting', 1000);
    openRaw(file).prepare('UPDATE handoff_requests SET record = ? WHERE id = ?').run('{"id":"h1","state":"waiting"}', id);

    for (const read of [() => backend.handoff.get(id), () => backend.handoff.waiting(), () => backend.handoff.openFor('test', 'c1')]) {
      const err = await thrown(read);
      expect(err).toMatchObject({ code: 'corrupt', file });
      expect((err as StorageError).message).toContain(id);
    }
  });

  test('when a log row does not parse, then it is skipped and reported with its row number, and the rest read', async () => {
    const db = openDatabase();
    const bad: Array<[number, string]> = [];
    const notes = new SqliteRecordLog(db, 'notes', TeamNoteSchema, (row, reason) => bad.push([row, reason]));
    await notes.append(note('c1', 'first'));
    db.write(() => db.prepare<[string, string]>("INSERT INTO record_log (log, entry) VALUES ('notes', ?), ('notes', ?)").run('{"torn', '{"at":1}'));
    await notes.append(note('c1', 'last'));

    expect(await notes.read()).toEqual([note('c1', 'first'), note('c1', 'last')]);
    expect(bad.map(([row]) => row)).toEqual([2, 3]);
    for (const [, reason] of bad) expect(reason.length).toBeGreaterThan(0);
  });
});
