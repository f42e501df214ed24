import { InMemoryHandoffQueue } from '../../../src/handoff/handoff-queue';

const request = (conversationId: string) => ({ conversationId, channel: 'test', summary: 's', brand: null, tried: [] });

describe('InMemoryHandoffQueue', () => {
  test('when requests are filed, then each gets its place in line, and filing twice keeps the first', async () => {
    const queue = new InMemoryHandoffQueue(() => 1000);
    expect((await queue.file(request('a'))).position).toBe(1);
    expect((await queue.file(request('b'))).position).toBe(2);
    expect((await queue.file(request('a'))).position).toBe(1);
    expect(queue.list().map((r) => r.conversationId)).toEqual(['a', 'b']);
  });

  test('when someone leaves the queue, then those behind move up', async () => {
    const queue = new InMemoryHandoffQueue();
    await queue.file(request('a'));
    await queue.file(request('b'));
    expect(await queue.cancel('a')).toBe(true);
    expect(await queue.cancel('a')).toBe(false);
    expect((await queue.find('b'))?.position).toBe(1);
  });
});
