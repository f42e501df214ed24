import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { jsonLogger } from '../../src/app/logger';
import { startServer, type RunningServer } from '../../src/app/server';
import { loadConfig } from '../../src/config/config';
import { DATABASE_FILE } from '../../src/storage/open-backend';
import { openSqliteBackend, type SqliteBackend } from '../../src/storage/sqlite/sqlite-backend';
import { CHANNEL_ISSUER, startLocalKeys, type LocalKeys } from '../helpers/bot-framework-keys';
import { ROOT } from '../helpers/paths';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 12, finding 8: botbuilder's own error output (CloudAdapter's console.error of a failed
 * turn, jsonwebtoken's expired-token dump, the turn error handler) reaches the JSON log as one JSON
 * line each — message, name, code, stack frames on one line — never as raw multi-line text, and
 * never to the client.
 */
const APP_ID = '00000000-1111-2222-3333-444444444444';
const STACK_LINE = /\n\s+at /;

/** A Teams-shaped activity whose replies come back in the response (no outbound call). */
const activity = (conversation: string, text = 'help') => ({
  type: 'message',
  id: `act-${conversation}`,
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  deliveryMode: 'expectReplies',
  from: { id: 'user-1', name: 'Pat' },
  recipient: { id: 'bot-1', name: 'giftbot' },
  conversation: { id: conversation, conversationType: 'personal' },
  text,
});

/** Every captured line is one JSON object with the logger's fields; none carries a multi-line stack. */
function expectJsonLines(logs: string[]): Array<Record<string, unknown>> {
  return logs.map((line) => {
    expect(line.trim().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({ level: expect.stringMatching(/^(info|warn|error)$/), time: expect.any(String), event: expect.any(String) });
    for (const value of Object.values(parsed)) if (typeof value === 'string') expect(value).not.toMatch(STACK_LINE);
    return parsed;
  });
}

describe('a turn that fails inside botbuilder', () => {
  let dataDir: string;
  let backend: SqliteBackend;
  let server: RunningServer;
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot_liberr_'));
    const log = jsonLogger((line) => logs.push(line));
    // A short busy timeout: the locked database fails the turn in a tenth of a second, not five.
    backend = openSqliteBackend({ file: path.join(dataDir, DATABASE_FILE), log, busyTimeoutMs: 100 });
    server = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir }), { root: ROOT, log, backend });
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('when the database is locked during an /api/messages turn, then the client gets a short JSON error and the log gets turn-failed and CloudAdapter\'s console.error as one JSON line each', async () => {
    expect((await postJson(`${server.url}/api/messages`, activity('liberr-warmup'))).status).toBe(200);
    const lock = new Database(path.join(dataDir, DATABASE_FILE));
    lock.exec('BEGIN EXCLUSIVE');
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity('liberr-locked', 'redeem my amazon card')) });
    lock.exec('ROLLBACK');
    lock.close();

    expect(res.status).toBeGreaterThanOrEqual(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(body).not.toMatch(/SQLITE|giftbot\.db|\bat \w|\.ts:\d+/);

    const lines = expectJsonLines(logs);
    const failed = lines.filter((l) => l.event === 'turn-failed' && l.conversation === 'liberr-locked');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', channel: 'msteams', name: expect.any(String), code: expect.any(String), message: expect.stringContaining('locked') });
    const fromConsole = lines.filter((l) => l.event === 'console');
    expect(fromConsole.length).toBeGreaterThan(0);
    for (const line of fromConsole) expect(line).toMatchObject({ level: expect.stringMatching(/^(error|warn)$/), message: expect.any(String) });
    expect(fromConsole.some((l) => String(l.message).includes('locked') && typeof l.stack === 'string')).toBe(true);
  });

  test('when the lock is gone, then the next turn is answered and nothing is written outside the log', async () => {
    expect((await postJson(`${server.url}/api/messages`, activity('liberr-after'))).status).toBe(200);
    expectJsonLines(logs);
  });
});

describe('an expired Bot Framework token', () => {
  let keys: LocalKeys;
  let server: TestServer;

  beforeAll(async () => {
    keys = await startLocalKeys();
    server = await startTestServer({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-with-expect-replies', BOT_OPENID_METADATA_URL: keys.metadataUrl });
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await keys?.close();
  });

  test("when a JWT has expired, then jsonwebtoken's TokenExpiredError, which botbuilder prints with console.error, is one JSON line, and the client gets 401 JSON", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = keys.sign({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: 'http://127.0.0.1:9/', nbf: now - 7200, exp: now - 3600 });
    const res = await postJson(`${server.url}/api/messages`, activity('liberr-expired'), { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authorized' } });
    const lines = expectJsonLines(server.logs);
    expect(lines.filter((l) => l.event === 'console')).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'error', name: 'TokenExpiredError', message: 'jwt expired', stack: expect.any(String) })]));
    expect(server.logs.join('\n')).not.toContain(token);
  });
});
