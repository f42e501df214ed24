import { normalizeText } from '../text/normalize';
import { simplify } from '../text/simplify';
import { readContact as findContact, isQuestion, readOrdinal, readYesNo } from '../understanding/entities';
import { readMoney, type Money } from '../understanding/money';
import type { Utterance } from '../understanding/utterance';
import type { FlowOption } from './flow-schema';

// The readers' callers (steps, router, bench) import these from here, beside the other readers.
export { isBlank, simplify } from '../text/simplify';

/**
 * The amount an answer to "what's the balance?" gives, with its currency when it states or implies
 * one: "50", "$50", "€50", "twenty dollars", "25 bucks", "USD 1,000". `country` is the marketplace's
 * (amazon.ca makes "$" Canadian). Not checked against MAX_AMOUNT: the step says why one is too big.
 */
export function readAmountAnswer(text: string, country: string | null = null): Money | null {
  return readMoney(normalizeText(text), { bare: true, country });
}

/** Like readAmountAnswer, but only where the text clearly states money ("$50 card", "50 dollars", "€40"): an opening message. */
export function findMoney(text: string, country: string | null = null): Money | null {
  return readMoney(normalizeText(text), { country });
}

/** The amount of an answer, null unless it is one positive amount at most `max`. */
export function readAmount(text: string, max: number): number | null {
  return withinMax(readAmountAnswer(text), max);
}

/** The amount an opening message states, null unless it is positive and at most `max`. */
export function findAmount(text: string, max: number): number | null {
  return withinMax(findMoney(text), max);
}

function withinMax(money: Money | null, max: number): number | null {
  return money && money.amount > 0 && money.amount <= max ? money.amount : null;
}

// Fillers, and the words of moving through a flow ("done", "finished", "next", "go back"): never a brand.
const NOT_A_NAME = /\b(?:i|im|dont|know|not|sure|what|why|how|help|no|yes|yeah|yep|nope|ok|okay|the|it|its|is|a|my|card|gift|code|done|finished|finish|next|skip|back|stop|cancel|menu|thanks|thank|already|again|continue)\b/;

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
 * Which option a reply picks: its label (as a button sends it), its number or ordinal ("2", "the
 * second one", "the last one"), or one of its `says` phrases; among phrases the longest found wins,
 * so "no, still stuck" is not "no". An option whose `says` has "yes" (or "no") is also picked by
 * yes/no in other words ("yeah that worked", "not really", "still broken"); a question ("yes but how
 * do I…?") picks neither, so it is read as the question it is.
 */
export function pickOption<T extends Pick<FlowOption, 'label' | 'says' | 'value'>>(text: string | Utterance, options: readonly T[], exactOnly = false): T | undefined {
  const raw = typeof text === 'string' ? text : text.text;
  const said = typeof text === 'string' ? simplify(text) : text.simplified;
  const byNumber = /^\d+$/.test(said) ? options[Number(said) - 1] : undefined;
  if (byNumber) return byNumber;
  const exact = options.find((o) => simplify(o.label) === said || (o.value !== undefined && simplify(o.value) === said));
  if (exact) return exact;
  const ordinal = readOrdinal(said, options.length);
  if (ordinal !== null || exactOnly) return ordinal !== null ? options[ordinal - 1] : undefined;
  let best: { option: T; length: number } | undefined;
  for (const option of options) {
    for (const phrase of [option.label, ...(option.says ?? [])]) {
      const p = simplify(phrase);
      if (p && phraseIn(said, p) && (!best || p.length > best.length)) best = { option, length: p.length };
    }
  }
  const question = isQuestion(raw);
  if (best && !(question && meaning(best.option) !== undefined)) return best.option;
  const yesNo = question ? null : readYesNo(raw);
  return yesNo ? options.find((o) => meaning(o) === yesNo) : undefined;
}

/** "yes" or "no" when an option's phrases say so. */
function meaning(option: Pick<FlowOption, 'says'>): 'yes' | 'no' | undefined {
  const says = option.says ?? [];
  return says.includes('yes') ? 'yes' : says.includes('no') ? 'no' : undefined;
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

/**
 * An email address or a phone number (7–15 digits) as the whole answer, as typed; else the ones a
 * sentence holds ("you can reach me at casey@example.com, thanks"), both when both are given.
 */
export function readContact(text: string): string | null {
  const whole = readWholeContact(text);
  if (whole !== null) return whole;
  // Markup around an address ("<casey@example.com>") is a paste, not an answer to the prompt.
  const found = /[<>]/.test(text) ? null : findContact(text);
  return found ? [found.email, found.phone].filter(Boolean).join(', ') : null;
}

function readWholeContact(text: string): string | null {
  // The run of final stops is matched from its first character only, not from each (quadratic).
  const value = text.trim().replace(/^(?:my (?:email|e-mail|phone|number) is|email me at|call me (?:on|at)|text me (?:on|at))\s*/i, '').replace(/(?<![.,;])[.,;]+$/, '');
  if (EMAIL.test(value)) return value;
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 7 && digits <= 15 ? value : null;
}
