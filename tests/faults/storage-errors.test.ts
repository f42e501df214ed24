import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../../src/app/server';
import { jsonLogger } from '../../src/app/logger';
import { loadConfig } from '../../src/config/config';
import { DATABASE_FILE } from '../../src/storage/open-backend';
import { openSqliteBackend, type SqliteBackend } from '../../src/storage/sqlite/sqlite-backend';
import { ROOT } from '../helpers/paths';
import { freePort, spawnServe, startServe, type ServeProcess } from '../helpers/serve-process';
import { postJson } from '../helpers/server';

/**
 * The database file can't be written: another process holds it locked, or the disk is full. giftbot
 * must say so plainly — to the operator in one line naming the file, to the customer as a 503 they
 * can retry — keep nothing half-done, and carry on once the file is writable again.
 */
const folders: string[] = [];
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(): { dataDir: string; file: string } {
  // No dashes: the log hides anything shaped like a gift-card code ("storage-x4Tq9Z" can be), and the
  // file's name is asserted as the operator reads it.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot_storage_'));
  folders.push(dataDir);
  return { dataDir, file: path.join(dataDir, DATABASE_FILE) };
}

/** The real bin, stopped (SIGTERM, exit 0 expected) at the end of the test unless it already ended. */
async function serve(dataDir: string, port: number): Promise<ServeProcess & { url: string }> {
  const running = await startServe({ PORT: String(port), DATA_DIR: dataDir });
  cleanups.push(async () => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);
  });
  return running;
}

/** Another connection to the file holding the write lock, as a second program (sqlite3, a backup tool) would. */
function lockExclusively(file: string): Database.Database {
  const other = new Database(file);
  cleanups.push(() => other.open && other.close());
  other.exec('BEGIN EXCLUSIVE');
  return other;
}

type Chat = { url: string; token: string; conversationId: string };
type Activity = { type: string; text?: string; from: { id: string } };

/** A customer's conversation over the Direct Line REST API (status codes and headers are what is tested). */
async function open(url: string): Promise<Chat> {
  const { body } = await postJson(`${url}/v3/directline/tokens/generate`, {});
  const chat = { url, token: body.token as string, conversationId: body.conversationId as string };
  expect((await postJson(`${url}/v3/directline/conversations`, {}, auth(chat))).status).toBe(201);
  return chat;
}

const auth = (chat: Chat) => ({ Authorization: `Bearer ${chat.token}` });

/** Posts like Web Chat does: with a clientActivityID, so a retry of the same message is recognised. */
function say(chat: Chat, text: string, clientActivityID: string) {
  return fetch(`${chat.url}/v3/directline/conversations/${chat.conversationId}/activities`, {
    method: 'POST',
    headers: { ...auth(chat), 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'visitor' }, text, channelData: { clientActivityID } }),
  });
}

async function activities(chat: Chat): Promise<Activity[]> {
  const res = await fetch(`${chat.url}/v3/directline/conversations/${chat.conversationId}/activities`, { headers: auth(chat) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Activity[] }).activities;
}

const said = (all: Activity[]) => all.filter((a) => a.type === 'message').map((a) => `${a.from.id === 'giftbot' ? 'bot' : 'customer'}: ${a.text ?? ''}`);

/** What a customer hears while storage is down, whatever the cause. */
async function expectTryAgain(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(await res.json()).toEqual({ error: { code: 'ServiceUnavailable', message: expect.stringContaining('Please try again in a moment.') } });
}

