import { NOT_CODE } from './code-words';
import { isHexErrorNumber } from './error-code-shape';

/**
 * The text cut into alphanumeric tokens once, and runs of neighbouring tokens joined by a separator
 * a person puts between printed groups (space, dot, comma, underscore, slash, hyphen with or without
 * spaces, a line break). Everything here is one pass over the text.
 */
export type SecretKind = 'card-number' | 'code' | 'pin';

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  digits: number;
  /** Could be one printed group of a code (holds a digit, or capitals/consonants that are no word). */
  part: boolean;
}

/** A run of part tokens, first..last inclusive, and its facts. */
export interface Run {
  first: number;
  last: number;
  digits: number;
  letters: number;
  vowels: number;
  groups: number[];
  digitGroups: number;
  /** Every separator is only whitespace ("6006 4912"), or none is ("AQ4T-G7XRLD"). */
  spaced: boolean;
  unspaced: boolean;
  /** The run as written (folded), for shape checks; empty when long (no short shape fits it anyway). */
  literal: string;
}


const TOKEN = /[A-Za-z0-9]+/g;
const WORD = /\S+/g;
// Between two groups: 1-3 spaces; one to three symbols (a dash, dot, slash, bullet, emoji…) with up
// to 3 spaces around them; or up to two line breaks. Bounded, so a gap is never scanned beyond a dozen characters.
export const JOINT = /^(?:[ \t]{1,3}|[ \t]{0,3}[^\s\p{L}\p{N}]{1,3}[ \t]{0,3}|[ \t]{0,3}\r?\n(?:[ \t]{0,3}\r?\n)?[ \t]{0,3})$/u;
export const MAX_GAP = 12;

export function tokenize(text: string): Token[] {
  // Words holding "@" are e-mail addresses; nothing in them is a code.
  const emails: [number, number][] = [];
  for (const w of text.matchAll(WORD)) if (w[0].includes('@')) emails.push([w.index, w.index + w[0].length]);
  const tokens: Token[] = [];
  let e = 0;
  for (const m of text.matchAll(TOKEN)) {
    while (e < emails.length && emails[e]![1] <= m.index) e++;
    const inEmail = e < emails.length && emails[e]![0] <= m.index;
    const t = m[0];
    let digits = 0;
    for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) <= 57) digits++;
    const lower = t.toLowerCase();
    tokens.push({ start: m.index, end: m.index + t.length, text: t, lower, digits, part: !inEmail && isPart(t, lower, digits) });
  }
  return tokens;
}

function isPart(t: string, lower: string, digits: number): boolean {
  if (isHexErrorNumber(t)) return false;
  if (digits > 0) return lower !== 'cvv2' && lower !== 'cvc2';
  if (NOT_CODE.has(lower) || t.length > 8) return false;
  // Single capitals count ("A Q 4 T G 7 …" typed a character at a time), but not the words "A" and "I".
  if (/^[A-Z]+$/.test(t)) return t.length >= 2 || (t !== 'A' && t !== 'I');
  return t.length >= 3 && !/[aeiou]/i.test(t);
}

export function joined(text: string, a: Token, b: Token): boolean {
  return b.start - a.end <= MAX_GAP && JOINT.test(text.slice(a.end, b.start));
}

export function describe(text: string, tokens: Token[], first: number, last: number): Run {
  const run: Run = { first, last, digits: 0, letters: 0, vowels: 0, groups: [], digitGroups: 0, spaced: true, unspaced: true, literal: '' };
  for (let k = first; k <= last; k++) {
    const t = tokens[k]!;
    run.digits += t.digits;
    run.letters += t.text.length - t.digits;
    for (let c = 0; c < t.lower.length; c++) if ('aeiou'.includes(t.lower[c]!)) run.vowels++;
    run.groups.push(t.text.length);
    if (t.digits > 0) run.digitGroups++;
    if (k > first) {
      const gap = text.slice(tokens[k - 1]!.end, t.start);
      if (/^\s+$/.test(gap)) run.unspaced = false;
      else run.spaced = false;
    }
  }
  const start = tokens[first]!.start;
  const end = tokens[last]!.end;
  if (end - start <= 40) run.literal = text.slice(start, end);
  return run;
}

