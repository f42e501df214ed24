/**
 * Finds gift-card claim codes, PINs and card numbers in a message and replaces them before
 * anything stores, logs or matches the text. Detection runs on a folded copy (full-width digits,
 * zero-width joiners and look-alike letters undone) so hiding tricks don't work; the replacement
 * is made in the original text, so everything else the person wrote stays as they wrote it.
 */
export type SecretKind = 'card-number' | 'code' | 'pin';

export interface Redaction {
  text: string;
  found: SecretKind[];
  /** The message ended with a code, a code-shaped fragment or the word for one: pass it on as the next message's `afterCode`. */
  endsWithCode: boolean;
}

/** What the redactor remembers between two messages of one conversation (no secret in it). */
export interface RedactionContext {
  /** The previous message ended with a code or a code-shaped fragment. */
  afterCode: boolean;
}

export const REDACTED = '[code hidden]';

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
// Cyrillic and Greek letters that look Latin, and the dashes that look like a hyphen: a code typed
// with them is still a code.
const LOOKALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o', ν: 'v', κ: 'k',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\uFE63': '-', '\uFF0D': '-',
};

interface Folded {
  text: string;
  /** For each folded character, the index of the original character it came from. */
  origin: number[];
}

function fold(raw: string): Folded {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const ch of raw) {
    if (!INVISIBLE.test(ch)) {
      const folded = LOOKALIKE[ch] ?? ch.normalize('NFKC');
      text += folded;
      // One entry per UTF-16 unit, as regex indexes count them (an emoji is two).
      for (let k = 0; k < folded.length; k++) origin.push(index);
    }
    index += ch.length;
  }
  return { text, origin };
}

interface Span {
  start: number;
  end: number;
  kind: SecretKind;
}

// Digit runs of card-number length, optionally grouped by spaces or dashes.
const DIGIT_RUN = /(?<![A-Za-z0-9])\d(?:[ -]?\d){11,18}(?![A-Za-z0-9])/g;
// Codes written in groups: "AQ4T-G7XRLD-NMFQ" with dashes; with spaces only groups that can't be
// words ("ABCDE FGHJK LMNPQ", "ab3d 9xk2 …"), so the sentence around a code is never swallowed.
const DASHED = /(?<![A-Za-z0-9@.])[A-Za-z0-9]{3,7}(?:-[A-Za-z0-9]{3,7}){2,5}(?![A-Za-z0-9@])/g;
const SPACED_GROUP = '(?:[A-Z0-9]{3,7}|[a-z]*\\d[a-z0-9]*)';
const SPACED = new RegExp(`(?<![A-Za-z0-9@.])${SPACED_GROUP}(?: ${SPACED_GROUP}){2,5}(?![A-Za-z0-9@])`, 'g');
// One unbroken token: "X123ABC456DEF789".
const TOKEN = /(?<![A-Za-z0-9@./])[A-Za-z0-9]{10,30}(?![A-Za-z0-9@])/g;
// A short number right after the word for it: "PIN 4821", "security code: 123".
const AFTER_KEYWORD = /\b(?<!error )(?:pin|cvv|cvc|security code|access number|code)\b[^A-Za-z0-9\n]{0,4}(?:(?:is|was|=)[^A-Za-z0-9\n]{0,3})?(\d{3,8})\b/gi;

// Every pattern needs a digit or a dash; plain ASCII text with neither ("done", "sell my card")
// can hold no code, and most messages are like that.
const NOTHING_TO_HIDE = /^[\x20-\x2c\x2e\x2f\x3a-\x7e\s]*$/;

export function redactSecrets(raw: string, _context?: RedactionContext): Redaction {
  if (NOTHING_TO_HIDE.test(raw)) return { text: raw, found: [], endsWithCode: false };
  const { text, origin } = fold(raw);
  const spans: Span[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const digits = m[0].replace(/\D/g, '');
    spans.push({ start: m.index, end: m.index + m[0].length, kind: luhn(digits) ? 'card-number' : 'code' });
  }
  for (const pattern of [DASHED, SPACED, TOKEN]) {
    for (const m of text.matchAll(pattern)) {
      const code = pattern === SPACED ? printedInGroups(m[0]) : looksLikeCode(m[0]);
      if (code) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'code' });
    }
  }
  for (const m of text.matchAll(AFTER_KEYWORD)) {
    const start = m.index + m[0].lastIndexOf(m[1]!);
    spans.push({ start, end: start + m[1]!.length, kind: 'pin' });
  }
  if (spans.length === 0) return { text: raw, found: [], endsWithCode: false };
  const merged = merge(spans);
  return { text: replaceSpans(raw, origin, merged), found: [...new Set(merged.map((s) => s.kind))], endsWithCode: merged[merged.length - 1]!.end >= text.trimEnd().length };
}

/** Mixed letters and digits, long digit strings, or upper-case letter groups: not words, not prices. */
function looksLikeCode(candidate: string): boolean {
  const joined = candidate.replace(/[ -]/g, '');
  if (joined.length < 10 || joined.length > 30) return false;
  const digits = (joined.match(/\d/g) ?? []).length;
  const letters = joined.length - digits;
  if (digits >= 2 && letters >= 2) return true;
  if (letters === 0) return joined.length >= 12;
  return /^[A-Z0-9]+(?:-[A-Z0-9]+){2,}$/.test(candidate);
}

/** Space-separated groups are a code when every group has a digit or the groups are printed evenly ("ABCD EF5H JKLM"); "ERR 500 BAD GATEWAY" is a sentence. */
function printedInGroups(candidate: string): boolean {
  const groups = candidate.split(' ');
  if (candidate.replace(/ /g, '').length < 10 || !/\d/.test(candidate)) return false;
  if (groups.every((g) => /\d/.test(g))) return looksLikeCode(candidate);
  return groups.every((g) => g.length === groups[0]!.length && /^[A-Z0-9]+$/.test(g));
}

function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const SPECIFICITY: Record<SecretKind, number> = { 'card-number': 2, pin: 1, code: 0 };

/** Overlapping finds become one span, named by the most specific kind among them. */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      if (SPECIFICITY[span.kind] > SPECIFICITY[last.kind]) last.kind = span.kind;
    } else out.push({ ...span });
  }
  return out;
}

function replaceSpans(raw: string, origin: number[], spans: Span[]): string {
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    const start = origin[span.start]!;
    const lastOrigin = origin[span.end - 1]!;
    const end = lastOrigin + (raw.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
    out += raw.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  // Invisible characters right after a code belong to it.
  return out + raw.slice(cursor).replace(/^[\u200B-\u200F\u2060\uFEFF]+/, '');
}
