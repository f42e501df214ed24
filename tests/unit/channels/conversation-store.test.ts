import { IDLE_CONVERSATION_MS, KEPT_ACTIVITIES, MemoryDirectLineStore, activitySet } from '../../../src/channels/directline/conversation-store';
import { directLineStoreContract } from '../../contracts/directline-store.contract';

directLineStoreContract('MemoryDirectLineStore', async () => new MemoryDirectLineStore());

describe('MemoryDirectLineStore', () => {
  test('when more activities arrive than are kept, then watermarks still count from the start', async () => {
    const store = new MemoryDirectLineStore();
    await store.create('c1', 'dl_u');
    for (let i = 0; i < KEPT_ACTIVITIES + 5; i++) await store.append('c1', { type: 'message', text: `m${i}` });
    const recent = await store.since('c1', KEPT_ACTIVITIES + 3);
    const read = recent.activities.map((json) => JSON.parse(json) as { id: string; text: string });
    expect(read.map((a) => a.text)).toEqual([`m${KEPT_ACTIVITIES + 3}`, `m${KEPT_ACTIVITIES + 4}`]);
    expect(recent.watermark).toBe(KEPT_ACTIVITIES + 5);
    expect(read[0]!.id).toBe(`c1|${String(KEPT_ACTIVITIES + 3).padStart(7, '0')}`);
    expect(JSON.parse((await store.since('c1', 0)).activities[0]!).text).toBe('m5');
  });

  test('when a conversation has been idle a day, then it is forgotten as new ones start', async () => {
    let now = 0;
    const store = new MemoryDirectLineStore(() => now);
    await store.create('idle', 'dl_a');
    now = IDLE_CONVERSATION_MS + 1;
    await store.create('fresh', 'dl_b');
    expect(await store.get('idle')).toBeUndefined();
    expect(await store.get('fresh')).toBeDefined();
  });
});

test('when an activity set is built from serialized activities, then it is the Direct Line JSON shape', () => {
  expect(JSON.parse(activitySet(['{"id":"a"}', '{"id":"b"}'], 7))).toEqual({ activities: [{ id: 'a' }, { id: 'b' }], watermark: '7' });
});
