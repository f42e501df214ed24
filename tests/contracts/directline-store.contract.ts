import type { DirectLineStore } from '../../src/channels/directline/conversation-store';
import { PENDING_CLIENT_ID } from '../../src/channels/directline/conversation-store';

/** What every DirectLineStore (memory, SQLite, Redis) must do; `make` gives a fresh, empty store. */
export function directLineStoreContract(name: string, make: () => Promise<DirectLineStore>, settle: () => Promise<void> = async () => undefined): void {
  describe(`${name}: DirectLineStore contract`, () => {
    let store: DirectLineStore;
    beforeEach(async () => {
      store = await make();
    });

    test('when a conversation is created, then it can be read back, and an unknown one is undefined', async () => {
      const created = await store.create('c-read', 'dl_user');
      expect(created).toMatchObject({ id: 'c-read', userId: 'dl_user' });
      expect(await store.get('c-read')).toEqual(created);
      expect(await store.get('c-none')).toBeUndefined();
    });

    test('when activities are appended, then ids count up and clients read them by watermark', async () => {
      await store.create('c-seq', 'dl_user');
      const first = await store.append('c-seq', { type: 'message', text: 'one' });
      const second = await store.append('c-seq', { type: 'message', text: 'two' });
      expect([first.id, second.id]).toEqual(['c-seq|0000000', 'c-seq|0000001']);
      const all = await store.since('c-seq', 0);
      expect(all.watermark).toBe(2);
      expect(all.activities.map((json) => (JSON.parse(json) as { text: string }).text)).toEqual(['one', 'two']);
      expect(await store.since('c-seq', 1)).toEqual({ activities: [all.activities[1]], watermark: 2 });
      expect(await store.since('c-seq', 2)).toEqual({ activities: [], watermark: 2 });
      expect((await store.since('c-seq', 99)).activities).toEqual([]);
    });

    test('when many activities are appended at once, then none is lost and every id is used once', async () => {
      await store.create('c-burst', 'dl_user');
      const ids = await Promise.all(Array.from({ length: 25 }, (_, i) => store.append('c-burst', { type: 'message', text: `m${i}` }).then((a) => a.id)));
      expect(new Set(ids).size).toBe(25);
      expect((await store.since('c-burst', 0)).watermark).toBe(25);
    });

    test('when an activity is appended, then listeners hear it with the new watermark, until they stop', async () => {
      await store.create('c-listen', 'dl_user');
      const heard: Array<[string, number, string]> = [];
      const stop = store.listen((id, activities, watermark) => heard.push([id, watermark, (JSON.parse(activities[0]!) as { text: string }).text]));
      await settle();
      await store.append('c-listen', { type: 'message', text: 'a' });
      await store.append('c-listen', { type: 'message', text: 'b' });
      await settle();
      stop();
      await store.append('c-listen', { type: 'message', text: 'c' });
      await settle();
      expect(heard).toEqual([['c-listen', 1, 'a'], ['c-listen', 2, 'b']]);
    });

    test('when a client id is claimed twice, then the second claim sees pending, then the settled id; a release frees it', async () => {
      await store.create('c-claim', 'dl_user');
      expect(await store.claimClientId('c-claim', 'client-1')).toBeUndefined();
      expect(await store.claimClientId('c-claim', 'client-1')).toBe(PENDING_CLIENT_ID);
      await store.settleClientId('c-claim', 'client-1', 'c-claim|0000004');
      expect(await store.claimClientId('c-claim', 'client-1')).toBe('c-claim|0000004');
      expect(await store.claimClientId('c-claim', 'client-2')).toBeUndefined();
      await store.releaseClientId('c-claim', 'client-2');
      expect(await store.claimClientId('c-claim', 'client-2')).toBeUndefined();
    });

    test('when a conversation is deleted, then it and its activities are gone', async () => {
      await store.create('c-del', 'dl_user');
      await store.append('c-del', { type: 'message', text: 'private' });
      await store.delete('c-del');
      expect(await store.get('c-del')).toBeUndefined();
    });
  });
}
