import { countryOfDomain } from '../text/domains';
import { simplify } from '../text/simplify';
import { recognizers } from './recognizer-models';

/**
 * The entities a prompt reads from an answer, on Microsoft Recognizers-Text with a few giftbot
 * words beside it: yes/no, a choice by number or ordinal, contact details, a marketplace country.
 * Money is in money.ts (readMoney). Each reader cuts its text first and runs a recognizer only when
 * a cheap check says it can match, so a long message costs no more than a short one.
 */
export { readMoney, formatMoney, currencyOfCountry, CurrencySchema, type Currency, type Money } from './money';

/** A yes/no answer is short; past this it is a story, read by the router. */
const MAX_YES_NO_LENGTH = 200;
const MAX_CHOICE_WORDS = 6;
/** "thirty-second" is the longest a choice gets; Recognizers-Text is slow on long runs. */
const MAX_CHOICE_WORD = 16;
const MAX_CONTACT_LENGTH = 300;

const QUESTION_START = /^(?:how|what|whats|why|when|where|who|whos|which|whose|can|could|should|would|will|do|does|did|is|are|am|shall|may)\b/;
/** Said after a fix was tried: the answer is no, whatever polite word comes first ("yes but it still says invalid"). */
const NO_PHRASES = /\b(?:not really|still (?:broken|stuck|not|says|doesnt|didnt|wont|isnt|getting|the same|invalid)|didnt work|did not work|doesnt work|does not work|not working|isnt working|wont work|never worked|no luck|no joy|not yet|nope|nah|no way)\b/;
const YES_PHRASES = /\b(?:it worked|that worked|worked|works now|working now|fixed|sorted|all good|got it|yeah|yep|yup|yes)\b/;
/** Not an answer either way: "not sure" must not read as "sure". */
const UNSURE = /\b(?:not sure|unsure|dont know|no idea|maybe|perhaps|not certain)\b/;

/** A question, not an answer: it ends with "?" or starts with a question word ("yes but how do I…?"). */
export function isQuestion(text: string): boolean {
  return /\?[\s!.)]*$/.test(text.trim()) || QUESTION_START.test(simplify(text));
}

/** A question anywhere in the message: a question mark, or the opening of one. */
export function asksSomething(text: string): boolean {
  return text.includes('?') || isQuestion(text);
}

/**
 * "yes", "no", or null: "yeah that worked", "yep", "it worked!" → yes; "nope", "not really",
 * "still broken", "no it still says invalid" → no. A question is never a plain yes or no (null),
 * so the caller can answer it as a question.
 */
export function readYesNo(text: string): 'yes' | 'no' | null {
  if (text.length > MAX_YES_NO_LENGTH || isQuestion(text)) return null;
  const said = simplify(text);
  if (!said || UNSURE.test(said)) return null;
  if (NO_PHRASES.test(said) || /^no\b/.test(said)) return 'no';
  if (YES_PHRASES.test(said)) return 'yes';
  const found = recognizers.recognize('boolean', said)[0];
  if (!found) return null;
  return found.value === 'true' ? 'yes' : 'no';
}

const CHOICE_FILLER = new Set(['the', 'a', 'number', 'no', 'option', 'choice', 'please', 'pls', 'i', 'id', 'want', 'pick', 'take', 'choose', 'like', 'its', 'it', 'that', 'one', 'ones', 'thanks']);

/**
 * Which of `count` choices a reply picks, 1-based: "2", "the second one", "second", "2nd", "number 3",
 * "option two", "the last one". null when it names none of them, or one out of range.
 */
export function readOrdinal(text: string, count: number): number | null {
  const words = simplify(text).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_CHOICE_WORDS || words.some((w) => w.length > MAX_CHOICE_WORD)) return null;
  const left = words.filter((w) => !CHOICE_FILLER.has(w));
  // "one" is filler in "the second one", but the choice itself in "one" or "number one".
  const word = left.length === 0 && words.includes('one') ? 'one' : left.length === 1 ? left[0]! : undefined;
  if (word === undefined) return null;
  const index = word === 'last' ? count : ordinalOf(word);
  return index !== null && Number.isInteger(index) && index >= 1 && index <= count ? index : null;
}

function ordinalOf(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  const ordinal = recognizers.recognize('ordinal', word)[0] ?? recognizers.recognize('number', word)[0];
  return ordinal && ordinal.text === word ? Number(ordinal.value) : null;
}

export interface Contact {
  email?: string;
  phone?: string;
}

/**
 * The email address and phone number in a message ("you can reach me at casey@example.com or
 * +44 20 7946 0958"). A phone number needs at least 10 digits, or 8 after a "+", so an error code
 * ("2813-0001") or an order number is not one. null when there is neither.
 */
export function readContact(text: string): Contact | null {
  const cut = text.slice(0, MAX_CONTACT_LENGTH);
  const contact: Contact = {};
  if (cut.includes('@')) {
    const email = recognizers.recognize('email', cut)[0];
    if (email) contact.email = email.value;
  }
  if (/\d/.test(cut)) {
    const phone = recognizers.recognize('phone', cut).find((p) => phoneLike(p.value, cut.slice(0, p.start)));
    if (phone) contact.phone = phone.value;
  }
  return contact.email !== undefined || contact.phone !== undefined ? contact : null;
}

function phoneLike(value: string, before: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  const plus = value.startsWith('+') || before.endsWith('+');
  // An order number ("112-3456789-1234567") is longer than any phone number.
  return digits <= 15 && (digits >= 10 || (plus && digits >= 8));
}

const DOMAIN = /(?:^|[\s(,;:])(?:[a-z0-9-]+)?((?:\.[a-z]{2,3}){1,2})(?=$|[\s),;:!?]|\.(?:\s|$))/gi;

/**
 * The marketplace country a message names by its domain: "amazon.de" → DE, "amazon.co.uk" → GB
 * (ISO 3166, as the knowledge base's regions), "amazon.com.au" → AU, ".ca" → CA. null for none or
 * a generic one (.com). An email address's domain is not a marketplace.
 */
export function readMarketplaceCountry(text: string): string | null {
  for (const match of text.slice(0, MAX_CONTACT_LENGTH).matchAll(DOMAIN)) {
    const country = countryOfDomain(match[0].trim().replace(/^[(,;:]/, '').toLowerCase());
    if (country) return country;
  }
  return null;
}
