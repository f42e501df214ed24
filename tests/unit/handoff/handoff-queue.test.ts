import { InMemoryHandoffQueue } from '../../../src/handoff/handoff-queue';
import { requestFor } from '../../helpers/handoff';

const alice = { id: 'token:Alice', name: 'Alice' };
const bob = { id: 'token:Bob', name: 'Bob' };

describe('InMemoryHandoffQueue', () => {
  test('when requests are filed, then they wait in filing order, and filing twice keeps the first', async () => {
    const queue = new InMemoryHandoffQueue();
    const a = await queue.file(requestFor('a'), 'waiting', 1000);
    await queue.file(requestFor('b'), 'waiting', 2000);
    expect((await queue.file(requestFor('a'), 'waiting', 3000)).id).toBe(a.id);
    expect((await queue.waiting()).map((r) => r.conversationId)).toEqual(['a', 'b']);
    expect((await queue.openFor('test', 'a'))?.state).toBe('waiting');
  });

  test('when two agents accept the same request at once, then exactly one change applies', async () => {
    const queue = new InMemoryHandoffQueue();
    const { id } = await queue.file(requestFor('a'), 'waiting', 1000);
    const results = await Promise.all([alice, bob].map((agent) => queue.transition(id, ['waiting'], { state: 'active', agent, acceptedAt: 2000 })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await queue.get(id))?.agent).toEqual(results.find(Boolean)!.agent);
    expect(await queue.assignedTo(results.find(Boolean)!.agent!.id)).toHaveLength(1);
  });

  test('when a request closes, then the conversation has no open request and may file again', async () => {
    const queue = new InMemoryHandoffQueue();
    const first = await queue.file(requestFor('a'), 'waiting', 1000);
    expect(await queue.transition(first.id, ['waiting'], { state: 'cancelled', closedAt: 1500 })).toMatchObject({ state: 'cancelled' });
    expect(await queue.transition(first.id, ['waiting'], { state: 'cancelled' })).toBeUndefined();
    expect(await queue.openFor('test', 'a')).toBeUndefined();
    const second = await queue.file(requestFor('a'), 'waiting', 2000);
    expect(second.id).not.toBe(first.id);
    expect((await queue.get(first.id))?.state).toBe('cancelled');
  });

  test('when a record is read, then changing the copy does not change the queue', async () => {
    const queue = new InMemoryHandoffQueue();
    const record = await queue.file(requestFor('a'), 'waiting', 1000);
    record.state = 'ended';
    expect((await queue.get(record.id))?.state).toBe('waiting');
  });
});
