import { titleWords } from '../../../src/knowledge/title-words';

describe('titleWords', () => {
  it.each([
    ['Error 0x80A107: This gift code has already been used.', 'This gift code has already been used.'],
    ['Error NK-175: Too many attempts.', 'Too many attempts.'],
    ['Error code 1026-0090: Gift credit limit reached.', 'Gift credit limit reached.'],
    ['Card not activated (error CMG-610).', 'Card not activated'],
    ['This code is not valid.', 'This code is not valid.'],
  ])('when an error title is "%s", then its words are "%s"', (title, words) => {
    expect(titleWords(title)).toBe(words);
  });

  it('when a title is nothing but a code, then it keeps its words', () => {
    expect(titleWords('Error code 2813-xxxx.')).toBe('Error code 2813-xxxx.');
  });
});
