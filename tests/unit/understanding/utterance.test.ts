import path from 'node:path';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { normalizeText } from '../../../src/text/normalize';
import { isBlank, simplify } from '../../../src/text/simplify';
import { tokenize } from '../../../src/text/tokenize';
import { Utterance } from '../../../src/understanding/utterance';
import { ROOT } from '../../helpers/paths';

const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge')));

describe('Utterance', () => {
  test('when a message is searched again for the same brand, then the knowledge base works it out once', () => {
    const matcher = new Matcher(catalog);
    const decisions: string[] = [];
    matcher.observe((decision) => decisions.push(decision));
    const said = new Utterance('my steam code says invalid', matcher);
    const first = said.search('steam');
    expect(said.search('steam')).toBe(first);
    expect(decisions).toHaveLength(1);
    said.search(null);
    expect(decisions).toHaveLength(2);
    // The matcher keeps nothing between searches: asked again directly, it works it out again.
    expect(matcher.search('my steam code says invalid', { brand: 'steam' })).toEqual(first);
    expect(decisions).toHaveLength(3);
  });

  test('when it reads a message, then each reading is what the text readers make of the text', () => {
    const text = '  Ａｍａｚｏｎ  WON’T take my code!! [code hidden] ';
    const said = new Utterance(text, new Matcher(catalog));
    expect(said.normalized).toBe(normalizeText(text));
    expect(said.simplified).toBe(simplify(text));
    expect(said.tokens).toEqual(tokenize(text));
    expect(said.blank).toBe(false);
    expect(new Utterance(' [code hidden] ?! ', new Matcher(catalog)).blank).toBe(isBlank(' [code hidden] ?! '));
  });

  test('when the same text is read again, then it is this message; other text is a new one', () => {
    const said = new Utterance('sell my card', new Matcher(catalog));
    expect(said.reread('sell my card')).toBe(said);
    const other = said.reread('swap my card');
    expect(other).not.toBe(said);
    expect(other.text).toBe('swap my card');
  });
});
