import { buildReaders, HOSTILE_INPUTS, INPUT_SIZE, timeCall, type Reader } from '../../bench/reader-inputs';
import { ROOT } from '../helpers/paths';

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
