import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryLog } from '../../../src/core/record-log';
import { silentLogger } from '../../../src/core/logger';
import type { TeamNote } from '../../../src/handoff/team-notes';
import { openSqliteBackend } from '../../../src/storage/sqlite/sqlite-backend';

/**
 * Internal notes are read per conversation (the context of one chat), so a store that can index by
 * conversation answers without reading the whole log: SQLite (record_log_by_conversation) and memory.
 * Redis has no such index and the routes filter its whole log.
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
      expect(log.readConversation).toBeDefined();
      const even = await log.readConversation!('c-even');
      expect(even.map((e) => [e.log, e.values.note])).toEqual([['internal', 'note 0'], ['internal', 'note 2'], ['internal', 'note 4'], ['survey', 'note 9']]);
      expect(await log.readConversation!('c-none')).toEqual([]);
      expect(await log.read()).toHaveLength(7);
    } finally {
      await close();
    }
  });
});
