import type { Activity, TranscriptStore } from 'botbuilder';

const activity = (conversation: string, text: string, at: number): Activity =>
  ({ type: 'message', id: `${conversation}-${text}`, channelId: 'directline', conversation: { id: conversation }, from: { id: 'u', role: 'user' }, recipient: { id: 'bot' }, text, timestamp: new Date(at) }) as Activity;

/** Every TranscriptStore: a conversation's activities in order, filtered by date, deletable. */
export function transcriptStoreContract(name: string, make: () => Promise<TranscriptStore>): void {
  describe(`${name}: TranscriptStore contract`, () => {
    test('when activities are logged, then each conversation reads back its own, in order', async () => {
      const store = await make();
      await store.logActivity(activity('t1', 'one', 1000));
      await store.logActivity(activity('t2', 'other', 1500));
      await store.logActivity(activity('t1', 'two', 2000));
      const read = await store.getTranscriptActivities('directline', 't1');
      expect(read.items.map((a) => a.text)).toEqual(['one', 'two']);
      expect(new Date(read.items[0]!.timestamp!).getTime()).toBe(1000);
      expect((await store.getTranscriptActivities('directline', 't1', undefined, new Date(1500))).items.map((a) => a.text)).toEqual(['two']);
      expect((await store.getTranscriptActivities('msteams', 't1')).items).toEqual([]);
    });

    test('when a transcript is deleted, then its activities are gone and others stay', async () => {
      const store = await make();
      await store.logActivity(activity('d1', 'secret', 1000));
      await store.logActivity(activity('d2', 'kept', 1000));
      await store.deleteTranscript('directline', 'd1');
      expect((await store.getTranscriptActivities('directline', 'd1')).items).toEqual([]);
      expect((await store.getTranscriptActivities('directline', 'd2')).items).toHaveLength(1);
    });
  });
}
