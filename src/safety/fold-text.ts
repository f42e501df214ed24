/**
 * A copy of a message with the tricks that hide a code undone — full-width digits, zero-width
 * characters, look-alike letters, unusual spaces and dashes — and, for every character of the copy,
 * where it came from, so a code found in the copy is replaced in the original text.
 */
export interface Folded {
  text: string;
  /** For each folded UTF-16 unit, the index of the original character it came from. */
  origin: number[];
}

export const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

// Cyrillic and Greek letters that look Latin, and the dashes that look like a hyphen: a code typed
// with them is still a code.
const LOOKALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o', ν: 'v', κ: 'k',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\uFE63': '-', '\uFF0D': '-',
};

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL on purpose
const ASCII = /^[\x00-\x7f]*$/;

export function fold(raw: string): Folded {
  // Plain ASCII folds to itself; most messages are only that.
  if (ASCII.test(raw)) {
    const origin: number[] = [];
    for (let i = 0; i < raw.length; i++) origin.push(i);
    return { text: raw, origin };
  }
  const parts: string[] = [];
  const origin: number[] = [];
  let index = 0;
  for (const ch of raw) {
    if (ch < '\u0080') {
      parts.push(ch);
      origin.push(index);
    } else if (!INVISIBLE.test(ch)) {
      const folded = LOOKALIKE[ch] ?? ch.normalize('NFKC');
      parts.push(folded);
      // One entry per UTF-16 unit, as regex indexes count them (an emoji is two).
      for (let k = 0; k < folded.length; k++) origin.push(index);
    }
    index += ch.length;
  }
  return { text: parts.join(''), origin };
}
