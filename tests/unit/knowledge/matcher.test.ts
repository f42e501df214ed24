import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { KNOWLEDGE_DIR } from '../../helpers/paths';

const matcher = new Matcher(new KnowledgeCatalog(loadKnowledgeDir(KNOWLEDGE_DIR)));
const top = (text: string, brand?: string) => matcher.search(text, { brand }).results[0]?.id;

describe('brand resolution', () => {
  test.each([
    ['amzon gift card', 'amazon'],
    ['my itunes card', 'apple'],
    ['gogle play code', 'google-play'],
    ['x box card', 'xbox'],
    ['psn card from my aunt', 'playstation'],
    ['nintendo card', 'nintendo-eshop'],
    ['best buy', 'best-buy'],
    ['STARBUCKS', 'starbucks'],
  ])('when the text says "%s", then the brand is %s', (text, brand) => {
    expect(matcher.search(text).brand).toBe(brand);
  });

  test('when a domain names a marketplace, then the brand comes with its country', () => {
    expect(matcher.search('I have an amazon.co.uk card')).toMatchObject({ brand: 'amazon', country: 'GB' });
    expect(matcher.search('bought on amazon.de')).toMatchObject({ brand: 'amazon', country: 'DE' });
  });

  test('when the text names a brand, then it wins over the conversation brand', () => {
    expect(matcher.search('my steam code is invalid', { brand: 'amazon' }).brand).toBe('steam');
    expect(matcher.search('my code is invalid', { brand: 'amazon' }).brand).toBe('amazon');
  });

  test('when a word is an everyday word close to a brand, then it is not read as the brand', () => {
    expect(matcher.search('how do I apply it').brand).toBeNull();
    expect(matcher.search('someone might steal my code').brand).toBeNull();
  });

  test('when two real words are a brand name with two letters swapped, then it is that brand', () => {
    expect(matcher.search('bets buy card wont work online').brand).toBe('best-buy');
  });

  test('when another brand is named as a place to spend, then it reads as "somewhere else"', () => {
    expect(top('can I spend my xbox card on amazon')).toBe('xbox/can-an-xbox-gift-card-be-used-anywhere-else');
  });

  test('when the text names a marketplace of another country, then the region error answers', () => {
    expect(top('my card is from amazon.com and my account is amazon.de')).toBe('amazon/wrong-marketplace');
  });

  test('when two brands are named, then both are reported in order', () => {
    expect(matcher.search('swap my amazon card for a starbucks one').mentioned).toEqual(['amazon', 'starbucks']);
  });
});

describe('answers', () => {
  test('when an error is pasted verbatim, then it is the confident answer', () => {
    const result = matcher.search('“This code is not valid.”', { brand: 'amazon' });
    expect(result.decision).toBe('answer');
    expect(result.results[0]).toMatchObject({ id: 'amazon/this-code-is-not-valid', score: 1 });
  });

  test('when the error is misspelt, then it is still found', () => {
    expect(top('ths cod isnt vaild', 'amazon')).toBe('amazon/this-code-is-not-valid');
  });

  test('when a long question is padded with everyday words, then the point of it still answers', () => {
    const result = matcher.search('honestly i have tried everything and the site still says this code is not valid every single time', { brand: 'amazon' });
    expect(result.decision).toBe('answer');
    expect(result.results[0]?.id).toBe('amazon/this-code-is-not-valid');
  });

  test('when "the states" is said, then it reads as a country', () => {
    expect(matcher.search('bought this card in the states and my account is in the uk', { brand: 'nintendo-eshop' }).results[0]).toMatchObject({ id: 'nintendo-eshop/wrong-region', score: 1 });
  });

  test('when "where can I use it" is asked, then it is "can it be used anywhere"', () => {
    expect(top('where can i use a visa gift card')).toBe('visa-prepaid/can-a-visa-prepaid-gift-card-be-used-anywhere');
  });

  test('when the brand lacks an entry the generic guidance has, then the generic entry answers', () => {
    expect(top('how do I check my balance', 'amazon')).toBe('generic/how-do-i-check-my-gift-card-balance');
  });

  test('when no brand is known, then generic guidance answers', () => {
    expect(top('code already used')).toBe('generic/this-code-has-already-been-redeemed');
  });
});

describe('abstention', () => {
  test.each(['where is my order', 'reset my password', "what's the weather like", 'tell me a joke', 'asdfghjkl'])(
    'when asked "%s", then nothing is confident enough to answer',
    (text) => {
      const result = matcher.search(text);
      expect(result.decision).toBe('abstain');
      expect(result.results).toEqual([]);
    },
  );

  test('when asked an off-topic question with a brand named, then it still abstains', () => {
    expect(matcher.search('what time does walmart close').results).toEqual([]);
  });

  test('when two entries explain the query about equally, then it says so instead of picking', () => {
    const result = matcher.search('steam card code not going through');
    expect(result.decision).toBe('clarify');
    expect(result.results.map((h) => h.id)).toEqual(expect.arrayContaining(['steam/invalid-code', 'steam/why-wont-my-steam-code-work']));
  });

  test('when one everyday word is all there is, then it does not answer on it', () => {
    expect(matcher.search('code', { brand: 'amazon' }).decision).toBe('abstain');
    expect(matcher.search('card').decision).toBe('abstain');
  });

  test('when results are returned, then they are ordered best first', () => {
    const scores = matcher.search('visa gift card other stores').results.map((h) => h.score);
    expect(scores.length).toBeGreaterThan(1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('hostile input', () => {
  test.each([
    ['a 100 KB query', 'ths cod isnt vaild '.repeat(5300)],
    ['only emoji', '🎁🔥💳'.repeat(50)],
    ['right-to-left text', 'رمز البطاقة غير صالح amazon'],
    ['zero-width characters', 'am\u200bazon co\u200bde not va\u200blid'],
    ['an empty string', ''],
  ])('when given %s, then it returns without throwing', (_name, text) => {
    const result = matcher.search(text);
    expect(['answer', 'clarify', 'abstain']).toContain(result.decision);
  });

  test('when zero-width characters hide inside words, then the words still match', () => {
    expect(top('am\u200bazon co\u200bde not va\u200blid')).toBe('amazon/this-code-is-not-valid');
  });
});
