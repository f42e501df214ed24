import type { ConversationLocks } from '../../src/core/conversation-locks';
import type { EventBus } from '../../src/core/event-bus';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every ConversationLocks: one task at a time per key, in order; keys independent; failures don't jam. */
export function locksContract(name: string, make: () => Promise<ConversationLocks>): void {
  describe(`${name}: ConversationLocks contract`, () => {
    test('when tasks of one key come together, then they run one at a time in order, and a failure does not stop the next', async () => {
      const locks = await make();
      const events: string[] = [];
      const task = (label: string, fail = false) => async () => {
        events.push(`start ${label}`);
        await pause(20);
        events.push(`end ${label}`);
        if (fail) throw new Error(label);
        return label;
      };
      const results = await Promise.allSettled([locks.run('k', task('a')), locks.run('k', task('b', true)), locks.run('k', task('c'))]);
      expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    });

    test('when tasks of different keys come together, then they overlap', async () => {
      const locks = await make();
      let running = 0;
      let most = 0;
      const task = async () => {
        running++;
        most = Math.max(most, running);
        await pause(30);
        running--;
      };
      await Promise.all([locks.run('x', task), locks.run('y', task), locks.run('z', task)]);
      expect(most).toBeGreaterThan(1);
      await locks.idle();
    });
  });
}

/** Every EventBus: subscribers of a topic hear its messages as JSON copies, until they unsubscribe. */
export function busContract(name: string, make: () => Promise<EventBus>, settle: () => Promise<void> = async () => undefined): void {
  describe(`${name}: EventBus contract`, () => {
    test('when a message is published, then each subscriber of that topic hears a copy, until it unsubscribes', async () => {
      const bus = await make();
      const heard: unknown[] = [];
      const other: unknown[] = [];
      const stop = bus.subscribe('t', (m) => heard.push(m));
      bus.subscribe('other', (m) => other.push(m));
      await settle();
      const message = { type: 'queue-changed', nested: { n: 1 } };
      bus.publish('t', message);
      await settle();
      stop();
      bus.publish('t', { type: 'late' });
      await settle();
      expect(heard).toEqual([message]);
      expect(heard[0]).not.toBe(message);
      expect(other).toEqual([]);
    });
  });
}
