import { stem } from '../../../src/text/stem';

describe('stem', () => {
  test.each([
    ['redeemed', 'redeeming', 'redeems', 'redeem'],
    ['applied', 'applies', 'applying', 'apply'],
    ['codes', 'coded', 'code', 'code'],
    ['expired', 'expires', 'expire', 'expiring'],
    ['use', 'using', 'uses', 'use'],
  ])('when words share a root (%s, %s, %s, %s), then they share a stem', (...words) => {
    expect(new Set(words.map(stem)).size).toBe(1);
  });

  test('when words differ in meaning, then their stems differ', () => {
    expect(stem('card')).not.toBe(stem('code'));
    expect(stem('apple')).not.toBe(stem('apply'));
    // "already used" is a redeemed code; "never use" is a card nobody wants (issue 11).
    expect(stem('used')).not.toBe(stem('use'));
  });
});
