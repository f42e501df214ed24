import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger } from '../../src/core/logger';
import { UnansweredReportSchema } from '../../src/handoff/unanswered-questions';
import { openSqliteBackend } from '../../src/storage/sqlite/sqlite-backend';
import { openRedisBackend } from '../../src/storage/redis/redis-backend';
import { runCli } from '../helpers/cli';
import { converse } from '../helpers/converse';
import { scratchDir } from '../helpers/paths';
import { readRecords } from '../helpers/records';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { startTestServer } from '../helpers/server';

/**
 * `giftbot report unanswered` and `giftbot data purge`, run as the real bin against data the real
 * server wrote: customers ask the bot, over Direct Line, questions its knowledge base can't answer.
 */
jest.setTimeout(90_000);

const CODE = 'X7KQ-9PLM-4RTZ-2WVB';
const cleanups: Array<() => void> = [];
/** The data folder the conversations below were held in (never changed: purges work on copies). */
let seeded: string;
const ids = { ana: '', ben: '', cleo: '' };

const REPHRASE = 'say it another way';
const MENU = "Here's what I can help with";

function scratch(): string {
  const { dir, cleanup } = scratchDir();
  cleanups.push(cleanup);
  return dir;
}

/** A copy of the seeded data, for a test that changes it. */
function copyOfSeeded(): string {
  const dir = scratch();
  cpSync(seeded, dir, { recursive: true });
  return dir;
}

const cli = (args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}) => runCli(args, { env: { DATA_DIR: dataDir, REDIS_URL: '', STORAGE: '', ...env } });

/** Rows of a conversation in each table the purge must empty, straight from the file. */
function rowsOf(dataDir: string, conversationId: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'giftbot.db'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).pluck().get(conversationId) as number) ?? 0;
    return {
      transcript: count('SELECT COUNT(*) FROM transcript_activities WHERE conversation_id = ?'),
      directLineActivities: count('SELECT COUNT(*) FROM directline_activities WHERE conversation_id = ?'),
      handoff: count('SELECT COUNT(*) FROM handoff_requests WHERE conversation_id = ?'),
      notes: count("SELECT COUNT(*) FROM record_log WHERE log = 'notes' AND conversation_id = ?"),
      audit: count("SELECT COUNT(*) FROM record_log WHERE log = 'audit' AND conversation_id = ?"),
      state: count("SELECT COUNT(*) FROM state WHERE instr(key, '/conversations/' || ? || '/') > 0"),
    };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  seeded = scratch();
  const server = await startTestServer({ DATA_DIR: seeded, AGENT_TOKENS: 'Olga:ops-agent-token-0123456789' });
  try {
    // Ana names a brand first: the conversation remembers it, so her next question carries it too.
    ids.ana = await converse(server, [
      ['Does Amazon deliver to Mars?', REPHRASE],
      ['Is there a gift wrap option?', MENU],
      ['talk to a person', 'In one line'],
      ['my order never came', 'in the queue'],
    ]);
    ids.ben = await converse(server, [
      ['is there a GIFT WRAP option', REPHRASE],
      [`can you engrave ${CODE} on a mug`, MENU],
    ]);
    ids.cleo = await converse(server, [
      ['does amazon deliver to mars', REPHRASE],
      ['is there a   gift wrap option!!', MENU],
    ]);
  } finally {
    await server.close();
  }
});
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

