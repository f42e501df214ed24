import type { HandoffQueue } from '../../src/handoff/handoff-queue';
import { requestFor } from '../helpers/handoff';

const alice = { id: 'token:Alice', name: 'Alice' };
const bob = { id: 'token:Bob', name: 'Bob' };

/** Every HandoffQueue: filing order, one open request a conversation, and compare-and-set changes. */
export function handoffQueueContract(name: string, make: () => Promise<HandoffQueue>): void {
  describe(`${name}: HandoffQueue contract`, () => {
    let queue: HandoffQueue;
    beforeEach(async () => {
      queue = await make();
    });

    test('when requests are filed, then they wait in filing order, and filing twice keeps the first', async () => {
      const a = await queue.file(requestFor('a', { tried: ['x/y'], amount: 20, brand: 'steam', wanted: 'xbox' }), 'waiting', 1000);
      await queue.file(requestFor('b'), 'waiting', 2000);
      expect((await queue.file(requestFor('a'), 'waiting', 3000)).id).toBe(a.id);
      expect((await queue.waiting()).map((r) => r.conversationId)).toEqual(['a', 'b']);
      expect(await queue.openFor('test', 'a')).toEqual(a);
      expect(a).toMatchObject({ state: 'waiting', filedAt: 1000, queuedAt: 1000, waitingSince: 1000, tried: ['x/y'], amount: 20, brand: 'steam', wanted: 'xbox', agent: null, toldPosition: null });
      expect(await queue.get(a.id)).toEqual(a);
    });

    test('when two agents accept the same request at once, then exactly one change applies', async () => {
      const { id } = await queue.file(requestFor('a'), 'waiting', 1000);
      const results = await Promise.all([alice, bob].map((agent) => queue.transition(id, ['waiting'], { state: 'active', agent, acceptedAt: 2000 })));
      const winner = results.find(Boolean);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await queue.get(id))?.agent).toEqual(winner!.agent);
      expect(await queue.assignedTo(winner!.agent!.id)).toHaveLength(1);
      expect(await queue.waiting()).toEqual([]);
    });

    test('when a request closes, then the conversation has no open request and may file again', async () => {
      const first = await queue.file(requestFor('a'), 'waiting', 1000);
      expect(await queue.transition(first.id, ['waiting'], { state: 'cancelled', closedAt: 1500 })).toMatchObject({ state: 'cancelled', closedAt: 1500 });
      expect(await queue.transition(first.id, ['waiting'], { state: 'cancelled' })).toBeUndefined();
      expect(await queue.openFor('test', 'a')).toBeUndefined();
      const second = await queue.file(requestFor('a'), 'waiting', 2000);
      expect(second.id).not.toBe(first.id);
      expect((await queue.get(first.id))?.state).toBe('cancelled');
    });

    test('when an agent ends with a wrap-up, then the ended record keeps the reason and tags (issue 15)', async () => {
      const { id } = await queue.file(requestFor('a'), 'waiting', 1000);
      await queue.transition(id, ['waiting'], { state: 'active', agent: alice, acceptedAt: 2000 });
      const wrapUp = { reason: 'code-already-used', tags: ['chargeback-risk', 'asked for receipt'] };
      expect(await queue.transition(id, ['active'], { state: 'ended', closedAt: 3000, wrapUp })).toMatchObject({ state: 'ended', wrapUp });
      expect(await queue.get(id)).toMatchObject({ state: 'ended', closedAt: 3000, wrapUp });
    });

    test('when a live chat is moved on condition of its holder, then a move expecting another holder changes nothing, and of two at once exactly one applies (issue 15)', async () => {
      const { id } = await queue.file(requestFor('a'), 'waiting', 1000);
      expect(await queue.transition(id, ['waiting'], { state: 'active', agent: alice, acceptedAt: 2000 }, 'token:Alice')).toBeUndefined();
      expect(await queue.transition(id, ['waiting'], { state: 'active', agent: alice, acceptedAt: 2000 }, null)).toMatchObject({ agent: alice });
      expect(await queue.transition(id, ['active'], { agent: bob, acceptedAt: 3000 }, 'token:Bob')).toBeUndefined();
      expect(await queue.get(id)).toMatchObject({ agent: alice, acceptedAt: 2000 });
      const carol = { id: 'token:Carol', name: 'Carol' };
      // Two supervisors who both read Alice as the holder: the second finds it moved and is refused.
      const results = await Promise.all([bob, carol].map((to, i) => queue.transition(id, ['active'], { agent: to, acceptedAt: 4000 + i }, alice.id)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.find(Boolean)!.agent!;
      expect((await queue.get(id))?.agent).toEqual(winner);
      expect(await queue.assignedTo(alice.id)).toEqual([]);
      // Left out, the holder isn't checked (as before issue 15).
      expect(await queue.transition(id, ['active'], { state: 'ended', closedAt: 5000 })).toMatchObject({ state: 'ended', agent: winner });
    });

    test('when a request goes back to the queue, then it keeps its old place', async () => {
      const a = await queue.file(requestFor('a'), 'waiting', 1000);
      await queue.file(requestFor('b'), 'waiting', 2000);
      await queue.transition(a.id, ['waiting'], { state: 'active', agent: alice, acceptedAt: 3000 });
      await queue.transition(a.id, ['active'], { state: 'waiting', agent: null, waitingSince: 4000, toldPosition: 1 });
      expect((await queue.waiting()).map((r) => [r.conversationId, r.waitingSince, r.toldPosition])).toEqual([['a', 4000, 1], ['b', 2000, null]]);
    });

    test('when the same conversation id is used on another channel, then it is another conversation with its own request', async () => {
      const web = await queue.file(requestFor('same-id', { channel: 'directline' }), 'waiting', 1000);
      expect(await queue.openFor('msteams', 'same-id')).toBeUndefined();
      const teams = await queue.file(requestFor('same-id', { channel: 'msteams' }), 'waiting', 2000);
      expect(teams.id).not.toBe(web.id);
      expect((await queue.openFor('directline', 'same-id'))?.id).toBe(web.id);
      await queue.transition(teams.id, ['waiting'], { state: 'cancelled', closedAt: 3000 });
      expect(await queue.openFor('msteams', 'same-id')).toBeUndefined();
      expect((await queue.openFor('directline', 'same-id'))?.state).toBe('waiting');
    });

    test('when requests are claimed for an agent within a capacity, then the claim past it is refused as full and the request still waits', async () => {
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((id, i) => queue.file(requestFor(id), 'waiting', 1000 + i)));
      expect(await queue.claim(a!.id, alice, 2000, 2)).toMatchObject({ state: 'active', agent: alice, acceptedAt: 2000 });
      expect(await queue.claim(b!.id, alice, 2001, 2)).toMatchObject({ state: 'active', agent: alice });
      expect(await queue.claim(c!.id, alice, 2002, 2)).toBe('full');
      expect((await queue.get(c!.id))?.state).toBe('waiting');
      // Another agent's load is their own; and a request that no longer waits can't be claimed.
      expect(await queue.claim(c!.id, bob, 2003, 2)).toMatchObject({ agent: bob });
      expect(await queue.claim(c!.id, bob, 2004, 2)).toBeUndefined();
      // An ended chat frees its place.
      await queue.transition(a!.id, ['active'], { state: 'ended', closedAt: 2005 });
      const d = await queue.file(requestFor('d'), 'waiting', 2006);
      expect(await queue.claim(d.id, alice, 2007, 2)).toMatchObject({ agent: alice });
      expect((await queue.assignedTo(alice.id)).map((r) => r.conversationId).sort()).toEqual(['b', 'd']);
    });

    test('when eight requests are claimed for one agent at once with capacity 3, then exactly three are theirs', async () => {
      const filed = await Promise.all(Array.from({ length: 8 }, (_, i) => queue.file(requestFor(`r${i}`), 'waiting', 1000 + i)));
      const results = await Promise.all(filed.map((r) => queue.claim(r.id, alice, 2000, 3)));
      expect(results.filter((r) => r !== 'full' && r !== undefined)).toHaveLength(3);
      expect(results.filter((r) => r === 'full')).toHaveLength(5);
      expect(await queue.assignedTo(alice.id)).toHaveLength(3);
    });

    test('when a record is read, then changing the copy does not change the queue', async () => {
      const record = await queue.file(requestFor('a'), 'external', 1000);
      record.state = 'ended';
      record.tried.push('nope');
      expect(await queue.get(record.id)).toMatchObject({ state: 'external', tried: [] });
      expect((await queue.openFor('test', 'a'))?.state).toBe('external');
    });
  });
}
