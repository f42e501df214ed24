import type { Storage } from 'botbuilder';
import { isEtagConflict } from '../../src/core/etag-conflict';

/** botbuilder's Storage with real eTag optimistic concurrency, as conversation state needs it. */
export function storageContract(name: string, make: () => Promise<Storage>): void {
  describe(`${name}: Storage contract`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await make();
    });

    test('when items are written, then they read back with an eTag; missing keys are absent; deleted ones go', async () => {
      await storage.write({ 'a/1': { count: 1, nested: { list: [1, 2] } }, 'a/2': { count: 2 } });
      const read = await storage.read(['a/1', 'a/2', 'a/none']);
      expect(read['a/1']).toMatchObject({ count: 1, nested: { list: [1, 2] }, eTag: expect.any(String) });
      expect(read['a/2']).toMatchObject({ count: 2 });
      expect('a/none' in read).toBe(false);
      await storage.delete(['a/1']);
      expect(await storage.read(['a/1'])).toEqual({});
    });

    test('when an item changed since it was read, then writing the stale copy is an eTag conflict and changes nothing', async () => {
      await storage.write({ k: { v: 1 } });
      const first = (await storage.read(['k'])).k;
      await storage.write({ k: { ...first, v: 2 } });
      const stale = await storage.write({ k: { ...first, v: 3 } }).then(() => 'written', (err: unknown) => (isEtagConflict(err) ? 'conflict' : err));
      expect(stale).toBe('conflict');
      expect((await storage.read(['k'])).k).toMatchObject({ v: 2 });
      await storage.write({ k: { v: 4, eTag: '*' } }); // "*" overwrites whatever is there
      expect((await storage.read(['k'])).k).toMatchObject({ v: 4 });
    });

    test('when two writers save the same read at once, then exactly one wins', async () => {
      await storage.write({ race: { v: 0 } });
      const read = (await storage.read(['race'])).race;
      const results = await Promise.allSettled([1, 2, 3].map((v) => storage.write({ race: { ...read, v } })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(isEtagConflict(r.reason)).toBe(true);
    });

    test('when a key holds odd characters, then it still round-trips', async () => {
      const key = 'directline/conversations/a|b c/ü/"quoted"';
      await storage.write({ [key]: { ok: true } });
      expect((await storage.read([key]))[key]).toMatchObject({ ok: true });
    });
  });
}
