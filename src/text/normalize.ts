/**
 * Text normalisation shared by matching and safety. Everything a person can type — full-width
 * digits, zero-width joiners, bidi overrides, accents, curly quotes — folds to plain lower-case
 * ASCII-ish text, so "Ａｍａｚｏｎ", "amazon\u200b" and "Amazón" all read as "amazon".
 */

/** Longer input is cut here first: matching stays bounded whatever arrives (a pasted 100 KB log). */
export const MAX_TEXT_CHARS = 2000;

// Zero-width, bidi controls, soft hyphen, BOM: invisible characters used to hide or trick.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4']/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

// Letters from other scripts that look like Latin ones ("Аmazon" with a Cyrillic А).
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h',
  ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};
const HOMOGLYPH_PATTERN = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

const PLAIN_ASCII = /^[\x20-\x5f\x61-\x7e\s]*$/;
// ASCII plus the typography help-centre text is full of: folded by a table, no Unicode passes.
const TYPOGRAPHIC_ONLY = /^[\x20-\x7e\s\u2018\u2019\u201C\u201D\u2013\u2014\u2192\u2026\u00A0]*$/;
const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '`': "'", '\u201C': '"', '\u201D': '"', '\u2013': '-', '\u2014': '-',
  '\u2192': '\u2192', '\u2026': '...', '\u00A0': ' ',
};
const TYPOGRAPHIC_CHARS = /[\u2018\u2019`\u201C\u201D\u2013\u2014\u2026\u00A0]/g;

/** Removes invisible characters and folds compatibility forms (full-width → ASCII); keeps case. */
export function foldCharacters(raw: string): string {
  const text = raw.slice(0, MAX_TEXT_CHARS);
  // Most text is plain ASCII; only the rest needs the Unicode passes.
  if (PLAIN_ASCII.test(text)) return text;
  if (TYPOGRAPHIC_ONLY.test(text)) return text.replace(TYPOGRAPHIC_CHARS, (ch) => TYPOGRAPHIC[ch] ?? ch);
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-');
}

/** Lower-case, folded, homoglyph-free text with single spaces. */
export function normalizeText(text: string): string {
  const folded = foldCharacters(text).toLowerCase();
  const latin = PLAIN_ASCII.test(folded) ? folded : folded.replace(HOMOGLYPH_PATTERN, (ch) => HOMOGLYPHS[ch] ?? ch);
  // Collapsing whitespace is the costliest step; most text has nothing to collapse.
  return (/\s\s|[^\S ]/.test(latin) ? latin.replace(/\s+/g, ' ') : latin).trim();
}