describe('giftbot report unanswered', () => {
  test('when customers asked questions the bot could not answer, then they are listed most frequent first with counts, brands and a wording, never a code', () => {
    const run = cli(['report', 'unanswered'], seeded);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^6 unanswered questions, 3 different; most frequent first:\n/);
    const rows = run.stdout.split('\n').filter((line) => /^\s+\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d\s/.test(line));
    expect(rows).toEqual([
      // The table shows wordings on one line, runs of spaces closed up; --json has them as typed.
      expect.stringMatching(/^\s+3\s.*\samazon\s+is there a gift wrap option!!$/),
      expect.stringMatching(/^\s+2\s.*\samazon\s+does amazon deliver to mars$/),
      expect.stringMatching(/^\s+1\s.*\s–\s+can you engrave \[code hidden\] on a mug$/),
    ]);
    expect(run.stdout).not.toContain(CODE);
  });

  test('when --json is given, then one object holds the groups in order with count, last time, brands and the latest wording', () => {
    const run = cli(['report', 'unanswered', '--json'], seeded);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = UnansweredReportSchema.parse(JSON.parse(run.stdout));
    expect(report).toMatchObject({ since: null, total: 6, distinct: 3 });
    expect(report.questions.map(({ question, count, brands, example }) => ({ question, count, brands, example }))).toEqual([
      { question: 'is there a gift wrap option', count: 3, brands: ['amazon'], example: 'is there a   gift wrap option!!' },
      { question: 'does amazon deliver to mars', count: 2, brands: ['amazon'], example: 'does amazon deliver to mars' },
      { question: 'can you engrave code hidden on a mug', count: 1, brands: [], example: 'can you engrave [code hidden] on a mug' },
    ]);
    expect(Date.now() - Date.parse(report.questions[0]!.lastAsked)).toBeLessThan(10 * 60_000);
    expect(run.stdout).not.toContain(CODE);
  });

  test('when --limit and --since are given, then fewer groups are listed, the rest announced, and the window named', () => {
    const limited = cli(['report', 'unanswered', '--limit', '1', '--since', '7'], seeded);
    expect(limited.status).toBe(0);
    expect(limited.stdout).toMatch(/^6 unanswered questions in the last 7 days, 3 different/);
    expect(limited.stdout).toContain('is there a gift wrap option!!');
    expect(limited.stdout).not.toContain('deliver to mars');
    expect(limited.stdout).toContain('…and 2 more asked less often (--limit to see them).');
    const json = UnansweredReportSchema.parse(JSON.parse(cli(['report', 'unanswered', '--json', '--limit', '2', '--since', '1'], seeded).stdout));
    expect(json.questions.map((q) => q.count)).toEqual([3, 2]);
    expect(Date.parse(json.since!)).toBeLessThan(Date.now() - 23 * 60 * 60_000);
  });

  test('when nothing was left unanswered, then a friendly line says so, in text and JSON, whether or not a database exists', async () => {
    const empty = scratch();
    await openSqliteBackend({ file: path.join(empty, 'giftbot.db'), log: silentLogger }).close();
    const run = cli(['report', 'unanswered'], empty);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe('Nothing unanswered: no question has gone without an answer.\n');
    const json = cli(['report', 'unanswered', '--json'], empty);
    expect(JSON.parse(json.stdout)).toEqual({ since: null, total: 0, distinct: 0, questions: [], byBrand: [] });
    const missing = scratch();
    const none = cli(['report', 'unanswered', '--since', '3'], missing);
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('Nothing unanswered in the last 3 days: no question has gone without an answer.\n');
    expect(none.stderr).toContain(`no database at ${path.join(missing, 'giftbot.db')}`);
  });

  test.each([
    [['--since', 'week'], '--since must be a whole number of days'],
    [['--since', '0'], '--since must be at least 1 day'],
    [['--limit', '2.5'], '--limit must be a whole number'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('when the options are %j, then it refuses with exit 2 and says why', (args, message) => {
    const run = cli(['report', 'unanswered', ...args], seeded);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('giftbot data purge', () => {
  test('when a conversation is purged, then its transcript, Direct Line activities, notes, queue entry and state go, another conversation stays, and the audit log stays', () => {
    const dir = copyOfSeeded();
    const before = { ana: rowsOf(dir, ids.ana), ben: rowsOf(dir, ids.ben) };
    // The seed must have made something of each kind, or "gone" below would prove nothing.
    for (const kind of ['transcript', 'directLineActivities', 'handoff', 'notes', 'audit', 'state']) expect(before.ana[kind]).toBeGreaterThan(0);
    const auditBefore = readRecords(dir, 'audit');

    const run = cli(['data', 'purge', '--conversation', ids.ana, '--yes'], dir);

    expect([run.status, run.stderr]).toEqual([0, '']);
    const { transcript, handoff, notes, state } = before.ana;
    const listed = `${state} state ${state === 1 ? 'entry' : 'entries'}, ${transcript} transcript activities, 1 Direct Line conversation (with its activities), ${handoff} handoff request, ${notes} team notes.`;
    expect(run.stdout).toBe(`Deleted conversation ${ids.ana}: ${listed}\nThe audit log was kept: it records who handled a request, not what was said.\n`);
    expect(rowsOf(dir, ids.ana)).toEqual({ transcript: 0, directLineActivities: 0, handoff: 0, notes: 0, audit: before.ana.audit, state: 0 });
    expect(rowsOf(dir, ids.ben)).toEqual(before.ben);
    expect(readRecords(dir, 'audit')).toEqual(auditBefore);
    expect(readRecords(dir, 'notes').map((n) => n.conversationId)).not.toContain(ids.ana);
  });

  test('when the conversation is unknown (or already purged), then it says nothing was found and exits 0', () => {
    const dir = copyOfSeeded();
    expect(cli(['data', 'purge', '--conversation', ids.cleo, '--yes'], dir).status).toBe(0);
    const again = cli(['data', 'purge', '--conversation', ids.cleo, '--yes'], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`Nothing was found for conversation ${ids.cleo}; nothing was deleted.\n`);
    const missing = cli(['data', 'purge', '--conversation', 'no-such-conversation', '--yes'], scratch());
    expect(missing.status).toBe(0);
    expect(missing.stdout).toBe('Nothing was found for conversation no-such-conversation; nothing was deleted.\n');
  });

  test.each([
    ['no --conversation', [], '--conversation ID is required'],
    ['an empty id', ['--conversation', ''], '--conversation ID is required'],
    ['an id with a space', ['--conversation', 'two words'], '--conversation is not a conversation id (it holds spaces or control characters)'],
    ['an id with a control character', ['--conversation', 'abc\u0007'], '--conversation is not a conversation id (it holds spaces or control characters)'],
    ['an id of 1025 characters', ['--conversation', 'x'.repeat(1025)], 'longer than 1024 characters'],
    ['an extra argument', ['--conversation', 'abc', 'extra'], "Unexpected argument 'extra'"],
  ])('when given %s, then it refuses with exit 2 and deletes nothing', (_label, args, message) => {
    const dir = copyOfSeeded();
    const run = cli(['data', 'purge', ...args, '--yes'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(rowsOf(dir, ids.ana).notes).toBe(2);
  });

  test('when --yes is missing, then it deletes nothing and says how to go ahead, exit 2', () => {
    const dir = copyOfSeeded();
    const before = rowsOf(dir, ids.ana);
    const run = cli(['data', 'purge', '--conversation', ids.ana], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`this deletes conversation ${ids.ana} for good; run it again with --yes`);
    expect(rowsOf(dir, ids.ana)).toEqual(before);
  });
});

describe('when storage fails', () => {
  test('when the database file is damaged, then both commands print one line naming it and exit 1', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'giftbot.db'), 'this is not a database, just text. '.repeat(200));
    for (const args of [['report', 'unanswered'], ['data', 'purge', '--conversation', 'abc', '--yes']]) {
      const run = cli(args, dir);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^giftbot: [^\n]*giftbot\.db[^\n]*\n$/);
    }
  });

  test('when the configuration cannot be read from, then it says why and exits 1', () => {
    const memory = cli(['report', 'unanswered'], scratch(), { STORAGE: 'memory' });
    expect(memory.status).toBe(1);
    expect(memory.stderr).toBe('giftbot: STORAGE=memory keeps nothing once the server stops, so there is nothing to read here.\n');
    const invalid = cli(['data', 'purge', '--conversation', 'abc', '--yes'], scratch(), { TRANSCRIPT_DAYS: '0' });
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('TRANSCRIPT_DAYS: must be at least 1');
  });

  test('when Redis cannot be reached, then both commands print one line saying so and exit 1', () => {
    for (const args of [['report', 'unanswered', '--json'], ['data', 'purge', '--conversation', 'abc', '--yes']]) {
      const run = cli(args, scratch(), { REDIS_URL: 'redis://127.0.0.1:1' });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^giftbot: Redis is unavailable \(connect\)[^\n]*\n$/);
    }
  });
});

describe('with Redis (REDIS_URL)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  const note = (conversationId: string, text: string, brand: string | null) => ({ at: new Date().toISOString(), log: 'unanswered' as const, conversationId, channel: 'slack', values: { text, brand } });

  test('when notes are in Redis, then the report reads them there, and a purge removes one conversation’s without counting', async () => {
    const backend = await openRedisBackend({ url: redis.url, log: silentLogger, transcriptDays: 30 });
    try {
      await backend.notes.append(note('slack:T1:C1', 'Is Steam down?', 'steam'));
      await backend.notes.append(note('slack:T1:C2', 'is steam DOWN', null));
      await backend.notes.append(note('slack:T1:C2', 'who are you', null));
    } finally {
      await backend.close();
    }
    const env = { REDIS_URL: redis.url };
    const report = UnansweredReportSchema.parse(JSON.parse(cli(['report', 'unanswered', '--json'], scratch(), env).stdout));
    expect(report.questions.map((q) => [q.question, q.count, q.brands])).toEqual([
      ['is steam down', 2, ['steam']],
      ['who are you', 1, []],
    ]);

    const purge = cli(['data', 'purge', '--conversation', 'slack:T1:C2', '--yes'], scratch(), env);
    expect(purge.status).toBe(0);
    expect(purge.stdout).toContain('Deleted whatever was kept about conversation slack:T1:C2 (this storage does not count what it deletes).');
    const after = UnansweredReportSchema.parse(JSON.parse(cli(['report', 'unanswered', '--json'], scratch(), env).stdout));
    expect(after.questions.map((q) => [q.question, q.count])).toEqual([['is steam down', 1]]);
  });
});
