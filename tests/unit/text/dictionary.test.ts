import { isEnglishWord } from '../../../src/text/dictionary';

describe('isEnglishWord', () => {
  test('when a word is common English, then it is a word', () => {
    for (const word of ['weather', 'password', 'steal', 'apply', 'job']) expect(isEnglishWord(word)).toBe(true);
  });

  test('when a word is a typo, slang or a brand, then it is not', () => {
    for (const word of ['vaild', 'recieve', 'amzon', 'bday', 'robux', 'starbux']) expect(isEnglishWord(word)).toBe(false);
  });

  test('when a three-letter word is rare, then it is treated as a likely typo ("cod" for "code")', () => {
    expect(isEnglishWord('cod')).toBe(false);
    expect(isEnglishWord('the')).toBe(true);
  });
});
