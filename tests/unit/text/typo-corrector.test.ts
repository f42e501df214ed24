import { TypoCorrector, editDistance } from '../../../src/text/typo-corrector';

const vocabulary = new Set(['valid', 'code', 'redeem', 'receive', 'applied', 'balance', 'this', 'the']);
const corrector = new TypoCorrector(vocabulary);

describe('TypoCorrector', () => {
  test.each([
    ['vaild', 'valid'],
    ['cod', 'code'],
    ['reedem', 'redeem'],
    ['recieve', 'receive'],
    ['aplied', 'applied'],
    ['balanse', 'balance'],
  ])('when "%s" is typed, then it corrects to "%s"', (typed, expected) => {
    expect(corrector.correct(typed)?.word).toBe(expected);
  });

  test('when a word is far from every vocabulary word, then it stays unknown', () => {
    expect(corrector.correct('password')).toBeUndefined();
    expect(corrector.correct('weather')).toBeUndefined();
  });

  test('when two words are equally close, then the more common one wins', () => {
    const common = new TypoCorrector(new Set(['card', 'cart']), (w) => (w === 'cart' ? 5 : 1));
    expect(common.correct('carx')?.word).toBe('cart');
  });

  test('when a word is two letters long, then it is never corrected', () => {
    expect(corrector.correct('th')).toBeUndefined();
  });

  test('when two letters are swapped, then the edit distance is one', () => {
    expect(editDistance('vaild', 'valid')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
