import { BrandResolver, type BrandNames } from '../../../src/knowledge/brand-resolver';
import { findContextClashes } from '../../../src/knowledge/context-clashes';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { tokenize } from '../../../src/text/tokenize';
import { KNOWLEDGE_DIR } from '../../helpers/paths';

const BRANDS: BrandNames[] = [
  { id: 'nintendo-eshop', name: 'Nintendo eShop', aliases: ['eshop'], contexts: ['switch', '3ds', 'wii u'] },
  { id: 'fortnite', name: 'Fortnite', aliases: [], contexts: ['v-bucks', 'switch', 'xbox', 'ps5'] },
  { id: 'xbox', name: 'Xbox', aliases: ['microsoft'], contexts: ['game pass'] },
  { id: 'walmart', name: 'Walmart', aliases: ['walmart.com'], contexts: ["sam's club"] },
];
const resolver = new BrandResolver(BRANDS, () => true, () => false);
const brandsIn = (text: string) => resolver.resolve(tokenize(text)).mentions.map((m) => m.brand);

describe('context words in the brand resolver', () => {
  test.each([
    ['will my card work on my old 3ds', 'nintendo-eshop'],
    ['can i use this gift card at sams club', 'walmart'],
    ["my card won't work at Sam's Club", 'walmart'],
    ['how many vbucks is this card', 'fortnite'],
    ['my v-bucks card code', 'fortnite'],
    ['a wii u code', 'nintendo-eshop'],
  ])('when no brand is named and "%s" holds a context word, then the brand is %s', (text, brand) => {
    expect(brandsIn(text)).toEqual([brand]);
  });

  test('when a context word is found, then the mention covers its words and says it came from context', () => {
    expect(resolver.resolve(tokenize('gift card for sams club')).mentions).toEqual([{ brand: 'walmart', start: 3, end: 5, country: null, byContext: true }]);
  });

  test('when two brands list the same context word, then neither is picked', () => {
    expect(brandsIn('does this card work on switch')).toEqual([]);
  });

  test("when a context word is another brand's name, then that brand's name wins", () => {
    expect(brandsIn('a gift card for my xbox')).toEqual(['xbox']);
  });

  test('when a brand is named, then context words are not read at all', () => {
    expect(brandsIn('walmart card at sams club')).toEqual(['walmart']);
    expect(brandsIn('microsoft card for game pass on my 3ds')).toEqual(['xbox']);
  });

  test('when context words point at two different brands, then neither is picked', () => {
    expect(brandsIn('card for game pass or my 3ds')).toEqual([]);
  });

  test('when the message is not about a card, then a console is no brand', () => {
    expect(brandsIn('my 3ds wont turn on')).toEqual([]);
  });
});

describe('context word clashes', () => {
  test("when two brands list a context word, or one lists another brand's name, then each is a warning naming both brands", () => {
    expect(findContextClashes(BRANDS)).toEqual([
      { file: 'fortnite.json', path: 'contexts[1]', message: '"switch" is also a context word of "nintendo-eshop": a name two brands share points to neither' },
      { file: 'fortnite.json', path: 'contexts[2]', message: '"xbox" is the name of brand "xbox", which wins: the context word never points to "fortnite"' },
      { file: 'nintendo-eshop.json', path: 'contexts[0]', message: '"switch" is also a context word of "fortnite": a name two brands share points to neither' },
    ]);
  });

  test('when every context word belongs to one brand, then there is no warning', () => {
    expect(findContextClashes(BRANDS.filter((b) => b.id !== 'fortnite'))).toEqual([]);
  });
});

describe('context words on the shipped knowledge', () => {
  const matcher = new Matcher(new KnowledgeCatalog(loadKnowledgeDir(KNOWLEDGE_DIR)));

  test.each([
    ['will my eshop card work on my old 3ds', 'nintendo-eshop'],
    ['can i use my walmart card at sams club', 'walmart'],
    ['my vanilla card wont work online', 'visa-prepaid'],
    ['can i use this gift card at sams club', 'walmart'],
    ['does a gift card work on a ps5', 'playstation'],
    ["is this card good at kohl's", 'sephora'],
  ])('when asked "%s", then the search reaches %s', (text, brand) => {
    expect(matcher.search(text).brand).toBe(brand);
  });

  test('when asked about the 3DS with an eShop card, then the 3DS entry ranks first (answered or suggested)', () => {
    const result = matcher.search('will my eshop card work on my old 3ds');
    expect([...result.results, ...result.suggestions][0]?.id).toBe('nintendo-eshop/can-i-still-use-a-nintendo-eshop-card-on-a-3ds-or-wii-u');
  });

  test('when a vanilla card is declined online, then a Visa Prepaid entry answers', () => {
    const result = matcher.search('my vanilla card wont work online');
    expect(result.decision).toBe('answer');
    expect(result.results[0]?.brand).toBe('visa-prepaid');
  });

  test('when a context word is shared by two shipped brands ("windows"), then no brand is picked', () => {
    expect(matcher.search('gift card on windows').brand).toBeNull();
  });

  test('when the question is about the console, not a card, then the search abstains as before', () => {
    expect(matcher.search('my switch wont turn on')).toMatchObject({ brand: null, decision: 'abstain' });
  });
});
