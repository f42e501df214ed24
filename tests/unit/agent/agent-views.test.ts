import path from 'node:path';
import { AgentViews } from '../../../src/agent/agent-views';
import { InMemoryHandoffQueue } from '../../../src/handoff/handoff-queue';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { requestFor } from '../../helpers/handoff';
import { ROOT } from '../../helpers/paths';

const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge')));
const filed = Date.UTC(2026, 10, 25, 12, 0, 0);
const alice = { id: 'token:Alice', name: 'Alice' };

describe('AgentViews', () => {
  test('when a request names a known brand and fixes tried, then the queue shows the brand name and the fix titles', async () => {
    const queue = new InMemoryHandoffQueue();
    await queue.file(requestFor('a', { brand: 'steam', tried: ['steam/invalid-code', 'generic/this-code-is-not-valid'], summary: 'still invalid' }), 'waiting', filed);
    const views = new AgentViews(catalog, () => filed + 90_000);

    const [item] = views.queue(await queue.waiting());

    expect(item).toEqual({
      id: expect.any(String),
      position: 1,
      channel: 'test',
      brand: 'steam',
      brandName: 'Steam',
      summary: 'still invalid',
      tried: [
        { id: 'steam/invalid-code', title: 'Invalid code.' },
        { id: 'generic/this-code-is-not-valid', title: 'This code is not valid.' },
      ],
      filedAt: '2026-11-25T12:00:00.000Z',
      waitingSeconds: 90,
    });
  });

  test('when the brand or a fix is no longer in the knowledge, then its id stands in for the name', async () => {
    const queue = new InMemoryHandoffQueue();
    await queue.file(requestFor('a', { brand: 'gone-brand', tried: ['gone-brand/old-fix', 'steam/invalid-code'] }), 'waiting', filed);
    const views = new AgentViews(catalog, () => filed);

    const [item] = views.queue(await queue.waiting());

    expect(item?.brandName).toBe('gone-brand');
    expect(item?.tried).toEqual([
      { id: 'gone-brand/old-fix', title: 'gone-brand/old-fix' },
      { id: 'steam/invalid-code', title: 'Invalid code.' },
    ]);
  });

  test('when the request has no brand, then there is no brand name', async () => {
    const queue = new InMemoryHandoffQueue();
    await queue.file(requestFor('a'), 'waiting', filed);

    const [item] = new AgentViews(catalog, () => filed).queue(await queue.waiting());

    expect(item).toMatchObject({ brand: null, brandName: null, tried: [] });
  });

  test('when several requests wait, then positions follow the queue and waits count from each one\'s waitingSince', async () => {
    const queue = new InMemoryHandoffQueue();
    await queue.file(requestFor('a'), 'waiting', filed);
    await queue.file(requestFor('b'), 'waiting', filed + 30_000);
    const views = new AgentViews(catalog, () => filed + 60_400);

    const items = views.queue(await queue.waiting());

    expect(items.map((i) => [i.position, i.waitingSeconds])).toEqual([
      [1, 60],
      [2, 30],
    ]);
  });

  test('when the clock reads earlier than a request began waiting, then the wait is zero, not negative', async () => {
    const queue = new InMemoryHandoffQueue();
    await queue.file(requestFor('a'), 'waiting', filed);

    const [item] = new AgentViews(catalog, () => filed - 5_000).queue(await queue.waiting());

    expect(item?.waitingSeconds).toBe(0);
  });

  test('when a request was handed back to the queue, then its wait counts from when it began waiting again', async () => {
    const queue = new InMemoryHandoffQueue();
    const { id } = await queue.file(requestFor('a'), 'waiting', filed);
    await queue.transition(id, ['waiting'], { state: 'active', agent: alice, acceptedAt: filed + 60_000 });
    await queue.transition(id, ['active'], { state: 'waiting', agent: null, waitingSince: filed + 120_000 });

    const [item] = new AgentViews(catalog, () => filed + 130_000).queue(await queue.waiting());

    expect(item?.waitingSeconds).toBe(10);
    expect(item?.filedAt).toBe('2026-11-25T12:00:00.000Z');
  });

  test('when an agent views an accepted conversation, then it shows the state, when it was accepted, and the same names', async () => {
    const queue = new InMemoryHandoffQueue();
    const { id } = await queue.file(requestFor('a', { brand: 'steam', tried: ['steam/invalid-code'] }), 'waiting', filed);
    const active = await queue.transition(id, ['waiting'], { state: 'active', agent: alice, acceptedAt: filed + 45_000 });

    const view = new AgentViews(catalog, () => filed).conversation(active!);

    expect(view).toEqual({
      id,
      channel: 'test',
      brand: 'steam',
      brandName: 'Steam',
      summary: 'help a',
      tried: [{ id: 'steam/invalid-code', title: 'Invalid code.' }],
      filedAt: '2026-11-25T12:00:00.000Z',
      acceptedAt: '2026-11-25T12:00:45.000Z',
      state: 'active',
      wrapUp: null, // set at End (issue 15)
    });
  });

  test('when a conversation was never accepted, then acceptedAt is null', async () => {
    const queue = new InMemoryHandoffQueue();
    const record = await queue.file(requestFor('a'), 'waiting', filed);

    expect(new AgentViews(catalog, () => filed).conversation(record)).toMatchObject({ acceptedAt: null, state: 'waiting' });
  });
});
