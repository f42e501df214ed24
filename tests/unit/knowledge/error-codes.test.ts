import type { Entry } from '../../../src/knowledge/entries';
import { ErrorCodeIndex } from '../../../src/knowledge/error-codes';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { redactSecrets } from '../../../src/safety/secret-redactor';
import { tokenize } from '../../../src/text/tokenize';
import { CODE_ENTRY_IDS, ERROR_CODE_CASES } from '../../fixtures/error-code-cases';
import { KNOWLEDGE_DIR } from '../../helpers/paths';

const entry = (id: string, title: string, body = 'Try again later.'): Entry => ({ id, brand: id.split('/')[0]!, kind: 'error', title, paraphrases: [], body });

const ENTRIES = [
  entry('nintendo/eshop', 'Error code 2813-xxxx.'),
  entry('nintendo/network', 'Error 9001-0003.'),
  entry('xbox/service', 'Error 0x87E10BEF.'),
  entry('shop/forbidden', 'E-403 at checkout.'),
  entry('shop/wallet', 'WC-01 on the card screen.'),
  entry('bank/declined', 'Card declined.', 'If the receipt shows decline code 05, the bank refused it: call the number on the back.'),
  entry('games/redeem', 'RDM-40x errors.'),
  entry('games/legacy', 'LGC-2xx errors.'),
  entry('games/legacy-20', 'LGC-20x errors.'),
  entry('games/migrate', 'MGC-20xx errors.'),
  entry('games/gift', 'GC-403.'),
  entry('nintendo/system', 'Error 1015-xxxx.'),
  entry('store/old', 'Old cards.', 'Cards sold 2019-2022 carry a 16-character code; COVID-19 closures and $2,000 limits aside, they work.'),
];
const index = new ErrorCodeIndex(ENTRIES);
const find = (text: string, brand?: string) => index.find(tokenize(text).words, (e) => !brand || e.brand === brand);
const ids = (text: string) => find(text).map((h) => h.entry.id);

describe('ErrorCodeIndex: what an entry prints', () => {
  test('when entries are indexed, then each code shape counts once and years, sizes and "COVID-19" are no codes', () => {
    expect(index.size).toBe(12);
    expect(find('2019 2022 error')).toEqual([]);
    expect(find('16 character code')).toEqual([]);
    expect(find('error 19')).toEqual([]);
  });

  test('when a bare number stands beside "code" in an entry\'s fix, then it is that entry\'s code', () => {
    expect(ids('decline code 05')).toEqual(['bank/declined']);
  });
});

describe('ErrorCodeIndex: what a question names', () => {
  test.each([
    ['error 0x87e10bef', 'xbox/service', 'exact'],
    ['0X87E10BEF', 'xbox/service', 'exact'],
    ['it says 87e10bef', 'xbox/service', 'exact'],
    ['E-403 help', 'shop/forbidden', 'exact'],
    ['e403', 'shop/forbidden', 'exact'],
    ['got E 403 at checkout', 'shop/forbidden', 'exact'],
    ['wc01', 'shop/wallet', 'exact'],
    ['GC-403', 'games/gift', 'exact'],
    ['error 9001-0003', 'nintendo/network', 'exact'],
    ['error 2813-0001', 'nintendo/eshop', 'wildcard'],
    ['2813 0001 when redeeming', 'nintendo/eshop', 'wildcard'],
    ['RDM-401', 'games/redeem', 'wildcard'],
    ['MGC-2015 on my console', 'games/migrate', 'wildcard'],
    ['LGC-213', 'games/legacy', 'wildcard'],
    ['switch eshop error 2813', 'nintendo/eshop', 'prefix'],
    ['code 9001', 'nintendo/network', 'prefix'],
    ['2813 when redeeming', 'nintendo/eshop', 'prefix'],
    ['1015 error', 'nintendo/system', 'prefix'],
  ])('when the question is "%s", then %s matches (%s)', (text, id, match) => {
    expect(find(text)[0]).toMatchObject({ entry: { id }, match });
  });

  test('when a bare number is neither beside an error word nor the only number, then it names no code', () => {
    expect(find('i got 2813 and 50 back')).toEqual([]);
    expect(find('my $50 card')).toEqual([]);
    expect(find('error 28')).toEqual([]);
  });

  test('when two wildcard codes fit, then the one that fixes more characters comes first and scores lower ones a step down', () => {
    const hits = find('LGC-203');
    expect(hits.map((h) => [h.entry.id, h.code, h.match])).toEqual([['games/legacy-20', 'LGC-20x', 'wildcard'], ['games/legacy', 'LGC-2xx', 'wildcard']]);
    expect(hits[0]!.score - hits[1]!.score).toBeCloseTo(0.1);
  });

  test('when an exact code and a wildcard one are both named, then the exact one ranks first', () => {
    const both = new ErrorCodeIndex([entry('a/family', 'Error 2813-xxxx.'), entry('a/one', 'Error 2813-0001.')]);
    const hits = both.find(tokenize('error 2813-0001').words);
    expect(hits.map((h) => [h.entry.id, h.match])).toEqual([['a/one', 'exact'], ['a/family', 'wildcard']]);
    expect(hits[0]!.score).toBe(1);
  });

  test('when two entries print the same code, then both score the same (a tie the search turns into a question)', () => {
    const twice = new ErrorCodeIndex([entry('a/x', 'Error E-117.'), entry('b/y', 'E-117 when paying.')]);
    const hits = twice.find(tokenize('E117').words);
    expect(hits.map((h) => h.score)).toEqual([1, 1]);
  });

  test('when only some entries are accepted, then the others are passed over', () => {
    expect(find('error 2813-0001', 'xbox')).toEqual([]);
    expect(find('error 2813-0001', 'nintendo').map((h) => h.entry.id)).toEqual(['nintendo/eshop']);
  });

  test('when a long message without a code is asked many times, then it is not catastrophically slow', () => {
    const words = tokenize('my card will not work and it keeps saying something went wrong '.repeat(30)).words;
    const start = performance.now();
    for (let i = 0; i < 2000; i++) index.find(words);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('redactor and matcher agree on error codes (shipped knowledge)', () => {
  const matcher = new Matcher(new KnowledgeCatalog(loadKnowledgeDir(KNOWLEDGE_DIR)));

  test.each(ERROR_CODE_CASES.map((c) => [c.text, c] as const))('when a customer writes "%s", then the redactor and the matcher agree', (_text, c) => {
    const { text } = redactSecrets(c.text);
    expect(text).toBe(c.redacted);
    const result = matcher.search(text);
    if (c.entry) {
      expect({ decision: result.decision, brand: result.brand, id: result.results[0]?.id }).toEqual({ decision: 'answer', ...c.entry });
    } else {
      expect(result.results.map((r) => r.id).filter((id) => CODE_ENTRY_IDS.includes(id))).toEqual([]);
    }
  });

  test('when a brand is named, then a code of another brand\'s entry does not pull the answer away', () => {
    const result = matcher.search('xbox error 2813');
    expect(result.brand).toBe('xbox');
    expect(result.results.map((r) => r.id)).not.toContain('nintendo-eshop/error-code-2813-xxxx');
  });

  test('when the conversation is about the brand, then its code entry answers without the brand named', () => {
    expect(matcher.search('it says 0x87e10bef', { brand: 'xbox' })).toMatchObject({ decision: 'answer', brand: 'xbox', results: [{ id: 'xbox/error-0x87e10bef', score: 1 }] });
  });
});
