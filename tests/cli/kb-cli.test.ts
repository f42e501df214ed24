import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { KNOWLEDGE_DIR, ROOT, SEED_ARTICLE, scratchDir } from '../helpers/paths';

const shipped = readFileSync(path.join(KNOWLEDGE_DIR, 'amazon.json'), 'utf8');
// The issuer's support contact is added by hand, not read from the article: a first import has none.
const { support: shippedSupport, ...fromArticle } = JSON.parse(shipped) as { support?: { url: string } };
const shippedAmazon = `${JSON.stringify(fromArticle, null, 2)}\n`;
let scratch: ReturnType<typeof scratchDir>;
beforeEach(() => (scratch = scratchDir()));
afterEach(() => scratch.cleanup());

describe('giftbot kb import', () => {
  test('when the seed article is imported into an empty folder, then it reproduces the shipped Amazon file', () => {
    const run = runCli(['kb', 'import', SEED_ARTICLE, '--knowledge', scratch.dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Imported Amazon → .*amazon\.json \(5 steps, 3 errors, 4 questions\)/);
    expect(readFileSync(path.join(scratch.dir, 'amazon.json'), 'utf8')).toBe(shippedAmazon);
    expect(readFileSync(path.join(scratch.dir, 'articles', 'amazon.txt'), 'utf8')).toBe(readFileSync(SEED_ARTICLE, 'utf8'));
  });

  test('when a brand is imported again, then it is replaced, said so, and hand-added paraphrases and the issuer support contact survive', () => {
    runCli(['kb', 'import', SEED_ARTICLE, '--knowledge', scratch.dir]);
    const file = path.join(scratch.dir, 'amazon.json');
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.errors[0].paraphrases = ['claim code rejected'];
    const { source, ...rest } = edited;
    writeFileSync(file, JSON.stringify({ ...rest, support: shippedSupport, source }, null, 2));
    const run = runCli(['kb', 'import', SEED_ARTICLE, '--knowledge', scratch.dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Replaced Amazon in .* \(it existed; .*; kept 1 paraphrase added by hand\)/);
    expect(JSON.parse(readFileSync(file, 'utf8')).errors[0].paraphrases).toEqual(['claim code rejected']);
    expect(shippedSupport?.url).toMatch(/^https:\/\//);
    expect(JSON.parse(readFileSync(file, 'utf8')).support).toEqual(shippedSupport);
  });

  test('when one of several articles is broken, then the error names its line and nothing is written', () => {
    const broken = path.join(scratch.dir, 'broken.txt');
    writeFileSync(broken, readFileSync(SEED_ARTICLE, 'utf8').replace("What you'll need", 'Things'));
    const run = runCli(['kb', 'import', SEED_ARTICLE, broken, '--knowledge', path.join(scratch.dir, 'kb')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.txt:13: expected the heading "What you'll need"|broken\.txt:\d+: expected bullets/);
    expect(run.stderr).toMatch(/Nothing was written\./);
    expect(existsSync(path.join(scratch.dir, 'kb'))).toBe(false);
  });

  test('when an imported alias clashes with another brand, then the import is refused', () => {
    runCli(['kb', 'import', SEED_ARTICLE, '--knowledge', scratch.dir]);
    const clash = path.join(scratch.dir, 'amazon-uk.txt');
    writeFileSync(clash, readFileSync(SEED_ARTICLE, 'utf8').replace(/Amazon Gift Card$/m, 'Amazon UK Gift Card'));
    const run = runCli(['kb', 'import', clash, '--knowledge', scratch.dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/amazon-uk\.json › aliases\[\d\]: "amazon\.com" already names brand "amazon"/);
    expect(readdirSync(scratch.dir).sort()).toEqual(['amazon-uk.txt', 'amazon.json', 'articles']);
  });
});

describe('giftbot kb check', () => {
  test('when the shipped knowledge is checked, then it passes with a summary', () => {
    const run = runCli(['kb', 'check']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\d+ brands, \d+ entries, generic guidance — all good/);
  });

  test('when a copy is broken, then every problem prints as file › path: what to fix, exit 1', () => {
    runCli(['kb', 'import', SEED_ARTICLE, '--knowledge', scratch.dir]);
    const file = path.join(scratch.dir, 'amazon.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.region.country = 'usa';
    delete json.faq[2].answer;
    writeFileSync(file, JSON.stringify(json));
    const run = runCli(['kb', 'check', '--knowledge', scratch.dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('amazon.json › region.country: must be a two-letter country code like "US"');
    expect(run.stderr).toContain('amazon.json › faq[2].answer: is missing: add a string');
    expect(run.stderr).toContain('2 problems in');
  });

  test("when --contexts is given, then each brand's context words are listed and a shared one is a warning naming both brands", () => {
    const run = runCli(['kb', 'check', '--contexts']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/— all good/);
    expect(run.stdout).toMatch(/^context words: \d+ in \d+ brands/m);
    expect(run.stdout).toContain('  nintendo-eshop: switch, 3ds, wii u\n');
    expect(run.stdout).toContain("  walmart: sam's club\n");
    expect(run.stderr).toMatch(/warning: apple\.json › contexts\[\d+\]: "windows" is also a context word of "xbox"/);
  });

  test('when two imported articles share a context word, then kb check warns naming both, and still passes', () => {
    const articles = ['nintendo-eshop', 'walmart'].map((id) => path.join(KNOWLEDGE_DIR, 'articles', `${id}.txt`));
    expect(runCli(['kb', 'import', ...articles, '--knowledge', scratch.dir]).status).toBe(0);
    const nintendo = JSON.parse(readFileSync(path.join(scratch.dir, 'nintendo-eshop.json'), 'utf8'));
    expect(nintendo.contexts).toEqual(expect.arrayContaining(['switch', '3ds']));
    const file = path.join(scratch.dir, 'walmart.json');
    const walmart = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...walmart, contexts: [...walmart.contexts, 'Switch', 'eShop'] }));
    const run = runCli(['kb', 'check', '--knowledge', scratch.dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/2 brands, \d+ entries — all good/);
    expect(run.stdout).toMatch(/context words: \d+ in 2 brands, \d+ shared with another brand/);
    expect(run.stderr).toMatch(/warning: nintendo-eshop\.json › contexts\[\d\]: "switch" is also a context word of "walmart"/);
    expect(run.stderr).toMatch(/warning: walmart\.json › contexts\[1\]: "Switch" is also a context word of "nintendo-eshop"/);
    expect(run.stderr).toMatch(/warning: walmart\.json › contexts\[2\]: "eShop" is the name of brand "nintendo-eshop", which wins/);
  });
});

describe('giftbot kb search', () => {
  test('when searching with --json, then one object with brand and ranked results is printed', () => {
    const run = runCli(['kb', 'search', 'ths cod isnt vaild', '--brand', 'amazon', '--json']);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.brand).toBe('amazon');
    expect(out.results[0]).toEqual({ id: 'amazon/this-code-is-not-valid', brand: 'amazon', kind: 'error', title: 'This code is not valid.', score: expect.any(Number) });
    for (const hit of out.results) expect(Object.keys(hit).sort()).toEqual(['brand', 'id', 'kind', 'score', 'title']);
  });

  test('when nothing is confident, then results is empty', () => {
    const out = JSON.parse(runCli(['kb', 'search', 'reset my password', '--json']).stdout);
    expect(out).toMatchObject({ brand: null, results: [] });
  });

  test('when TEXT is left out, then each stdin line gets one JSON line, in order', () => {
    const input = [
      'amzon wrong marketplace',
      '{"text": "it says already applied", "brand": "amazon"}',
      '{"text": "itunes code wont work", "brand": "amazon"}',
      '',
      'tell me a joke',
      '{"text": 42}',
    ].join('\n');
    const run = runCli(['kb', 'search'], { input });
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ brand: 'amazon', results: [{ id: 'amazon/wrong-marketplace' }] });
    expect(lines[1]).toMatchObject({ brand: 'amazon', results: [{ id: 'amazon/already-applied' }] });
    expect(lines[2].brand).toBe('apple');
    expect(lines[3]).toMatchObject({ brand: null, results: [] });
    expect(lines[4]).toMatchObject({ brand: null, results: [] });
    expect(lines[5]).toMatchObject({ line: 6, error: expect.stringContaining('"text"') });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('1 of 6 lines could not be read as a query');
  });

  test('when the brand flag names an unknown brand, then it is a usage error', () => {
    const run = runCli(['kb', 'search', 'hello', '--brand', 'nosuchbrand']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown brand "nosuchbrand"');
  });

  test('when the knowledge folder is broken, then search refuses to load it', () => {
    writeFileSync(path.join(scratch.dir, 'bad.json'), '{}');
    const run = runCli(['kb', 'search', 'hello', '--knowledge', scratch.dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bad.json › id: is missing');
    expect(run.stderr).toContain('nothing was loaded');
  });
});

describe('giftbot', () => {
  test('when an unknown command is given, then usage is printed with exit 2', () => {
    const run = runCli(['frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('Usage:');
  });

  test('when run through npx from the repo root, then the giftbot bin answers', () => {
    const run = spawnSync('npx', ['--no-install', 'giftbot', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('giftbot kb search');
  });

  test('when kb ask is started, then the interactive search answers each line', () => {
    const run = runCli(['kb', 'ask'], { input: 'amazon code says not valid\nwhat is the weather\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('bot › This code is not valid.');
    expect(run.stdout).toMatch(/bot › I don't have an answer for that|bot › I'm not sure/);
  });
});
