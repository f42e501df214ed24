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

/** Removes invisible characters and folds compatibility forms (full-width → ASCII); keeps case. */
export function foldCharacters(text: string): string {
  return text
    .slice(0, MAX_TEXT_CHARS)
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
  return foldCharacters(text)
    .toLowerCase()
    .replace(HOMOGLYPH_PATTERN, (ch) => HOMOGLYPHS[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
}
