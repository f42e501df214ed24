import { handoffFacts } from '../../../src/engine/handoff-facts';
import { slotView, type Slots } from '../../../src/engine/slots';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { loadOtherBrands } from '../../../src/knowledge/other-brands-loader';
import { KNOWLEDGE_DIR } from '../../helpers/paths';

const shipped = loadKnowledgeDir(KNOWLEDGE_DIR);
const catalog = new KnowledgeCatalog(shipped);
const services = { catalog, matcher: new Matcher(catalog), otherBrands: loadOtherBrands(KNOWLEDGE_DIR, shipped), settings: { maxAmount: 2000 } };
const facts = (slots: Slots, summary: string) => handoffFacts(services, slotView(slots), summary);

describe('handoffFacts', () => {
  it.each([
    ['apple gift card says already redeemed', 'apple', null, null, null],
    ['$25 Xbox card will not load', 'xbox', 25, 'USD', null],
    ['Target gift card balance shows zero', 'target', null, null, null],
    ['my amzon card shows $40 but fails', 'amazon', 40, 'USD', null],
    ['robloz card will not redeem', 'Roblox', null, null, null],
    ['€50 amazon.de card will not redeem', 'amazon', 50, 'EUR', 'DE'],
    ['my amazon.co.uk card fails', 'amazon', null, null, 'GB'],
  ])('when the conversation named nothing and the summary is "%s", then the brand is %s, the amount %s %s, the country %s', (summary, brand, amount, currency, country) => {
    expect(facts({}, summary)).toEqual({ brand, amount, wanted: null, currency, country });
  });

  test('when the conversation stated the currency and the country, then they are kept; a bare amount has no currency', () => {
    expect(facts({ brand: 'amazon', amount: 40, currency: 'GBP', country: 'GB' }, 'it fails')).toMatchObject({ amount: 40, currency: 'GBP', country: 'GB' });
    expect(facts({ brand: 'amazon', amount: 40 }, 'it fails for €40')).toMatchObject({ amount: 40, currency: null, country: null });
  });

  test('when the conversation named a brand and an amount, then they stand over what the summary says', () => {
    expect(facts({ brand: 'steam', amount: 100, wantedBrand: 'xbox' }, '$25 apple card')).toEqual({ brand: 'steam', amount: 100, wanted: 'xbox', currency: null, country: null });
  });

  test('when a slot holds a name nobody lists, or the summary names no brand and an amount over the limit, then nothing is made up', () => {
    expect(facts({ brand: 'my cousin', wantedBrand: 'whatever' }, 'it is worth $9000 and nothing works')).toEqual({ brand: null, amount: null, wanted: null, currency: null, country: null });
  });

  test('when the conversation named a brand without an article, then it is kept by its name', () => {
    expect(facts({ brand: 'Roblox' }, 'it will not redeem').brand).toBe('Roblox');
  });
});
