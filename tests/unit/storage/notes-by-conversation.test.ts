import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { internalNote, internalNotesOf } from '../../../src/agent/internal-notes';
import { MemoryLog } from '../../../src/core/record-log';
import { silentLogger } from '../../../src/core/logger';
import type { HandoffRecord } from '../../../src/handoff/handoff-queue';
import type { TeamNote } from '../../../src/handoff/team-notes';
import { openRedisBackend } from '../../../src/storage/redis/redis-backend';
import { openSqliteBackend } from '../../../src/storage/sqlite/sqlite-backend';
import { requestFor } from '../../helpers/handoff';
import { startRedis, type RedisServer } from '../../helpers/redis-server';

/**
 * Internal notes are read per conversation (the context of one chat), so a store that can index by
 * conversation answers without reading the whole log: SQLite (record_log_by_conversation), Redis and memory.
 * Redis keeps a list per conversation too (redis-notes-index.test.ts). Either way a conversation's internal
 * notes are its own: not another conversation's, not the same id on another channel, not its handover notes.
 */
const note = (conversationId: string, n: number): TeamNote => ({ at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(), log: 'internal', conversationId, channel: 'directline', values: { note: `note ${n}` } });

describe.each([
  ['memory', () => ({ log: new MemoryLog<TeamNote>(), close: async () => undefined })],
  [
    'sqlite',
    () => {
      const backend = openSqliteBackend({ file: path.join(mkdtempSync(path.join(tmpdir(), 'giftbot-notes-')), 'giftbot.db'), log: silentLogger });
      return { log: backend.notes, close: () => backend.close() };
    },
  ],
])('readConversation on %s', (_kind, open) => {
  test('when notes of several conversations are kept, then one conversation reads only its own, oldest first', async () => {
    const { log, close } = open();
    try {
      for (let n = 0; n < 6; n++) await log.append(note(n % 2 === 0 ? 'c-even' : 'c-odd', n));
      await log.append({ ...note('c-even', 9), log: 'survey' });
      expect('readConversation' in log).toBe(true);
      const even = await log.readConversation!('c-even');
      expect(even.map((e) => [e.log, e.values.note])).toEqual([['internal', 'note 0'], ['internal', 'note 2'], ['internal', 'note 4'], ['survey', 'note 9']]);
      expect(await log.readConversation!('c-none')).toEqual([]);
      expect(await log.read()).toHaveLength(7);
    } finally {
      await close();
    }
  });
});

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const record = (conversationId: string, channel: string): HandoffRecord => ({
  ...requestFor(conversationId, { channel }), id: `h-${channel}-${conversationId}`, state: 'active', filedAt: 0, queuedAt: 0, waitingSince: 0, acceptedAt: 0, closedAt: null, agent: null, toldPosition: null,
});
const alice = { id: 'token:Alice', name: 'Alice' };

describe.each([
  ['memory', async () => ({ log: new MemoryLog<TeamNote>(), close: async () => undefined })],
  [
    'sqlite',
    async () => {
      const backend = openSqliteBackend({ file: path.join(mkdtempSync(path.join(tmpdir(), 'giftbot-notes-')), 'giftbot.db'), log: silentLogger });
      return { log: backend.notes, close: () => backend.close() };
    },
  ],
  [
    'redis',
    async () => {
      const backend = await openRedisBackend({ url: redis.url, log: silentLogger, transcriptDays: 1, prefix: `notes-${Date.now()}:` });
      return { log: backend.notes, close: () => backend.close() };
    },
  ],
])('internal notes on %s', (_kind, open) => {
  test('when several conversations have notes, then each reads its own internal notes, codes hidden, oldest first', async () => {
    const { log, close } = await open();
    try {
      const mine = record('c-1', 'directline');
      await log.append(internalNote(mine, alice, 'first'));
      await log.append(internalNote(record('c-2', 'directline'), alice, 'another conversation'));
      await log.append(internalNote(record('c-1', 'msteams'), alice, 'same id, another channel'));
      await log.append({ at: new Date().toISOString(), log: 'handover', conversationId: 'c-1', channel: 'directline', values: { note: 'a handover note' } });
      await log.append(internalNote(mine, alice, 'second, code 4RTZ-X7KQ-2WVB-9PLM'));
      const read = await internalNotesOf(log, mine);
      expect(read.map((n) => n.values.note)).toEqual(['first', 'second, code [code hidden]']);
    } finally {
      await close();
    }
  });
});
