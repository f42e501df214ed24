import { balanceSituation } from '../../../src/knowledge/balance-situation';
import { excludedItems } from '../../../src/knowledge/excluded-items';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { tokenize } from '../../../src/text/tokenize';
import { KNOWLEDGE_DIR } from '../../helpers/paths';

const matcher = new Matcher(new KnowledgeCatalog(loadKnowledgeDir(KNOWLEDGE_DIR)));
const ids = (text: string, brand?: string) => matcher.search(text, { brand }).results.map((r) => r.id);

// Issue 11, "meaning over surface": each in our own wording, on the shipped knowledge.
describe('meaning over surface', () => {
  it('when a card will never be used, then the never-use answer comes and "Already used." is not offered', () => {
    const found = ids('got a nintendo card i will never use');
    expect(found[0]).toBe('nintendo-eshop/what-should-i-do-with-a-nintendo-eshop-card-i-dont-want');
    expect(found).not.toContain('nintendo-eshop/already-used');
  });

  it('when the customer asks about buying an item the card cannot pay for, then the eligibility entry answers', () => {
    expect(ids('ebay card wont go through, im trying to buy a silver coin')[0]).toBe('ebay/item-not-eligible');
    expect(ids('can i get bullion with it', 'ebay')[0]).toBe('ebay/item-not-eligible');
  });

  it('when the balance covers the order, then "order total more than the balance" is not the answer', () => {
    const found = matcher.search('it has $50 on it and my order was like $38, still declined', { brand: 'target' });
    expect(found.decision === 'answer' ? found.results[0]?.id : undefined).not.toBe('target/order-total-more-than-the-balance');
  });

  it('when the order costs more than the card holds, then that entry answers', () => {
    expect(ids('declined, the order is $120 and the card only has $100', 'visa-prepaid')[0]).toBe('visa-prepaid/declined-for-more-than-the-balance');
  });

  it('when the customer says in words that the order costs more than the card holds, then that entry leads', () => {
    expect(ids('visa giftcard declined because the total was more than whats on the card')[0]).toBe('visa-prepaid/declined-for-more-than-the-balance');
  });

  it('when a question names a place of the brand it names, then the place is what it is about', () => {
    expect(ids('can i use my walmart card at sams club')[0]).toBe('walmart/can-a-walmart-gift-card-be-used-anywhere-else');
  });

  it('when a question meets three of its words in the conversation brand\'s own entry, then it is answered though long', () => {
    const found = matcher.search('can i use it at sams club', { brand: 'walmart' });
    expect(found.decision).toBe('answer');
    expect(found.results[0]?.id).toBe('walmart/can-a-walmart-gift-card-be-used-anywhere-else');
  });

  it('when "work" stands for "use", then the console question finds its entry', () => {
    expect(ids('will my eshop card work on my old 3ds')[0]).toBe('nintendo-eshop/can-i-still-use-a-nintendo-eshop-card-on-a-3ds-or-wii-u');
  });

  it('when someone asks to be walked through using a card, then the redeem entry comes first', () => {
    expect(ids('walk me through using an ebay gift card')[0]).toBe('ebay/where-do-i-redeem-an-ebay-gift-card');
  });
});

describe('product words and the conversation\'s brand', () => {
  it('when the conversation is about an Amazon card, then "switch" does not move it to Nintendo', () => {
    expect(matcher.search('can i use this card on my switch', { brand: 'amazon' }).brand).toBe('amazon');
    expect(matcher.search('can i use this card on my switch').brand).toBe('nintendo-eshop');
  });
});

describe('excludedItems', () => {
  it('when a fix lists what a card cannot pay for, then each item is read and common words are kept for the matcher to judge', () => {
    expect(excludedItems("Gift cards can't pay for bullion, coins, paper money or other gift cards — pay another way.")).toEqual(['bullion', 'coins', 'paper money', 'gift cards']);
  });

  it('when the refusal ends its clause, then nothing is read as a list', () => {
    expect(excludedItems("a card that isn't active, an item gift cards can't pay for, or a balance already linked")).toEqual([]);
  });
});

describe('balanceSituation', () => {
  const read = (text: string) => balanceSituation(tokenize(text).words);
  it.each([
    ['it has $50 on it and my order was like $38', 'covers'],
    ['the order was $60 and the card only has $25', 'short'],
    ['declined, order total $120 on a $100 card', 'short'],
    ['how do i redeem my $50 card', null],
  ])('when the customer says "%s", then the balance %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });
});
