import { nearTie } from '../../../src/knowledge/search-result';

describe('nearTie', () => {
  test('when the second hit is within the margin of the first, then it is a near tie', () => {
    expect(nearTie([{ score: 0.663 }, { score: 0.643 }], 0.05)).toBe(true);
    expect(nearTie([{ score: 0.7 }, { score: 0.65 }], 0.05)).toBe(true);
  });

  test('when the second hit is further below than the margin, or there is only one, then it is not', () => {
    expect(nearTie([{ score: 0.7 }, { score: 0.64 }], 0.05)).toBe(false);
    expect(nearTie([{ score: 0.7 }], 0.05)).toBe(false);
    expect(nearTie([], 0.05)).toBe(false);
  });
});
