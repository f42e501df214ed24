import { normalizeText } from '../text/normalize';
import { simplify } from '../text/simplify';
import type { Utterance } from '../understanding/utterance';
import type { FlowOption } from './flow-schema';

// The readers' callers (steps, router, bench) import these from here, beside the other readers.
export { isBlank, simplify } from '../text/simplify';

/**
 * An amount of money as people write it: "50", "$50", "50.00", "USD 1,000", "25 dollars".
 * null when there is no single positive amount at most `max`.
 */
export function readAmount(text: string, max: number): number | null {
  if (/-\s*\d/.test(text)) return null;
  const numbers = normalizeText(text).replace(/(\d),(\d{3})/g, '$1$2').match(/\d+(?:\.\d{1,2})?/g) ?? [];
  if (numbers.length !== 1) return null;
  const amount = Number(numbers[0]);
  return amount > 0 && amount <= max ? amount : null;
}

// A number starts only where no digit or comma comes before it: tried from every digit of a long
// run, each try scanning to its end, the pattern was quadratic (19,980 digits took 0.55 s).
const STATED_AMOUNT = /(?:[$£€]\s?(\d[\d,]*(?:\.\d{1,2})?))|(?:(?<![\d,])(\d[\d,]*(?:\.\d{1,2})?)\s?(?:dollars?|usd|bucks|euros?|pounds?))/i;

/** Like readAmount, but only where the text clearly states money ("$50 card", "50 dollars"). */
export function findAmount(text: string, max: number): number | null {
  const match = STATED_AMOUNT.exec(text);
  const raw = match?.[1] ?? match?.[2];
  return raw ? readAmount(raw, max) : null;
}

const NOT_A_NAME = /\b(?:i|im|dont|know|not|sure|what|why|how|help|no|yes|the|it|its|is|a|my|card|gift|code)\b/;

/** A brand name someone typed that the knowledge base doesn't list: short, name-like, no filler. */
export function readBrandName(text: string): string | null {
  const cleaned = text.trim().replace(/[^\p{L}\p{N}&' .-]/gu, '').replace(/\s+/g, ' ');
  if (!cleaned || cleaned.length > 30 || cleaned.split(' ').length > 3) return null;
  if (NOT_A_NAME.test(normalizeText(cleaned).replace(/'/g, ''))) return null;
  return cleaned;
}

/** Whole-word containment of an already simplified phrase in already simplified text. */
function phraseIn(said: string, phrase: string): boolean {
  return ` ${said} `.includes(` ${phrase} `);
}

/**
 * Which option a reply picks: its label (as a button sends it), its number ("2"), or one of its
 * `says` phrases. Among phrases the longest found wins, so "no, still stuck" is not "no".
 */
export function pickOption<T extends Pick<FlowOption, 'label' | 'says' | 'value'>>(text: string | Utterance, options: readonly T[], exactOnly = false): T | undefined {
  const said = typeof text === 'string' ? simplify(text) : text.simplified;
  const byNumber = /^\d+$/.test(said) ? options[Number(said) - 1] : undefined;
  if (byNumber) return byNumber;
  const exact = options.find((o) => simplify(o.label) === said || (o.value !== undefined && simplify(o.value) === said));
  if (exact || exactOnly) return exact;
  let best: { option: T; length: number } | undefined;
  for (const option of options) {
    for (const phrase of [option.label, ...(option.says ?? [])]) {
      const p = simplify(phrase);
      if (p && phraseIn(said, p) && (!best || p.length > best.length)) best = { option, length: p.length };
    }
  }
  return best?.option;
}

/** Phrases people say, simplified once, for matching many messages against. */
export class PhraseSet {
  private readonly phrases: string[];

  constructor(phrases: readonly string[]) {
    this.phrases = [...new Set(phrases.map(simplify).filter(Boolean))].sort((a, b) => b.length - a.length);
  }

  /**
   * True when the text is one of the phrases, or plainly contains one in a short message: a phrase
   * of several words in up to `maxWords`, a single word only in up to three ("human please", but
   * not "a person stole my card").
   */
  saidIn(text: string, maxWords = 8): boolean {
    return this.saidInSimplified(simplify(text), maxWords);
  }

  /** As saidIn, for text already passed through `simplify` (to simplify once for many sets). */
  saidInSimplified(said: string, maxWords = 8): boolean {
    if (!said) return false;
    const words = said.split(' ').length;
    return this.phrases.some((p) => said === p || (words <= (p.includes(' ') ? maxWords : Math.min(3, maxWords)) && phraseIn(said, p)));
  }

  /** The longest phrase the text contains anywhere, as whole words. */
  longestIn(text: string): string | undefined {
    return this.longestInSimplified(simplify(text));
  }

  /** As longestIn, for text already passed through `simplify`. */
  longestInSimplified(said: string): string | undefined {
    return said ? this.phrases.find((p) => phraseIn(said, p)) : undefined;
  }
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i;
const PHONE = /^\+?[\d\s().-]{7,20}$/;

/** An email address or a phone number (7–15 digits), as typed; anything else is null. */
export function readContact(text: string): string | null {
  // The run of final stops is matched from its first character only, not from each (quadratic).
  const value = text.trim().replace(/^(?:my (?:email|e-mail|phone|number) is|email me at|call me (?:on|at)|text me (?:on|at))\s*/i, '').replace(/(?<![.,;])[.,;]+$/, '');
  if (EMAIL.test(value)) return value;
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 7 && digits <= 15 ? value : null;
}