/** The JSON log lines (stdout, or the in-process logger) with this event. */
const logged = (lines: string, event: string): Array<Record<string, unknown>> =>
  lines.split('\n').filter((line) => line.includes(`"event":"${event}"`)).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('a locked database', () => {
  test('when another program holds giftbot.db locked while giftbot starts, then it starts, a message answers 503 with Retry-After and the server stays up, and once the lock goes the same message is answered', async () => {
    const { dataDir, file } = dataFolder();
    const port = await freePort();
    // giftbot has run here before: a customer is at step 1 of a walkthrough.
    const first = await serve(dataDir, port);
    const chat = await open(first.url);
    expect((await say(chat, 'redeem my amazon card', 'c-1')).status).toBe(200);
    expect(said(await activities(chat)).at(-1)).toContain('Step 1 of 5: Go to amazon.com/redeem');
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const lock = lockExclusively(file);
    // Start-up only reads (the schema is current, the Direct Line token key is stored): it comes up.
    const second = await serve(dataDir, port);
    const before = await activities(chat);

    const refused = await say(chat, 'next', 'c-2');
    await expectTryAgain(refused);
    // The operator's side: the file named, what is wrong, what is holding it.
    const failure = logged(second.stdout(), 'directline-failed').at(-1);
    expect(failure?.reason).toBe(`${file} is locked: another process (a second giftbot, or a tool with the database open) held it for more than 5000 ms (SQLITE_BUSY).`);
    expect(second.child.exitCode).toBeNull();
    expect(await (await fetch(`${second.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await activities(chat)).toEqual(before);

    lock.exec('ROLLBACK');
    lock.close();
    const retried = await say(chat, 'next', 'c-2');
    expect(retried.status).toBe(200);
    expect(said(await activities(chat))).toEqual([...said(before), 'customer: next', expect.stringContaining('bot: Step 2 of 5: Sign in to the Amazon account')]);
    expect(second.stderr()).not.toMatch(/^\s+at /m);
  }, 60_000);

  test('when the database is locked before giftbot ever set it up, then start-up stops with exit 1 and one message naming the file and the lock, no stack trace', async () => {
    const { dataDir, file } = dataFolder();
    lockExclusively(file);
    const run = spawnServe({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(`${file} is locked: another process (a second giftbot, or a tool with the database open) held it for more than 5000 ms (SQLITE_BUSY).\ngiftbot did not start.\n`);
    expect(run.stdout()).not.toContain('"event":"listening"');
  }, 30_000);
});

/**
 * SQLite's max_page_count is a setting of one connection, and the full disk has to be met by the
 * server's own: the backend keeps its connection private, so the test reaches in for it — and fails
 * plainly if it is no longer where it was.
 */
function connectionOf(backend: SqliteBackend): Database.Database {
  const raw = (backend.storage as unknown as { db?: { raw?: unknown } }).db?.raw;
  if (!(raw instanceof Database)) throw new Error('the SQLite backend no longer keeps its connection at storage.db.raw: update connectionOf');
  return raw;
}

/** Pages of other data on the disk: what freeing space gives back. */
const OTHER_DATA_PAGES = 64;

/**
 * A disk full but for `pages` pages (of 4 KB): the connection may grow the file only so far, and a
 * filler table — other data on the same disk — takes every page up to there but the last `pages`,
 * free pages inside the file included. Dropping the filler frees its space again.
 */
function fillDiskLeaving(raw: Database.Database, pages: number): void {
  const pageCount = () => raw.pragma('page_count', { simple: true }) as number;
  raw.exec('CREATE TABLE filler (junk BLOB)');
  raw.pragma(`max_page_count = ${pageCount() + OTHER_DATA_PAGES}`);
  const insert = raw.prepare('INSERT INTO filler VALUES (zeroblob(4000))');
  for (;;) {
    try {
      insert.run();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_FULL') break;
      throw err;
    }
  }
  raw.pragma(`max_page_count = ${pageCount() + pages}`);
}

/** The conversation's bot state and transcript, read from the file as an operator would. */
function kept(file: string, conversationId: string): { state: unknown[]; transcript: unknown[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      state: db.prepare('SELECT key, doc, etag FROM state WHERE instr(key, ?) > 0 ORDER BY key').all(`/conversations/${conversationId}/`),
      transcript: db.prepare('SELECT json FROM transcript_activities WHERE conversation_id = ? ORDER BY id').all(conversationId),
    };
  } finally {
    db.close();
  }
}

describe('a full disk', () => {
  let server: RunningServer | undefined;
  let backend: SqliteBackend | undefined;
  let logs: string[];

  afterEach(async () => {
    await server?.close();
    await backend?.close();
    server = backend = undefined;
  });

  // A customer pastes the whole error page (about 19 KB): one copy of it needs 5 pages, the whole
  // answer (the message kept for the conversation and for the transcript, the bot's state and reply)
  // 10. With 2 pages left not even the message fits; with 5 or 8 it does, and what comes after it
  // (its transcript line, the reply) does not.
  const PASTE = `hmm it says "This code is not valid." and then the whole page: ${'Your Account Gift Cards Orders Help Returns Sign Out Balance Reload Redeem another card Terms apply '.repeat(190)}`;

  test.each([2, 5, 8])('when the disk fills up part way through answering a message (room for %i pages), then the customer gets 503 "try again in a moment", nothing of it is kept, /healthz stays 200, and once space is freed the same message is answered and the walkthrough goes on', async (room) => {
    const { dataDir, file } = dataFolder();
    logs = [];
    const log = jsonLogger((line) => logs.push(line));
    const opened = (backend = openSqliteBackend({ file, log }));
    // The paste is kept whole (the default MAX_MESSAGE_LENGTH would cut it to 4,000 characters,
    // small enough to fit), so it is what fills the disk.
    const running = (server = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, MAX_MESSAGE_LENGTH: '20000' }), { root: ROOT, log, backend: opened }));
    const chat = await open(running.url);
    expect((await say(chat, 'redeem my amazon card', 'c-1')).status).toBe(200);
    expect((await say(chat, 'done', 'c-2')).status).toBe(200);
    const before = await activities(chat);
    expect(said(before).at(-1)).toContain('Step 2 of 5: Sign in to the Amazon account');
    const keptBefore = kept(file, chat.conversationId);
    expect(keptBefore.state).toHaveLength(1);

    fillDiskLeaving(connectionOf(opened), room);
    await expectTryAgain(await say(chat, PASTE, 'c-3'));

    // Nothing half-written: not the message, not a reply, not the bot's step, not a transcript line.
    expect(await activities(chat)).toEqual(before);
    expect(kept(file, chat.conversationId)).toEqual(keptBefore);
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const failure = logged(logs.join('\n'), 'directline-failed').at(-1);
    expect(failure?.reason).toBe(`The disk holding ${file} is full: giftbot cannot save. Free some space (SQLITE_FULL).`);

    // Space is freed (the filler goes); the customer's client sends the same message again.
    const other = new Database(file);
    other.exec('DROP TABLE filler');
    other.close();
    const retried = await say(chat, PASTE, 'c-3');
    expect(retried.status).toBe(200);
    // Kept once, answered once: the walkthrough asks again about step 2, where the customer still is.
    expect(said(await activities(chat)).slice(before.length)).toEqual([`customer: ${PASTE}`, expect.stringMatching(/^bot: Tap Done when you've finished this step/)]);
    expect((await say(chat, 'done', 'c-4')).status).toBe(200);
    expect(said(await activities(chat)).slice(-2)).toEqual(['customer: done', expect.stringContaining('bot: Step 3 of 5: Enter the claim code')]);
  });
});
