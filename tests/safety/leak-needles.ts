import { mustHide, splitAcross } from './redaction-corpus';

/**
 * What the storage leak scan looks for, and how: every secret of the redaction corpus, in the forms
 * it could be kept in — as typed, without its separators, in any case, in full-width or look-alike
 * letters — in any bytes (a database page, a WAL frame, a Redis value, a log line).
 *
 * Long secrets (10+ letters and digits) are looked for alone, folded and separator-free: nothing
 * else is that string. A short one (a PIN, a CVV) alone is in any database by chance ("4821"), so it
 * is looked for with the letters and digits around it in the message ("PIN4821", "CESS73920145"),
 * or, when the message is little more than the secret, as the whole message in JSON quotes.
 */
export interface Needle {
  name: string;
  /** `compact`: in the folded, separator-free, upper-cased bytes; `quoted`: in the folded, lower-cased bytes. */
  form: 'compact' | 'quoted';
  value: string;
}

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LOOKALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o', ν: 'v', κ: 'k',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

/** Compatibility forms, invisibles and look-alike letters undone. */
export function fold(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(LOOKALIKE, (ch) => LOOKALIKES[ch]!);
}

/** Folded, letters and digits only, upper case: "aq4t g7xrld-nmfb" → "AQ4TG7XRLDNMFB". */
export function compactFold(text: string): string {
  return fold(text).replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

const LONG = 10;
const AROUND = 4;
const SPECIFIC = 7;

function needleFor(name: string, text: string, secret: string): Needle {
  const s = compactFold(secret);
  if (s.length >= LONG) return { name, form: 'compact', value: s };
  const t = compactFold(text);
  const at = t.indexOf(s);
  const window = at < 0 ? s : t.slice(Math.max(0, at - AROUND), at + s.length + AROUND);
  if (window.length >= SPECIFIC) return { name, form: 'compact', value: window };
  return { name, form: 'quoted', value: JSON.stringify(fold(text)).toLowerCase() };
}

/** The longest run of `secret`'s letters and digits that `message` holds. */
function fragmentIn(message: string, secret: string): string {
  const m = compactFold(message);
  const s = compactFold(secret);
  let best = '';
  for (let i = 0; i < s.length; i++) for (let j = s.length; j > i + best.length; j--) if (m.includes(s.slice(i, j))) best = s.slice(i, j);
  return best;
}

/** One needle a must-hide shape, and for codes split over two messages one for each half that holds part of the code. */
export function corpusNeedles(): Needle[] {
  const needles = mustHide.map((h) => needleFor(h.name, h.text, h.secret));
  for (const split of splitAcross) {
    if (compactFold(split.secret).length >= LONG) needles.push({ name: `${split.name} (whole)`, form: 'compact', value: compactFold(split.secret) });
    split.messages.forEach((message, i) => {
      const fragment = fragmentIn(message, split.secret);
      if (fragment.length >= 4) needles.push(needleFor(`${split.name} (message ${i + 1})`, message, fragment));
    });
  }
  return needles;
}

/** The needles found in `source`, named "needle — where". */
export function findNeedles(needles: Needle[], where: string, source: string): string[] {
  // Stored JSON writes a line break as "\n" and may write a character as "\u…": undone, so the
  // escape's letter does not join the groups of a code.
  const compact = compactFold(source.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\[nrtbf]/g, ' '));
  const quoted = fold(source).toLowerCase();
  return needles.filter((n) => (n.form === 'compact' ? compact : quoted).includes(n.value)).map((n) => `${n.name} (${n.value}) — ${where}`);
}
