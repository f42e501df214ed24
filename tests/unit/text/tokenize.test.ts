import { tokenize } from '../../../src/text/tokenize';

describe('tokenize', () => {
  test('when text has contractions, then apostrophes are dropped inside the word', () => {
    expect(tokenize("It won't work, isn't valid").words).toEqual(['it', 'wont', 'work', 'isnt', 'valid']);
  });

  test('when text has domains and URLs, then each domain is kept and its words (scheme and www too) are linked to it', () => {
    const tokens = tokenize('card from https://www.amazon.co.uk/redeem, not amazon.com.');
    expect(tokens.domains).toEqual(['amazon.co.uk', 'amazon.com']);
    const linked = tokens.words.filter((_, i) => tokens.wordDomain[i] === 0);
    expect(linked).toEqual(['https', 'www', 'amazon', 'co', 'uk']);
  });

  test('when a domain follows dashes, dots or an underscore, then it is found where it begins, as before the pattern was made linear', () => {
    expect(tokenize('--xbox.com').domains).toEqual(['xbox.com']);
    expect(tokenize('see a..amazon.com').domains).toEqual(['amazon.com']);
    expect(tokenize('x_amazon.com').domains).toEqual(['amazon.com']);
    expect(tokenize('go to redeem.microsoft.com.').domains).toEqual(['redeem.microsoft.com']);
    expect(tokenize('a-amazon.com').domains).toEqual(['a-amazon.com']);
  });

  test('when text is only emoji or right-to-left script, then there are no words and no crash', () => {
    expect(tokenize('🎁🎁🎁').words).toEqual([]);
    expect(() => tokenize('بطاقة هدية لا تعمل')).not.toThrow();
  });
});
