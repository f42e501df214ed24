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
    ['apple gift card says already redeemed', 'apple', null],
    ['$25 Xbox card will not load', 'xbox', 25],
    ['Target gift card balance shows zero', 'target', null],
    ['my amzon card shows $40 but fails', 'amazon', 40],
    ['robloz card will not redeem', 'Roblox', null],
  ])('when the conversation named nothing and the summary is "%s", then the brand is %s and the amount %s', (summary, brand, amount) => {
    expect(facts({}, summary)).toEqual({ brand, amount, wanted: null });
  });

  test('when the conversation named a brand and an amount, then they stand over what the summary says', () => {
    expect(facts({ brand: 'steam', amount: 100, wantedBrand: 'xbox' }, '$25 apple card')).toEqual({ brand: 'steam', amount: 100, wanted: 'xbox' });
  });

  test('when a slot holds a name nobody lists, or the summary names no brand and an amount over the limit, then nothing is made up', () => {
    expect(facts({ brand: 'my cousin', wantedBrand: 'whatever' }, 'it is worth $9000 and nothing works')).toEqual({ brand: null, amount: null, wanted: null });
  });

  test('when the conversation named a brand without an article, then it is kept by its name', () => {
    expect(facts({ brand: 'Roblox' }, 'it will not redeem').brand).toBe('Roblox');
  });
});
