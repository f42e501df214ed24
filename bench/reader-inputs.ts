import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDialogsDir } from '../src/engine/flow-loader';
import { findAmount, isBlank, PhraseSet, pickOption, readAmount, readBrandName, readContact, simplify } from '../src/engine/input-readers';
import { Router } from '../src/engine/router';
import { AGENT_TEXT_MAX, sanitizeAgentText } from '../src/handoff/agent-text';
import { parseArticle } from '../src/knowledge/article-parser';
import { KnowledgeCatalog } from '../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../src/knowledge/knowledge-loader';
import { Matcher } from '../src/knowledge/matcher';
import { redactActivity } from '../src/safety/redact-activity';
import { ScamDetector } from '../src/safety/scam-detector';
import { redactSecrets } from '../src/safety/secret-redactor';
import { LEXICON_WORDS } from '../src/text/lexicon';
import { foldCharacters, normalizeText } from '../src/text/normalize';
import { slugify } from '../src/text/slug';
import { stem } from '../src/text/stem';
import { tokenize } from '../src/text/tokenize';
import { TypoCorrector } from '../src/text/typo-corrector';
import { readContact as findContact, readMarketplaceCountry, readMoney, readOrdinal, readYesNo } from '../src/understanding/entities';
import { Utterance } from '../src/understanding/utterance';

/**
 * Every reader and parser that sees customer or article text, and hostile inputs of about 20 KB
 * that make a backtracking regex quadratic (long runs, a prefix repeated without its ending).
 * Shared by tests/safety/reader-timing.test.ts (a guard) and bench/readers.ts (the figures).
 */

export const INPUT_SIZE = 20 * 1024;

/** `unit` repeated to INPUT_SIZE characters, after `prefix`. */
function fill(unit: string, prefix = ''): string {
  const body = unit.repeat(Math.ceil((INPUT_SIZE - prefix.length) / unit.length));
  return (prefix + body).slice(0, INPUT_SIZE);
}

export const HOSTILE_INPUTS: ReadonlyArray<readonly [string, string]> = [
  ['digits', fill('9')],
  ['sell my card + digits', fill('9', 'sell my card ')],
  ['"1 " pairs', fill('1 ')],
  ['spaces', fill(' ')],
  ['spaces then x', `${fill(' ').slice(1)}x`],
  ['tabs and newlines', fill('\t\n')],
  ['"-"', fill('-')],
  ['"a-"', fill('a-')],
  ['"a."', fill('a.')],
  ['"a-a."', fill('a-a.')],
  ['"a--"', fill('a--')],
  ['"a.."', fill('a..')],
  ['"-" run then a domain', `${fill('-').slice(9)}amazon.cx`],
  ['"0x"', fill('0x')],
  ['"$1,"', fill('$1,')],
  ['"1,"', fill('1,')],
  ['"1."', fill('1.')],
  ['"$ "', fill('$ ')],
  ['"-1"', fill('-1')],
  ['unclosed "["', fill('[')],
  ['unclosed "("', fill('(')],
  ['"[a](" unclosed', fill('[a](')],
  ['"<a" unclosed', fill('<a')],
  ['"![" unclosed', fill('![')],
  ['"x@"', fill('x@')],
  ['"+1 "', fill('+1 ')],
  ['"AQ4T "', fill('AQ4T ')],
  ['"AQ4T-"', fill('AQ4T-')],
  ['"pin "', fill('pin ')],
  ['"http://"', fill('http://')],
  ['"www.a"', fill('www.a')],
  ['amazon repeated', fill('amazon ')],
  ['amzon repeated', fill('amzon ')],
  ['google play repeated', fill('google play ')],
  ['one long word', fill('abcdefghij')],
  ['emoji', fill('\u{1F381}')],
  ['full-width digits', fill('\uFF19')],
  ['Cyrillic look-alikes', fill('\u0430\u0435')],
  ['zero-width joiners', fill('a\u200B')],
  ['"," run then x', `${fill(',').slice(1)}x`],
  ['"." run then x', `${fill('.').slice(1)}x`],
  ['a path of dots', `${fill('.', 'amazon.com/').slice(1)}x`],
  ['"(formerly " unclosed', fill('(formerly ')],
  ['"the (" unclosed', fill('the (')],
  ['"the " then spaces', `${fill(' ', 'the x').slice(1)}y`],
  ['"irs " (scam cue)', fill('irs ')],
  ['"code is " repeated', fill('code is ')],
];

