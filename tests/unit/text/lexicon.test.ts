import { STOPWORDS, termsOfWord, termsOfWords } from '../../../src/text/lexicon';

const terms = (text: string) => termsOfWords(text.split(' ')).map((t) => t.term);

describe('lexicon', () => {
  test('when a word is a stopword, then it has no terms', () => {
    expect(STOPWORDS.has('the')).toBe(true);
    expect(termsOfWord('the')).toEqual([]);
  });

  test('when people say "invalid" or "isn\'t valid", then both reach the same terms', () => {
    expect(terms('invalid')).toEqual(terms('isnt valid'));
  });

  test('when a two-word phrase has its own meaning, then it wins over its words', () => {
    expect(terms('run out')).toEqual(terms('expire'));
    expect(terms('apply for')).not.toEqual(terms('apply'));
    expect(terms('apply')).toEqual(terms('redeem'));
  });

  test('when a country is named, then it reads as a region', () => {
    expect(terms('canada')).toEqual(terms('region'));
    expect(terms('wrong')).toEqual(terms('different'));
  });

  test('when terms come from a phrase, then they point at its first word and say so', () => {
    expect(termsOfWords(['it', 'will', 'run', 'out'])).toEqual([{ term: 'expir', index: 2, phrase: true }]);
  });
});
