import { z } from 'zod';
import { recognizers, type Recognized } from './recognizer-models';

/** The currencies a card's balance may be stated in (ISO 4217). */
export const CurrencySchema = z.enum(['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'JPY', 'INR', 'MXN', 'BRL', 'CHF', 'SEK', 'PLN', 'SGD', 'AED']);
export type Currency = z.infer<typeof CurrencySchema>;

/** An amount of money; `currency` is null when only a bare number was given and no country implies one. */
export interface Money {
  amount: number;
  currency: Currency | null;
}

export interface MoneyOptions {
  /** The marketplace country already known (ISO 3166 alpha-2, GB for the UK): "$" there is its dollar. */
  country?: string | null;
  /** The prompt asked for an amount, so a bare "50" (or "fifty") is one. */
  bare?: boolean;
}

/** A currency sign, code or word: only then is the (slow-ish) currency recognizer run. */
const MONEY_CUE = /[$€£]|\b(?:usd|eur|gbp|cad|aud|nzd|dollars?|bucks?|cents?|euros?|pounds?|quid|yen|rupees?|pesos?|francs?|dirhams?)\b/i;
const NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b/i;
/** Around the first cue: enough for "two thousand five hundred dollars", short enough to stay fast on a long message. */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 80;
/** How far past the margin a window may run to finish a word. */
const MAX_WORD = 20;
/** Longer than any amount with its sign and code ("USD 1,000,000.00" is split at its space). */
const LONG_RUN = /\S{25,}/g;
const URL_GLUE = /[&=?#|;]+/g;
/** A bare number is an answer only in a short reply, not somewhere in a paragraph. */
const MAX_BARE_LENGTH = 100;

const DOLLAR_OF_COUNTRY: Readonly<Record<string, Currency>> = { CA: 'CAD', AU: 'AUD', NZ: 'NZD', SG: 'SGD' };
const CURRENCY_OF_COUNTRY: Readonly<Record<string, Currency>> = {
  US: 'USD', GB: 'GBP', IE: 'EUR', DE: 'EUR', FR: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR', BE: 'EUR', AT: 'EUR',
  CH: 'CHF', SE: 'SEK', PL: 'PLN', JP: 'JPY', IN: 'INR', MX: 'MXN', BR: 'BRL', AE: 'AED', ...DOLLAR_OF_COUNTRY,
};
/** Recognizers' unit names for results without an ISO code ("$", "£", "dollars", "pounds"). */
const UNIT_CURRENCY: Readonly<Record<string, Currency | 'dollar'>> = { Dollar: 'dollar', Euro: 'EUR', Pound: 'GBP' };

/** The currency a marketplace country's cards are in: "DE" → EUR; null when unknown. */
export function currencyOfCountry(country: string | null | undefined): Currency | null {
  return (country && CURRENCY_OF_COUNTRY[country]) || null;
}

/**
 * An amount of money as people write it: "€50", "£40", "50 eur", "twenty dollars", "25 bucks",
 * "$25.50", "USD 1,000" — and, when the prompt asked for one (`bare`), "50". "$" is USD unless
 * the marketplace country has its own dollar (amazon.ca → CAD, amazon.com.au → AUD). The amount is
 * not checked against a maximum here: the caller says why one is too big. null when there is no
 * amount, or (in an answer) more than one.
 */
export function readMoney(text: string, options: MoneyOptions = {}): Money | null {
  const cue = MONEY_CUE.exec(text);
  if (cue) {
    // A run without spaces this long is no amount, and Recognizers-Text stalls on one ("$1,$1,…").
    // URL-ish glue ("$20&amount=9999") parts the words first; what is still one long run goes.
    const stated = statedMoney(windowAround(text, cue.index).replace(URL_GLUE, ' ').replace(LONG_RUN, ' '), options);
    if (stated !== undefined) return stated;
  }
  return options.bare && text.length <= MAX_BARE_LENGTH ? bareAmount(text, options.country) : null;
}

// Built once: toLocaleString with options builds a formatter on every call (a sixth of bench:turn's time).
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "€40", "£25.50", "$50", "C$30": how the reply names an amount; no currency reads as "$" (today's wording). */
export function formatMoney(amount: number, currency: Currency | null): string {
  const figure = (Number.isInteger(amount) ? WHOLE : CENTS).format(amount);
  switch (currency) {
    case null:
    case 'USD':
      return `$${figure}`;
    case 'EUR':
      return `€${figure}`;
    case 'GBP':
      return `£${figure}`;
    case 'CAD':
      return `C$${figure}`;
    case 'AUD':
      return `A$${figure}`;
    case 'NZD':
      return `NZ$${figure}`;
    case 'JPY': case 'INR': case 'MXN': case 'BRL': case 'CHF': case 'SEK': case 'PLN': case 'SGD': case 'AED':
      return `${figure} ${currency}`;
    default: {
      const unknown: never = currency;
      return String(unknown);
    }
  }
}

/**
 * Cut at spaces where it can, so a number is never split ("1,0|00"), but never longer than the two
 * margins and a word: Recognizers-Text's own patterns stall on long runs without spaces ("$1,$1,…").
 */
function windowAround(text: string, at: number): string {
  const start = Math.max(0, at - WINDOW_BEFORE);
  const space = start === 0 ? -1 : text.indexOf(' ', start);
  const from = space === -1 || space > at ? start : space + 1;
  const end = text.indexOf(' ', at + WINDOW_AFTER);
  return text.slice(from, Math.min(end === -1 ? text.length : end, at + WINDOW_AFTER + MAX_WORD));
}

/**
 * Forms Recognizers-Text doesn't read (or reads as NaN), rewritten into ones it does: "bucks" and
 * "quid", a code before the number ("USD 1,000", "CAD 40") and prefixed dollars ("A$30", "US$20").
 */
function rewrite(text: string): string {
  return text
    .replace(/\bbucks?\b/gi, 'dollars')
    .replace(/\bquids?\b/gi, 'pounds')
    .replace(/\b(US|AU|A|CA|C|NZ)\$\s?(\d[\d,]*(?:\.\d+)?)/gi, (_, prefix: string, n: string) => `${n} ${DOLLAR_PREFIX[prefix.toUpperCase()] ?? 'USD'}`)
    .replace(/\b(USD|EUR|GBP|CAD|AUD|NZD)\s?(\d[\d,]*(?:\.\d+)?)/gi, '$2 $1');
}

const DOLLAR_PREFIX: Readonly<Record<string, Currency>> = { US: 'USD', AU: 'AUD', A: 'AUD', CA: 'CAD', C: 'CAD', NZ: 'NZD' };

/**
 * The amounts the text states with a currency. undefined when it states none (a bare number may
 * still be the answer); null when it states several different ones in an answer, or cents.
 */
function statedMoney(text: string, options: MoneyOptions): Money | null | undefined {
  const recognized = recognizers.recognize('currency', rewrite(text));
  if (recognized.length === 0) return undefined;
  const found = recognized.flatMap((r) => toMoney(r, options.country));
  if (found.length === 0) return null;
  const first = found[0]!;
  // In an answer, "$50 for a $100 card" is two amounts: ask again rather than guess.
  if (options.bare && found.some((m) => m.amount !== first.amount)) return null;
  return first;
}

function toMoney(r: Recognized, country: string | null | undefined): Money[] {
  const amount = Number.isFinite(Number(r.value)) ? Number(r.value) : Number(r.text.replace(/[^\d.]/g, ''));
  if (!Number.isFinite(amount) || amount < 0) return [];
  const iso = CurrencySchema.safeParse(r.isoCurrency);
  const unit = r.unit === undefined ? undefined : UNIT_CURRENCY[r.unit];
  // Cents, yen-like units it has no code for, or a currency giftbot doesn't list: not a card's balance.
  if (!iso.success && unit === undefined) return [];
  const currency = iso.success ? iso.data : unit === 'dollar' ? (country && DOLLAR_OF_COUNTRY[country]) || 'USD' : unit!;
  return [{ amount, currency }];
}

/** "50", "50.00", "1,000", "fifty": one number and nothing negative (an error code "2813-0001" is not an amount). */
function bareAmount(text: string, country: string | null | undefined): Money | null {
  if (/-\s*[$€£]?\s*\d/.test(text)) return null;
  const numbers = text.replace(/(\d),(\d{3})/g, '$1$2').match(/\d+(?:\.\d{1,2})?/g) ?? [];
  let amount: number | undefined;
  if (numbers.length === 1) amount = Number(numbers[0]);
  else if (numbers.length === 0 && NUMBER_WORD.test(text)) {
    const words = recognizers.recognize('number', text);
    if (words.length === 1) amount = Number(words[0]!.value);
  }
  return amount !== undefined && Number.isFinite(amount) ? { amount, currency: currencyOfCountry(country) } : null;
}
