import type { Evidence } from './code-words';
import type { Run, SecretKind, Token } from './code-tokens';
import { isErrorCodeShape } from './error-code-shape';

/**
 * Whether a run of tokens is a secret: first by the word before it ("PIN", "order", "error"),
 * then by its shape (card-number lengths and the Luhn check, mixed letter-digit groups, groups
 * printed evenly). "certain" keeps say the run is something else (an error code, a date), so the
 * memory of a code in the previous message does not hide it either.
 */
export type Verdict = { hide: true; kind: SecretKind } | { hide: false; certain: boolean };

const AMAZON_ORDER = /^\d{3}-\d{7}-\d{7}$/;
const UPS_TRACKING = /^1Z[0-9A-Z]{16}$/i;

/** What the word before the run says; `undefined` when it says nothing about this run's shape. */
export function judgeByWords(evidence: Evidence, run: Run, card: boolean): Verdict | undefined {
  const n = run.digits + run.letters;
  const keep: Verdict = { hide: false, certain: true };
  switch (evidence) {
    case 'code':
      if (isErrorCodeShape(run.literal)) return keep;
      return secretAfterWord(run, card ? 'card-number' : 'code');
    case 'secret':
      return secretAfterWord(run, card ? 'card-number' : 'pin');
    case 'error':
      return n <= 12 && (run.letters <= 3 || run.digits === n) ? keep : undefined;
    case 'order':
      return run.letters <= 3 && !card ? keep : undefined;
    case 'tracking':
      return (run.letters === 0 && !card && (run.digits === 12 || run.digits >= 20)) || UPS_TRACKING.test(run.literal) ? keep : undefined;
    case 'phone':
      return run.letters === 0 && run.digits <= 15 && !card ? keep : undefined;
    case 'zip':
      return n <= 10 ? keep : undefined;
    case 'version':
      return run.letters <= 1 && !card ? keep : undefined;
    case 'label':
      return n <= 12 && run.digits < 12 ? keep : undefined;
    default: {
      const unknown: never = evidence;
      throw new Error(`unknown evidence ${String(unknown)}`);
    }
  }
}

/** After "PIN", "CVV", "access", "code": any number of three digits or more, or a code-like group. */
function secretAfterWord(run: Run, kind: SecretKind): Verdict | undefined {
  const n = run.digits + run.letters;
  if (run.digits >= 3 || (run.digits > 0 && n >= 4) || (run.digits === 0 && n >= 4 && fewVowels(run))) return { hide: true, kind };
  return undefined;
}

export function judgeByShape(text: string, tokens: Token[], run: Run, card: boolean): Verdict {
  const hide: Verdict = { hide: true, kind: card ? 'card-number' : 'code' };
  const keep: Verdict = { hide: false, certain: true };
  const maybe: Verdict = { hide: false, certain: false };
  const n = run.digits + run.letters;
  const plus = text[tokens[run.first]!.start - 1] === '+';
  if (card) return hide;
  if (isErrorCodeShape(run.literal) || AMAZON_ORDER.test(run.literal)) return keep;
  if (plus && run.letters === 0 && run.digits <= 15) return keep; // an international phone number
  if (run.letters === 0) {
    if (run.digits >= 12) {
      // Dates, times and versions ("2026-12-06 10:30", "10.0.19045.3693") have several short groups.
      const short = run.groups.filter((g) => g <= 2).length;
      // A card typed a digit at a time ("6 0 0 6 4 9 …") has many more groups than any date.
      return short >= 2 && run.groups.length <= 6 && run.groups.every((g) => g < 8) ? keep : hide;
    }
    // Half a card number as printed: "6006 4912".
    if (run.digits >= 8 && run.spaced && run.groups.length >= 2 && run.groups.every((g) => g === 4)) return hide;
    return maybe;
  }
  if (codeOnItsOwn(tokens, run)) return hide;
  if (run.digits === 0) {
    const even = run.groups.every((g) => g === run.groups[0]);
    return run.groups.length >= 3 && run.groups.every((g) => g >= 4 && g <= 6) && (even || run.unspaced) && fewVowels(run) ? hide : maybe;
  }
  if (run.letters >= 2 && run.digits >= 2 && ((run.groups.length === 1 && n >= 10) || (run.digitGroups >= 2 && n >= 8))) return hide;
  const even = run.groups.every((g) => g === run.groups[0]);
  if (run.groups.length >= 2 && n >= 10 && run.letters >= 2 && run.groups.every((g) => g >= 3) && (even || run.unspaced)) return hide;
  return maybe;
}

/** Codes avoid vowels; words are full of them ("WHAT DOES THIS MEAN"). */
function fewVowels(run: Run): boolean {
  return run.letters > 0 && run.vowels / run.letters < 0.2;
}

/** One token of the run is a code by itself ("ITUNES XJ7QK2LMNP4RTV8W"): twelve digits, or ten mixed characters. */
function codeOnItsOwn(tokens: Token[], run: Run): boolean {
  for (let k = run.first; k <= run.last; k++) {
    const { digits, text } = tokens[k]!;
    const letters = text.length - digits;
    if ((letters === 0 && digits >= 12) || (text.length >= 10 && letters >= 2 && digits >= 2)) return true;
  }
  return false;
}

/** A Luhn-valid number of card length: the run's digits, or one token of them. */
export function isCardNumber(tokens: Token[], run: Run): boolean {
  if (run.letters === 0 && run.digits >= 13 && run.digits <= 19) {
    let digits = '';
    for (let k = run.first; k <= run.last; k++) digits += tokens[k]!.text;
    if (luhn(digits)) return true;
  }
  for (let k = run.first; k <= run.last; k++) {
    const t = tokens[k]!;
    if (t.digits === t.text.length && t.digits >= 13 && t.digits <= 19 && luhn(t.text)) return true;
  }
  return false;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

