import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findContextNames } from '../../../src/knowledge/article-names';
import { parseArticle } from '../../../src/knowledge/article-parser';

const KNOWLEDGE = path.resolve(__dirname, '../../../knowledge');

describe('context words from an article', () => {
  test('when an article names consoles, a currency and stores, then each is a context word and screen labels are not', () => {
    const text = [
      'A Fortnite gift card adds V-Bucks to your Epic Games account. You can play on PS5, Xbox Series X and Nintendo Switch.',
      'Redeem it at fortnite.com/vbuckscard, then choose Redeem Code and confirm. It works on your Switch too.',
      'Tap Redeem. The V-Bucks show up at once.',
    ].join('\n\n');
    const names = findContextNames(text, 'Fortnite', ['fortnite.com']);
    expect(names).toEqual(expect.arrayContaining(['v-bucks', 'epic games', 'ps5', 'xbox series x', 'switch']));
    expect(names).not.toContain('redeem code');
    expect(names).not.toContain('redeem');
    expect(names).not.toContain('fortnite');
  });

  test("when the brand's own words, a country or a generic word surround a name, then they are trimmed", () => {
    const text = 'Use it on Nintendo Switch Online and at US Kohl\'s stores; the Nintendo Account holds the balance.';
    const names = findContextNames(text, 'Nintendo eShop', []);
    expect(names).toEqual(["kohl's"]);
  });

  test('when an everyday word is only capitalised because a sentence starts with it, then it is no name', () => {
    const text = 'Games are fun. Switch the account first. Don\'t share the code. Re-enter it carefully.';
    expect(findContextNames(text, 'Steam', [])).toEqual([]);
  });

  test('when an everyday word is a name the article always capitalises, then it is one; written in lower case too, it is not', () => {
    expect(findContextNames('It works on your Switch and in the Switch app.', 'Nintendo eShop', [])).toEqual(['switch']);
    expect(findContextNames('It works on your Switch. You can switch accounts later.', 'Nintendo eShop', [])).toEqual([]);
  });

  test('when an everyday word comes right before the brand\'s name, then it is a card family ("Vanilla Visa")', () => {
    expect(findContextNames('A prepaid card such as a Vanilla Visa works online.', 'Visa Prepaid', [])).toEqual(['vanilla']);
  });

  test('when a name is already an alias (or its plural or possessive), then it is not also a context word', () => {
    expect(findContextNames('Buy games in the eShop or in those eShops, or on Microsoft\'s site.', 'Nintendo', ['eshop', 'microsoft'])).toEqual([]);
  });

  test('when the shipped articles are read, then their consoles, stores and card families are found', () => {
    const read = (id: string) => parseArticle(readFileSync(path.join(KNOWLEDGE, 'articles', `${id}.txt`), 'utf8'), { file: id, articlePath: `articles/${id}.txt`, sample: false }).contexts;
    expect(read('nintendo-eshop')).toEqual(expect.arrayContaining(['switch', '3ds', 'wii u']));
    expect(read('walmart')).toContain("sam's club");
    expect(read('visa-prepaid')).toContain('vanilla');
    expect(read('playstation')).toEqual(expect.arrayContaining(['ps5', 'ps4']));
    expect(read('amazon')).toEqual([]);
  });

  test('when an article is one long line of capitalised words, then reading it is not catastrophically slow', () => {
    const text = 'Aa '.repeat(100_000);
    const started = Date.now();
    findContextNames(text, 'Brand', []);
    expect(Date.now() - started).toBeLessThan(3000);
  });
  it('when an article names error codes, then they are left to the code index and are no context words', () => {
    expect(findContextNames('Error CMG-602: try again. Error NK-2xx happens. Use it at Foot Locker or on a PS5.', 'Chipotle', [])).toEqual(['foot locker', 'ps5']);
  });
});
