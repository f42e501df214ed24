import { isEnglishWord } from '../text/dictionary';
import { countryOfDomain, domainLabel } from '../text/domains';
import { STOPWORDS, termsOfWord } from '../text/lexicon';
import { tokenize, type Tokens } from '../text/tokenize';
import { TypoCorrector } from '../text/typo-corrector';

export interface BrandNames {
  id: string;
  name: string;
  aliases: readonly string[];
  /** Names that point to the brand when no brand is named ("switch", "sam's club"). */
  contexts?: readonly string[];
}

export interface BrandMention {
  brand: string;
  /** Word positions [start, end) the mention covers; they are not matched as content. */
  start: number;
  end: number;
  /** A country the text implies: "amazon.co.uk" → GB. */
  country: string | null;
  /** True when a context word found it ("3ds" → Nintendo eShop), not the brand's name. */
  byContext?: boolean;
}

const MAX_WINDOW = 3;
// A context word names a console or a store, not a card: it points to the card's brand only in a
// message about a card ("my switch wont turn on" is about the console, and is no one's to answer).
const CARD_TERMS = new Set(['card', 'code', 'balance', 'redeem', 'gift', 'egift'].flatMap((w) => termsOfWord(w)));

// Words that name a country; "us" is left out, it is far more often a pronoun.
const COUNTRY_WORDS: Record<string, string> = {
  uk: 'GB', britain: 'GB', british: 'GB', england: 'GB', canada: 'CA', canadian: 'CA', usa: 'US',
  america: 'US', american: 'US', germany: 'DE', german: 'DE', australia: 'AU', australian: 'AU',
  india: 'IN', mexico: 'MX', japan: 'JP', france: 'FR', french: 'FR', spain: 'ES', italy: 'IT',
};

/**
 * Finds the brands a text names: exact aliases and domains first ("amazon.co.uk", "itunes",
 * "x box" → "xbox"), then typo-tolerant matches of words the knowledge base doesn't otherwise know
 * ("amzon", "gogle play"). A word the knowledge base uses ("apply") is never read as a brand ("apple").
 * Only when no brand is named: context words, exactly ("3ds", "sams club" → the brand whose article
 * names them), unless two brands list the same one (a clash; `giftbot kb check` reports it).
 */
export class BrandResolver {
  private readonly phrases = new Map<string, string>();
  private readonly domains = new Map<string, string>();
  private readonly labels = new Map<string, string>();
  private readonly fuzzy: TypoCorrector;
  /** Context word → its brand, or null where two brands list it (a clash picks neither). */
  private readonly contexts = new Map<string, string | null>();

  constructor(brands: readonly BrandNames[], private readonly isContentWord: (word: string) => boolean, distinctiveWord: (word: string, brand: string) => boolean) {
    for (const brand of brands) {
      for (const alias of [brand.name, ...brand.aliases]) this.addAlias(brand.id, alias);
      const first = tokenize(brand.name).words;
      // "ulta" for Ulta Beauty, "razer" for Razer Gold: a first word no other brand and no English uses.
      if (first.length > 1 && first[0]!.length >= 4 && !STOPWORDS.has(first[0]!) && !isEnglishWord(first[0]!) && distinctiveWord(first[0]!, brand.id)) {
        if (!this.phrases.has(first[0]!)) this.phrases.set(first[0]!, brand.id);
      }
    }
    for (const brand of brands) {
      for (const context of brand.contexts ?? []) this.addContext(brand.id, context);
    }
    this.fuzzy = new TypoCorrector(new Set([...this.phrases.keys()].filter((key) => key.length >= 4)));
  }

  private addAlias(brand: string, alias: string): void {
    const tokens = tokenize(alias);
    const domain = tokens.domains[0];
    if (domain && tokens.words.length === tokens.wordDomain.filter((d) => d === 0).length) {
      this.domains.set(domain, brand);
      this.labels.set(domainLabel(domain), brand);
      return;
    }
    if (tokens.words.length === 0) return;
    this.phrases.set(tokens.words.join(' '), brand);
    this.phrases.set(tokens.words.join(''), brand);
  }

  private addContext(brand: string, context: string): void {
    const words = tokenize(context).words;
    if (words.length === 0) return;
    for (const key of new Set([words.join(' '), words.join('')])) {
      const owner = this.contexts.get(key);
      this.contexts.set(key, owner === undefined || owner === brand ? brand : null);
    }
  }

