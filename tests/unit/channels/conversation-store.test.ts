import { ConversationStore, IDLE_CONVERSATION_MS, KEPT_ACTIVITIES, activitySet } from '../../../src/channels/directline/conversation-store';

describe('ConversationStore', () => {
  test('when more activities arrive than are kept, then watermarks still count from the start', () => {
    const store = new ConversationStore();
    const conversation = store.create('c1', 'dl_u');
    for (let i = 0; i < KEPT_ACTIVITIES + 5; i++) store.append(conversation, { type: 'message', text: `m${i}` });
    const recent = store.since(conversation, KEPT_ACTIVITIES + 3);
    const read = recent.activities.map((json) => JSON.parse(json) as { id: string; text: string });
    expect(read.map((a) => a.text)).toEqual([`m${KEPT_ACTIVITIES + 3}`, `m${KEPT_ACTIVITIES + 4}`]);
    expect(recent.watermark).toBe(KEPT_ACTIVITIES + 5);
    expect(read[0]!.id).toBe(`c1|${String(KEPT_ACTIVITIES + 3).padStart(7, '0')}`);
    expect(JSON.parse(store.since(conversation, 0).activities[0]!).text).toBe('m5');
  });

  test('when a conversation has been idle a day, then it is forgotten as new ones start', () => {
    let now = 0;
    const store = new ConversationStore(() => now);
    store.create('idle', 'dl_a');
    now = IDLE_CONVERSATION_MS + 1;
    store.create('fresh', 'dl_b');
    expect(store.get('idle')).toBeUndefined();
    expect(store.get('fresh')).toBeDefined();
  });

  test('when an activity is added, then listeners hear it with the new watermark', () => {
    const store = new ConversationStore();
    const heard: number[] = [];
    const stop = store.listen((_id, _activities, watermark) => heard.push(watermark));
    const conversation = store.create('c1', 'dl_u');
    store.append(conversation, { type: 'message' });
    store.append(conversation, { type: 'message' });
    stop();
    store.append(conversation, { type: 'message' });
    expect(heard).toEqual([1, 2]);
  });
});

test('when an activity set is built from serialized activities, then it is the Direct Line JSON shape', () => {
  expect(JSON.parse(activitySet(['{"id":"a"}', '{"id":"b"}'], 7))).toEqual({ activities: [{ id: 'a' }, { id: 'b' }], watermark: '7' });
});
