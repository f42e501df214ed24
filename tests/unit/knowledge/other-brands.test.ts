import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { OtherBrands } from '../../../src/knowledge/other-brands';
import { OTHER_BRANDS_FILE, checkOtherBrands, loadOtherBrands } from '../../../src/knowledge/other-brands-loader';
import { DataProblemsError, formatProblem } from '../../../src/validation/problem';
import { KNOWLEDGE_DIR, scratchDir } from '../../helpers/paths';

const shipped = loadKnowledgeDir(KNOWLEDGE_DIR);
const others = loadOtherBrands(KNOWLEDGE_DIR, shipped);

describe('the shipped list of brands without an article', () => {
  test('when it is checked, then it has at least 40 brands, no problems, and no name a brand file also has', () => {
    const check = checkOtherBrands(KNOWLEDGE_DIR, shipped);
    expect(check.problems.map(formatProblem)).toEqual([]);
    expect(check.warnings.map(formatProblem)).toEqual([]);
    expect(check.brands.length).toBeGreaterThanOrEqual(40);
    expect(others.size).toBe(check.brands.length);
  });

  test.each([
    ['how do i redeem my roblox card', 'Roblox'],
    ['netflix gift card not working', 'Netflix'],
    ['uber card', 'Uber'],
    ['UBER EATS gift card', 'Uber'],
    ['my lowes card', "Lowe's"],
    ["Lowe's", "Lowe's"],
    ['door dash', 'DoorDash'],
    ['doordash credit', 'DoorDash'],
    ['razer gold pin', 'Razer Gold'],
    ['chick-fil-a card', 'Chick-fil-A'],
    ['bath and body works', 'Bath & Body Works'],
    ['i bought v-bucks', 'Fortnite'],
  ])('when a message says "%s", then the brand is %s, in its own spelling', (text, name) => {
    expect(others.find(text)).toBe(name);
  });

  test.each([
    ['robloz', 'Roblox'],
    ['netflx card', 'Netflix'],
    ['spotfy', 'Spotify'],
    ['my doordahs card', 'DoorDash'],
  ])('when the name has one typo ("%s"), then it is still %s', (text, name) => {
    expect(others.find(text)).toBe(name);
  });

  test.each(['the lower one', 'I need a ride', 'my code is not working', 'uberr', 'lyfts', 'hello there', 'amazon card'])(
    'when "%s" names none of them (an English word, a short name with a typo, a listed brand), then nothing is found',
    (text) => {
      expect(others.find(text)).toBeNull();
    },
  );

  test('when two names are in a message, then the longer name wins over a shorter one inside it', () => {
    expect(new OtherBrands([{ name: 'Razer' }, { name: 'Razer Gold' }]).find('my razer gold card')).toBe('Razer Gold');
  });
});

describe('a brand file wins over the list', () => {
  test('when a name of the list is also a brand file\'s, then the lookup leaves that brand out and the check warns, naming the file', () => {
    const { dir, cleanup } = scratchDir();
    try {
      writeList(dir, { brands: [{ name: 'Roblox' }, { name: 'Steam Deck', aliases: ['Steam'] }] });
      const check = checkOtherBrands(dir, shipped);
      expect(check.problems).toEqual([]);
      expect(check.warnings.map(formatProblem)).toEqual([`${OTHER_BRANDS_FILE} › brands[1].aliases[0]: "Steam" is also in steam.json, which wins: remove Steam Deck from this list`]);
      const lookup = loadOtherBrands(dir, shipped);
      expect([lookup.find('steam deck'), lookup.find('roblox')]).toEqual([null, 'Roblox']);
    } finally {
      cleanup();
    }
  });
});

describe('a bad list', () => {
  test('when the file is missing, then the list is empty and nothing fails', () => {
    const { dir, cleanup } = scratchDir();
    try {
      expect(checkOtherBrands(dir, shipped)).toEqual({ brands: [], problems: [], warnings: [] });
      expect(loadOtherBrands(dir, shipped).find('roblox')).toBeNull();
    } finally {
      cleanup();
    }
  });

  test('when a brand has no name, an unknown field, or a name two brands share, then loading stops with each problem located', () => {
    const { dir, cleanup } = scratchDir();
    try {
      writeList(dir, { brands: [{ name: ' ' }, { name: 'Roblox', url: 'x' }] });
      expect(() => loadOtherBrands(dir, shipped)).toThrow(DataProblemsError);
      expect(checkOtherBrands(dir, shipped).problems.map(formatProblem)).toEqual([
        `${OTHER_BRANDS_FILE} › brands[0].name: must not be empty`,
        `${OTHER_BRANDS_FILE} › brands[1]: has unknown field "url": remove or rename it`,
      ]);
      writeList(dir, { brands: [{ name: 'DoorDash' }, { name: 'Door Dash Eats', aliases: ['door dash'] }] });
      expect(checkOtherBrands(dir, shipped).problems.map(formatProblem)).toEqual([`${OTHER_BRANDS_FILE} › brands[1].aliases[0]: "door dash" is also a name of DoorDash: keep it under one brand`]);
    } finally {
      cleanup();
    }
  });
});

function writeList(dir: string, body: unknown): void {
  const file = path.join(dir, OTHER_BRANDS_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(body));
}