  /** Brands in order of mention; each word belongs to at most one mention. */
  resolve(tokens: Tokens): { mentions: BrandMention[]; country: string | null } {
    const taken = new Array<boolean>(tokens.words.length).fill(false);
    const named = [...this.domainMentions(tokens, taken), ...this.phraseMentions(tokens, taken, false), ...this.phraseMentions(tokens, taken, true)];
    const mentions = named.length > 0 ? named : this.contextMentions(tokens.words);
    mentions.sort((a, b) => a.start - b.start);
    const country = mentions.find((m) => m.country)?.country ?? countryFromWords(tokens.words);
    return { mentions, country };
  }

  private domainMentions(tokens: Tokens, taken: boolean[]): BrandMention[] {
    const out: BrandMention[] = [];
    tokens.domains.forEach((domain, index) => {
      const brand = this.domains.get(domain) ?? this.labels.get(domainLabel(domain));
      if (!brand) return;
      const positions = tokens.wordDomain.flatMap((d, i) => (d === index ? [i] : []));
      positions.forEach((i) => (taken[i] = true));
      out.push({ brand, start: positions[0] ?? 0, end: (positions[positions.length - 1] ?? 0) + 1, country: countryOfDomain(domain) });
    });
    return out;
  }

  private phraseMentions(tokens: Tokens, taken: boolean[], fuzzy: boolean): BrandMention[] {
    const out: BrandMention[] = [];
    const words = tokens.words;
    for (let size = MAX_WINDOW; size >= 1; size--) {
      for (let start = 0; start + size <= words.length; start++) {
        const window = words.slice(start, start + size);
        if (window.some((_, k) => taken[start + k])) continue;
        const brand = fuzzy ? this.fuzzyBrand(window) : this.phrases.get(window.join(' ')) ?? this.phrases.get(window.join(''));
        if (!brand) continue;
        for (let k = start; k < start + size; k++) taken[k] = true;
        out.push({ brand, start, end: start + size, country: null });
      }
    }
    return out;
  }

  /**
   * Context words, longest first; none when they point to two brands ("windows or switch"), as a
   * name shared by two articles does: a guess between brands would answer the wrong one.
   */
  private contextMentions(words: readonly string[]): BrandMention[] {
    if (this.contexts.size === 0 || !words.some((w) => termsOfWord(w).some((t) => CARD_TERMS.has(t)))) return [];
    const taken = new Array<boolean>(words.length).fill(false);
    const out: BrandMention[] = [];
    for (let size = MAX_WINDOW; size >= 1; size--) {
      for (let start = 0; start + size <= words.length; start++) {
        if (taken.slice(start, start + size).some(Boolean)) continue;
        const window = words.slice(start, start + size);
        const brand = this.contexts.get(window.join(' ')) ?? (size > 1 ? this.contexts.get(window.join('')) : undefined);
        if (!brand) continue;
        for (let k = start; k < start + size; k++) taken[k] = true;
        out.push({ brand, start, end: start + size, country: null, byContext: true });
      }
    }
    return new Set(out.map((m) => m.brand)).size === 1 ? out : [];
  }

  /**
   * Typo tolerance only for words that are neither English nor used by the knowledge base:
   * "amzon", "aple", "xbx" yes; "apply", "steal" never.
   */
  private fuzzyBrand(window: string[]): string | undefined {
    if (window.some((w) => STOPWORDS.has(w))) return undefined;
    const phrase = window.join(' ');
    // Two real words with two letters swapped from a two-word name ("bets buy") are that name;
    // other edits of real words name something else ("google pay" is not Google Play).
    if (window.length > 1 && phrase.length >= 7) {
      const correction = this.fuzzy.correct(phrase);
      if (correction?.distance === 1 && sameLetters(phrase, correction.word)) return this.phrases.get(correction.word);
    }
    if (!window.some((w) => w.length >= 3 && !/\d/.test(w) && !this.isContentWord(w))) return undefined;
    const correction = this.fuzzy.correct(phrase) ?? this.fuzzy.correct(window.join(''));
    return correction && correction.distance > 0 ? this.phrases.get(correction.word) : undefined;
  }
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
}

function countryFromWords(words: readonly string[]): string | null {
  for (const word of words) {
    const country = COUNTRY_WORDS[word];
    if (country) return country;
  }
  return null;
}
