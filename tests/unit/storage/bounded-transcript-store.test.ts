import type { Activity } from 'botbuilder';
import { BoundedTranscriptStore } from '../../../src/storage/bounded-transcript-store';

const activity = (conversation: string, text: string, at = Date.now()): Activity =>
  ({ type: 'message', channelId: 'test', conversation: { id: conversation }, text, timestamp: new Date(at) }) as Activity;

describe('BoundedTranscriptStore', () => {
  test('when a conversation logs more than its limit, then the latest activities are kept in order', async () => {
    const store = new BoundedTranscriptStore({ perConversation: 3, conversations: 10 });
    for (const text of ['a', 'b', 'c', 'd', 'e']) await store.logActivity(activity('c1', text));
    expect((await store.getTranscriptActivities('test', 'c1')).items.map((a) => a.text)).toEqual(['c', 'd', 'e']);
  });

  test('when there are more conversations than the limit, then the one idle longest is forgotten', async () => {
    const store = new BoundedTranscriptStore({ perConversation: 10, conversations: 2 });
    await store.logActivity(activity('old', 'x'));
    await store.logActivity(activity('busy', 'x'));
    await store.logActivity(activity('old', 'y'));
    await store.logActivity(activity('new', 'x'));
    expect((await store.listTranscripts('test')).items.map((t) => t.id).sort()).toEqual(['new', 'old']);
  });

  test('when asked from a date or to delete, then both work', async () => {
    const store = new BoundedTranscriptStore();
    await store.logActivity(activity('c1', 'early', 1000));
    await store.logActivity(activity('c1', 'late', 5000));
    expect((await store.getTranscriptActivities('test', 'c1', undefined, new Date(2000))).items.map((a) => a.text)).toEqual(['late']);
    await store.deleteTranscript('test', 'c1');
    expect((await store.getTranscriptActivities('test', 'c1')).items).toEqual([]);
  });
});
