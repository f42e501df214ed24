import { StemmerEn } from '@nlpjs/lang-en';
import { normalizeText } from '../text/normalize';

const stemmer = new StemmerEn();
const stems = new Map<string, string>();
/** Stems repeat across messages (a few thousand words): each is worked out once. */
function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    found = stemmer.stemWord(word);
    if (stems.size < 50_000) stems.set(word, found);
  }
  return found;
}

/** Words longer than this are cut before their letter groups are taken (a pasted blob is not language). */
const MAX_WORD = 24;
/** Only the start of a long message is read: intent shows early, and the cost stays flat. */
const MAX_WORDS = 80;

/**
 * What the classifier sees of a message: stemmed words ("redeeming" → redeem), word pairs ("talk
 * person"), letter triples inside each word (so "reedem" and "redeem" share most of theirs), amounts
 * and numbers as placeholders, and a few shape marks (a question mark, SHOUTING, how long it is).
 */
export function intentFeatures(text: string, normalized: string = normalizeText(text)): string[] {
  const shouting = /[A-Z]{3}/.test(text) && text === text.toUpperCase();
  const marked = normalized
    .replace(/['’]/g, '')
    .replace(/[$£€]\s?\d[\d,.]*|\d[\d,.]*\s?(?:dollars?|bucks|euros?|pounds?|usd|eur|gbp)\b/g, ' amountmark ')
    .replace(/\d+/g, ' numbermark ');
  const words = marked.split(/[^\p{L}]+/u).filter(Boolean).slice(0, MAX_WORDS);
  const features = new Set<string>();
  const stemmed = words.map((w) => stem(w.slice(0, MAX_WORD)));
  for (const s of stemmed) features.add(`w:${s}`);
  for (let i = 0; i + 1 < stemmed.length; i++) features.add(`b:${stemmed[i]}_${stemmed[i + 1]}`);
  for (const word of words) {
    const padded = `<${word.slice(0, MAX_WORD)}>`;
    for (let i = 0; i + 3 <= padded.length; i++) features.add(`c:${padded.slice(i, i + 3)}`);
  }
  if (text.includes('?')) features.add('shape:question');
  if (shouting) features.add('shape:shouting');
  features.add(`shape:words-${Math.min(words.length, 8)}`);
  return [...features];
}
