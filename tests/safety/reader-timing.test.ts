import { buildReaders, HOSTILE_INPUTS, INPUT_SIZE, timeCall, type Reader } from '../../bench/reader-inputs';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, postJson, startTestServer } from '../helpers/server';

/**
 * Every reader and parser that sees customer or article text, on ~20 KB inputs built to make a
 * backtracking regex quadratic. The bound is an anti-catastrophe guard, not a speed target: linear
 * readers take about a millisecond here, quadratic ones hundreds to thousands. The figures are
 * in `npm run bench:readers`.
 */
const GUARD_MS = 100;

const readers = buildReaders(ROOT);

describe('readers on 20 KB of hostile text', () => {
  test.each(readers.map(([name, read]) => [name, read] as const))('when %s reads any of them, then no call takes over 100 ms', (_name: string, read: Reader) => {
    read('warm up: sell my $20 amazon card'); // the first call compiles; time the work, not the JIT
    const slow: string[] = [];
    for (const [input, text] of HOSTILE_INPUTS) {
      expect(text.length).toBeGreaterThanOrEqual(INPUT_SIZE - 2);
      // The best of two: a garbage collection landing in one call is not the reader's doing.
      const ms = Math.min(timeCall(read, text), timeCall(read, text));
      if (ms > GUARD_MS) slow.push(`${input}: ${ms.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});

/**
 * The measure on the real server: ten "sell my card" messages with 19,980 digits at once
 * took 6.2 s, /healthz 3.9 s. The target (under 50 ms) is measured by `npm run bench:readers`; here
 * a loose guard that a shared, busy test machine still meets, and the old stall would not.
 */
const HEALTHZ_GUARD_MS = 1500;

describe('the server under ten long messages at once', () => {
  test('when ten customers send "sell my card" and 19,980 digits at once, then /healthz answers within 1.5 s throughout and every one is answered', async () => {
    const server = await startTestServer();
    const customers: Customer[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
        customers.push(directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: false }));
      }
      for (const c of customers) await eventually(() => (c.texts().length > 0 ? true : undefined), 15_000, 'the greeting');
      const before = customers.map((c) => c.texts().length);
      let done = false;
      const posts = Promise.all(customers.map((c, i) => c.say(`sell my card ${String(i).repeat(19_980)}`))).finally(() => (done = true));
      const times: number[] = [];
      while (!done) {
        const started = performance.now();
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        times.push(performance.now() - started);
      }
      await posts;
      expect(times.length).toBeGreaterThan(0);
      expect(Math.max(...times)).toBeLessThan(HEALTHZ_GUARD_MS);
      // Each got its own answer to the cut message: the sell flow asks which card.
      await eventually(() => (customers.every((c, i) => c.texts().length > before[i]!) ? true : undefined), 15_000, 'every answer');
    } finally {
      customers.forEach((c) => c.end());
      await server.close();
    }
  }, 60_000);
});
