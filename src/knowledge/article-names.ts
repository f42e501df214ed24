import { isEnglishWord } from '../text/dictionary';
import { STOPWORDS } from '../text/lexicon';

/**
 * Context words: the names an article mentions that point to its brand when a customer names no
 * brand — consoles and apps the card is redeemed on ("Switch", "3DS", "PS5"), stores it works at
 * ("Sam's Club", "Kohl's"), card families and currencies ("Vanilla", "V-Bucks", "Robux").
 *
 * Alias or context word? An alias is another name for the card itself: its domain, or what the
 * article says the card is also called, formerly called or sold as (article-facts.ts reads those).
 * Everything else the card is FOR, redeemed ON or spent AT is a context word: it exists on its own
 * (a Switch is not an eShop card, Sam's Club is its own store), may be shared with another brand's
 * article, and so only counts when no brand is named at all.
 *
 * A name is a run of capitalised words ("Nintendo Switch Online", "Sam's Club") with the brand's
 * own words, countries and generic gift-card or screen words trimmed from its ends. A name made of
 * everyday English words only ("Switch", "Vanilla", "Game Pass") is kept when the article writes it
 * on its own in mid-sentence, or right before the brand's name ("Vanilla Visa"); otherwise screen
 * labels ("Redeem Code", "Transaction History") would become names. Linear in the article's length.
 */

// Words of gift cards, accounts and screens: never a name by themselves ("Nintendo Account").
const GENERIC = new Set(
  (
    'gift card cards giftcard egift egiftcard code codes pin pins cvv zip atm atms usd faq id pc dlc ' +
    'account accounts wallet store stores shop app apps online support settings setting menu balance ' +
    'redeem redemption payment payments pay history transaction customer service services guest ' +
    'relations rewards reward order orders checkout help center centre team website site page email ' +
    'phone security number terms sign select tap click choose enter open go check confirm next ' +
    'continue add manage review apply use users user child automatic subscriptions subscription ' +
    'membership memberships funding management profile physical digital new credit debit declined ' +
    'rejected register registration code step steps common frequently asked questions scan reload ' +
    'transfer type want start compare instead both usually why where what how yes no not treat take ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july ' +
    'august september october november december product key keys'
  ).split(' '),
);

// Countries and regions: where a card was sold says nothing about which card it is.
const PLACES = new Set(
  (
    'us usa uk eu canada canadian mexico puerto rico australia australian germany france spain italy ' +
    'japan india brazil europe european america american united states kingdom ireland new zealand'
  ).split(' '),
);

// A word that can be part of a name: capitalised ("Switch"), capitalised inside ("eShop",
// "iPhone") or a model number with a capital ("3DS", "PS5").
const NAME_WORD = /^(?:\p{Lu}|\p{Ll}+\p{Lu}|\d+\p{Lu})/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&+-]*/gu;
// What ends a sentence or opens a list item: a capital after it says nothing.
// A menu path's arrow ("Games → Activate a Product") counts as one, and so does a quote's end.
const SENTENCE_END = /(?:[.!?][”"’)]*|[:•·▪◦*‣–\n→›>]|\d[.)])\s*$/;

interface Word { raw: string; key: string; start: boolean }

/** The article's context words, lower case, in order of first mention. */
export function findContextNames(text: string, name: string, aliases: readonly string[]): string[] {
  const own = new Set(keyWords(name));
  const taken = new Set([keyOf(name), ...aliases.map(keyOf)]);
  const runs = nameRuns(text);
  const standalone = new Set(runs.filter((run) => !run[0]!.start).map((run) => run.map((w) => w.key).join(' ')));
  const lower = lowerCaseWords(text);
  const out = new Set<string>();
  for (const run of runs) {
    const trimmed = trim(run, own);
    if (!trimmed) continue;
    const { words, beforeOwn } = trimmed;
    const key = words.map((w) => w.key).join(' ');
    if (taken.has(possessiveOf(key)) || taken.has(key.replace(/s$/, '')) || key.replace(/[^a-z0-9]/g, '').length < 3) continue;
    // An error code ("CMG-602", "NK-2xx") is found by the code index; it names no product or place.
    if (/\d/.test(key) && /^(?:[a-z]{0,4}-[0-9x]+(?:-[0-9x]+)?|0x[0-9a-f]+)$/.test(key.replace(/\s+/g, ''))) continue;
    // An everyday word is a name only where the article treats it as one: on its own or as the
    // brand's family ("Vanilla Visa"), and never written in lower case ("games", "activate").
    if (words.every((w) => everyday(w.key)) && (!(standalone.has(key) || beforeOwn) || words.every((w) => lower.has(w.key)))) continue;
    out.add(key);
  }
  return [...out];
}

/** Every word the article writes in lower case. */
function lowerCaseWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    if (/^\p{Ll}+(?:['’-]\p{Ll}+)*$/u.test(match[0])) out.add(keyOf(match[0]));
  }
  return out;
}

/** A word of everyday English, a contraction or compound of them ("don't", "re-enter"), or a generic word. */
function everyday(key: string): boolean {
  if (isGeneric(key)) return true;
  return key.split(/[-']/).every((part) => part.length <= 2 || STOPWORDS.has(part) || isEnglishWord(part));
}

function isGeneric(key: string): boolean {
  return GENERIC.has(key) || GENERIC.has(key.replace(/s$/, '')) || STOPWORDS.has(key);
}

/** Runs of name words with one space between them, within a line. */
function nameRuns(text: string): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  let end = -1;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0].replace(/[-+&]+$/, '');
    const gap = end >= 0 ? text.slice(end, match.index) : null;
    if (run.length && gap !== ' ') run = flush(runs, run);
    end = match.index + match[0].length;
    if (!NAME_WORD.test(raw) || !/\p{L}/u.test(raw)) {
      if (run.length) run = flush(runs, run);
      continue;
    }
    const before = text.slice(Math.max(0, match.index - 8), match.index);
    run.push({ raw, key: keyOf(raw), start: run.length === 0 && (SENTENCE_END.test(before) || !before.trim()) });
  }
  if (run.length) runs.push(run);
  return runs;
}

function flush(runs: Word[][], run: Word[]): Word[] {
  runs.push(run);
  return [];
}

/**
 * The run without the brand's own words, countries and generic words at its ends, and without an
 * everyday word that only opens the sentence ("Tap", "The"). Null when nothing is left.
 */
function trim(run: Word[], own: ReadonlySet<string>): { words: Word[]; beforeOwn: boolean } | null {
  let from = 0;
  let to = run.length;
  // A stopword only opens a name ("The", "Can I"); at the end it is part of it ("Wii U").
  const drop = (w: Word): boolean => own.has(possessiveOf(w.key)) || PLACES.has(w.key.split('-')[0]!) || GENERIC.has(w.key.replace(/s$/, '')) || GENERIC.has(w.key);
  if (run[0]!.start && everyday(run[0]!.key)) from = 1;
  while (from < to && (drop(run[from]!) || STOPWORDS.has(run[from]!.key))) from++;
  while (to > from && drop(run[to - 1]!)) to--;
  if (from >= to) return null;
  const next = run[to];
  return { words: run.slice(from, to), beforeOwn: next !== undefined && own.has(possessiveOf(next.key)) };
}

function keyOf(text: string): string {
  return text.toLowerCase().replace(/’/g, "'").trim();
}

function keyWords(text: string): string[] {
  return keyOf(text).split(/\s+/).filter(Boolean);
}

/** "nintendo's" → "nintendo"; "sam's" stays "sam's" unless "sam" is the brand's word. */
function possessiveOf(key: string): string {
  return key.replace(/'s$/, '');
}