/** A reader: one call on one input. */
export type Reader = (input: string) => unknown;

/** A help-centre article with `line` put in each place a line can go (intro, step, error, FAQ). */
export function articleWith(seed: string, line: string): string {
  // Functions, not replacement strings: the line may hold "$1".
  return seed
    .replace(/\n\n/, () => `\n\n${line}\n\n`)
    .replace(/\n( *)1\. /, (m) => `${m}${line} `)
    .replace(/(Common errors[^\n]*\n\n)/i, (m) => `${m}  • ${line}\n`)
    .concat(`\n\n${line}?\n\n${line}\n`);
}

/** The readers, built from the shipped knowledge and dialogs under `root` (the project folder). */
export function buildReaders(root: string): ReadonlyArray<readonly [string, Reader]> {
  const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(root, 'knowledge')));
  const matcher = new Matcher(catalog);
  const flows = loadDialogsDir(path.join(root, 'dialogs'), { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
  const router = new Router(flows);
  const scam = new ScamDetector(flows.global.safety.scamCues);
  const corrector = new TypoCorrector(LEXICON_WORDS);
  const phrases = new PhraseSet(flows.global.commands.person.says);
  const options = [{ label: 'Sell it' }, { label: 'Swap it', says: ['trade', 'exchange it'] }, { label: 'Neither', value: 'none' }];
  const seed = readFileSync(path.join(root, 'knowledge', 'articles', 'amazon.txt'), 'utf8');
  // The brand cycles through every value so each call searches a different corner of the index.
  const brands = [null, 'not-a-brand', 'nor-this-one', ...catalog.brandIds];
  let turn = 0;
  const nextBrand = () => brands[turn++ % brands.length]!;
  return [
    ['findAmount', (t) => findAmount(t, 2000)],
    ['readAmount', (t) => readAmount(t, 2000)],
    ['readBrandName', readBrandName],
    ['readMoney (stated)', (t) => readMoney(t)],
    ['readMoney (answer)', (t) => readMoney(t, { bare: true, country: 'CA' })],
    ['readYesNo', readYesNo],
    ['readOrdinal', (t) => readOrdinal(t, 3)],
    ['readContact (entities)', findContact],
    ['readMarketplaceCountry', readMarketplaceCountry],
    ['readContact', readContact],
    ['pickOption', (t) => pickOption(t, options)],
    ['isBlank', isBlank],
    ['simplify', simplify],
    ['PhraseSet', (t) => phrases.saidIn(t) || phrases.longestIn(t)],
    ['foldCharacters', foldCharacters],
    ['normalizeText', normalizeText],
    ['tokenize', tokenize],
    ['slugify', slugify],
    ['stem', stem],
    ['typo corrector', (t) => corrector.correct(t)],
    ['scam detector', (t) => scam.isScam(t)],
    ['redactSecrets', redactSecrets],
    ['redactActivity', (t) => redactActivity({ type: 'message', text: t, value: { note: t }, from: { id: 'u', name: t.slice(0, 200) } })],
    ['matcher search', (t) => matcher.search(t, { brand: nextBrand() })],
    ['brand resolution', (t) => matcher.findBrand(t)],
    ['router', (t) => router.route(new Utterance(t, matcher), { brand: nextBrand() })],
    ['article parser', (t) => tryParse(articleWith(seed, t.replace(/\r?\n/g, ' ')))],
    ['article parser (own line)', (t) => tryParse(`${seed}\n${t}`)],
    // The agent API refuses a text over AGENT_TEXT_MAX (400), and names are cut before it: the
    // sanitiser never reads more than that, so that is what it is timed on.
    ['agent-text sanitiser', (t) => sanitizeAgentText(t.slice(0, AGENT_TEXT_MAX))],
  ];
}

function tryParse(text: string): unknown {
  try {
    return parseArticle(text, { file: 'hostile.txt', articlePath: 'articles/hostile.txt', sample: false });
  } catch (err) {
    // A refused article is a fine answer to a hostile one; only the time matters here.
    return err;
  }
}

/** Milliseconds one call takes. */
export function timeCall(reader: Reader, input: string): number {
  const start = performance.now();
  reader(input);
  return performance.now() - start;
}
