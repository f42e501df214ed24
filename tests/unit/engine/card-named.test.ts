import path from 'node:path';
import { cardNamed } from '../../../src/engine/card-named';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { Utterance } from '../../../src/understanding/utterance';
import { ROOT } from '../../helpers/paths';

const matcher = new Matcher(new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge'))));
const otherBrand = (text: string) => (/\broblox\b/i.test(text) ? 'Roblox' : null);
const read = (text: string) => cardNamed(new Utterance(text, matcher), otherBrand);

describe('cardNamed', () => {
  it.each([
    ['i have an amazon card', 'amazon'],
    ['got a $50 steam gift card for my birthday', 'steam'],
    ['i have a roblox card', 'Roblox'],
  ])('when "%s" names a card and asks nothing, then its brand is %s', (text, brand) => {
    expect(read(text)).toBe(brand);
  });

  it.each(['my amazon card is broken', 'can i use my amazon card at whole foods?', 'i have a card', 'my steam code says invalid'])(
    'when "%s" says more than the card, or names no brand, then it is not a card named alone',
    (text) => {
      expect(read(text)).toBeNull();
    },
  );
});
