import { LocalLocks } from '../../../src/core/conversation-locks';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('when tasks of one conversation are queued together, then they run one at a time in order', async () => {
  const queue = new LocalLocks();
  const events: string[] = [];
  const task = (name: string, ms: number) => async () => {
    events.push(`${name} start`);
    await pause(ms);
    events.push(`${name} end`);
  };
  await Promise.all([queue.run('a', task('first', 20)), queue.run('a', task('second', 1))]);
  expect(events).toEqual(['first start', 'first end', 'second start', 'second end']);
});

test('when tasks of different conversations are queued, then they run side by side', async () => {
  const queue = new LocalLocks();
  const events: string[] = [];
  const task = (name: string) => async () => {
    events.push(`${name} start`);
    await pause(10);
    events.push(`${name} end`);
  };
  await Promise.all([queue.run('a', task('a')), queue.run('b', task('b'))]);
  expect(events.slice(0, 2)).toEqual(['a start', 'b start']);
});

test('when a task fails, then its caller hears it and the next task still runs', async () => {
  const queue = new LocalLocks();
  const failed = queue.run('a', async () => {
    throw new Error('boom');
  });
  let ran = false;
  const next = queue.run('a', async () => {
    ran = true;
  });
  await expect(failed).rejects.toThrow('boom');
  await next;
  expect(ran).toBe(true);
});

test('when every task has finished, then no conversation is held and idle resolves', async () => {
  const queue = new LocalLocks();
  void queue.run('a', () => pause(5));
  void queue.run('b', () => pause(5));
  expect(queue.size).toBe(2);
  await queue.idle();
  expect(queue.size).toBe(0);
});
