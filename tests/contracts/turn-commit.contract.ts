import type { Activity } from 'botbuilder';
import type { Backend } from '../../src/storage/backend';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const stateKey = (channelId: string, conversationId: string) => `${channelId}/conversations/${conversationId}/dialogState`;
const line = (channelId: string, conversationId: string, text: string): Activity =>
  ({ type: 'message', channelId, conversation: { id: conversationId }, from: { id: 'u' }, recipient: { id: 'bot' }, text, timestamp: new Date() }) as Activity;

export interface TurnCommitOptions {
  /**
   * Whether a turn that throws leaves nothing of what it wrote (SQLite, Redis). The memory backend
   * only serializes turns: each write stands alone, and nothing survives the process anyway.
   */
  allOrNothing: boolean;
}

/**
 * What every Backend's turn commit (`atomically`) must do: turns of one conversation one at a time,
 * and — where the backend promises it — a turn's state, transcript lines, Direct Line activities and
 * client ids kept together or not at all, for every channel (Direct Line, /api/messages, Slack).
 * `make` gives a fresh, empty backend; the contract closes it.
 */
export function turnCommitContract(name: string, make: () => Promise<Backend>, options: TurnCommitOptions): void {
  describe(`${name}: turn commit contract`, () => {
    let backend: Backend;
    beforeEach(async () => {
      backend = await make();
    });
    afterEach(async () => {
      await backend.close();
    });

    test('when turns of one conversation come together, then they run one at a time in order, and a failed one does not stop the next', async () => {
      const events: string[] = [];
      const turn = (label: string, fail = false) => async () => {
        events.push(`start ${label}`);
        await pause(20);
        events.push(`end ${label}`);
        if (fail) throw new Error(label);
        return label;
      };
      const results = await Promise.allSettled([
        backend.atomically('c-order', turn('a')),
        backend.atomically('c-order', turn('b', true)),
        backend.atomically('c-order', turn('c')),
      ]);
      expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
    });

    test('when a Direct Line turn resolves, then its state, transcript line, activities and client id are all kept', async () => {
      await backend.directLine.create('c-kept', 'dl_user');
      expect(await backend.directLine.claimClientId('c-kept', 'client-1')).toBeUndefined();
      await backend.atomically('c-kept', async () => {
        const echo = await backend.directLine.append('c-kept', { type: 'message', text: 'hi' });
        await backend.directLine.settleClientId('c-kept', 'client-1', echo.id!);
        await backend.storage.write({ [stateKey('directline', 'c-kept')]: { step: 2 } });
        await backend.transcripts.logActivity(line('directline', 'c-kept', 'hi'));
        await backend.directLine.append('c-kept', { type: 'message', text: 'hello' });
      });
      const kept = await backend.directLine.since('c-kept', 0);
      expect(kept.activities.map((json) => (JSON.parse(json) as { text: string }).text)).toEqual(['hi', 'hello']);
      expect(await backend.directLine.claimClientId('c-kept', 'client-1')).toBe('c-kept|0000000');
      expect(await backend.storage.read([stateKey('directline', 'c-kept')])).toMatchObject({ [stateKey('directline', 'c-kept')]: { step: 2 } });
      const transcript = await backend.transcripts.getTranscriptActivities('directline', 'c-kept');
      expect(transcript.items.map((a) => a.text)).toEqual(['hi']);
    });

    test('when a turn of another channel (/api/messages, Slack: no Direct Line conversation) resolves, then its state and transcript are kept', async () => {
      const result = await backend.atomically('a:teams-1', async () => {
        await backend.storage.write({ [stateKey('msteams', 'a:teams-1')]: { step: 1 } });
        await backend.transcripts.logActivity(line('msteams', 'a:teams-1', 'hello from Teams'));
        return 'answered';
      });
      expect(result).toBe('answered');
      expect(await backend.storage.read([stateKey('msteams', 'a:teams-1')])).toMatchObject({ [stateKey('msteams', 'a:teams-1')]: { step: 1 } });
      const transcript = await backend.transcripts.getTranscriptActivities('msteams', 'a:teams-1');
      expect(transcript.items.map((a) => a.text)).toEqual(['hello from Teams']);
    });

    test(`when a turn throws part way, then its error reaches the caller and ${options.allOrNothing ? 'nothing it wrote is kept' : 'each write it made stands'}`, async () => {
      await backend.directLine.create('c-failed', 'dl_user');
      const failing = backend.atomically('c-failed', async () => {
        await backend.directLine.append('c-failed', { type: 'message', text: 'question' });
        await backend.storage.write({ [stateKey('directline', 'c-failed')]: { step: 3 } });
        await backend.transcripts.logActivity(line('directline', 'c-failed', 'question'));
        throw new Error('the disk filled');
      });
      await expect(failing).rejects.toThrow('the disk filled');
      const activities = (await backend.directLine.since('c-failed', 0)).activities;
      const state = await backend.storage.read([stateKey('directline', 'c-failed')]);
      const transcript = (await backend.transcripts.getTranscriptActivities('directline', 'c-failed')).items;
      if (options.allOrNothing) {
        expect({ activities, state, transcript }).toEqual({ activities: [], state: {}, transcript: [] });
      } else {
        expect({ activities: activities.length, state: Object.keys(state).length, transcript: transcript.length }).toEqual({ activities: 1, state: 1, transcript: 1 });
      }
    });

    test('when a turn writes for another conversation, then that write is kept at once, whatever the turn does after', async () => {
      let seenInside: unknown;
      await expect(
        backend.atomically('c-own', async () => {
          await backend.storage.write({ [stateKey('directline', 'c-other')]: { note: 'queue moved' } });
          seenInside = await backend.storage.read([stateKey('directline', 'c-other')]);
          throw new Error('the turn failed after');
        }),
      ).rejects.toThrow('the turn failed after');
      expect(seenInside).toMatchObject({ [stateKey('directline', 'c-other')]: { note: 'queue moved' } });
      expect(await backend.storage.read([stateKey('directline', 'c-other')])).toMatchObject({ [stateKey('directline', 'c-other')]: { note: 'queue moved' } });
    });
  });
}
