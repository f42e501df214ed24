import { evaluate, type Facts } from '../../../src/engine/conditions';

const facts: Facts = { brandListed: true, regionMismatch: false, inGroup: false };

describe('evaluate', () => {
  test('when slots are compared, then set, equals and atLeast read them', () => {
    const slots = { brand: 'amazon', mode: 'swap', misses: 2, empty: '' };
    expect(evaluate({ slot: 'brand', set: true }, slots, facts)).toBe(true);
    expect(evaluate({ slot: 'empty', set: true }, slots, facts)).toBe(false);
    expect(evaluate({ slot: 'missing', set: false }, slots, facts)).toBe(true);
    expect(evaluate({ slot: 'mode', equals: 'swap' }, slots, facts)).toBe(true);
    expect(evaluate({ slot: 'misses', atLeast: 3 }, slots, facts)).toBe(false);
    expect(evaluate({ slot: 'mode', atLeast: 1 }, slots, facts)).toBe(false);
  });

  test('when conditions combine, then all, any and not compose', () => {
    const slots = { brand: 'amazon' };
    expect(evaluate({ all: [{ slot: 'brand', set: true }, { fact: 'brandListed' }] }, slots, facts)).toBe(true);
    expect(evaluate({ any: [{ fact: 'inGroup' }, { fact: 'regionMismatch' }] }, slots, facts)).toBe(false);
    expect(evaluate({ not: { fact: 'regionMismatch', is: true } }, slots, facts)).toBe(true);
  });
});
