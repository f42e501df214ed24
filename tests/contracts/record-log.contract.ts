import type { RecordLog } from '../../src/core/record-log';
import type { TeamNote } from '../../src/handoff/team-notes';

const note = (i: number, conversationId = 'c1'): TeamNote => ({ at: new Date(1_700_000_000_000 + i).toISOString(), log: 'message', conversationId, channel: 'directline', values: { message: `m${i}`, rating: null } });

/** Every RecordLog: appends kept in order, nothing lost when they come together. */
export function recordLogContract(name: string, make: () => Promise<RecordLog<TeamNote>>): void {
  describe(`${name}: RecordLog contract`, () => {
    test('when entries are appended, then they read back in order, equal to what went in', async () => {
      const log = await make();
      expect(await log.read()).toEqual([]);
      await log.append(note(1));
      await log.append(note(2));
      expect(await log.read()).toEqual([note(1), note(2)]);
    });

    test('when fifty entries are appended at once, then all fifty are there', async () => {
      const log = await make();
      await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(note(i))));
      const read = await log.read();
      expect(read).toHaveLength(50);
      expect(new Set(read.map((n) => n.values.message)).size).toBe(50);
    });
  });
}
