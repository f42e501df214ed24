import { englishLevel } from '../text/dictionary';
import { LEXICON_WORDS, QUESTION_TERMS, QUESTION_WEIGHT, termsOfWords } from '../text/lexicon';
import { tokenize } from '../text/tokenize';
import { TypoCorrector } from '../text/typo-corrector';
import type { Entry } from './entries';

const SHARED = '\u0000shared';
const EVERYDAY_LEVEL = 10;

/** A field's terms and its total weight, precomputed for scoring. */
export interface Field {
  terms: ReadonlySet<string>;
  weight: number;
}

/**
 * Corpus statistics over every entry: how rare each term is (IDF), which words exist (for typo
 * correction) and which brands use each word (so a brand's name word is told from a common word).
 */
export class TermIndex {
  private readonly documentFrequency = new Map<string, number>();
  /** For watched words only: the one brand using it, or SHARED once two do ('' is generic guidance). */
  private readonly wordBrand = new Map<string, string>();
  private readonly watched: ReadonlySet<string>;
  private readonly vocabulary = new Set<string>();
  private typoCorrector: TypoCorrector | undefined;
  private readonly documents: number;
  /** A word each term was first seen as, to tell everyday words ("few", "old", "anything") when asked. */
  private readonly firstWord = new Map<string, string>();
  private readonly everyday = new Map<string, boolean>();
  private readonly everydayCap: number;

  /** `watch`: words whose owning brand matters (first words of brand names: "nintendo", "google"). */
  constructor(entries: readonly Entry[], watch: ReadonlySet<string> = new Set(), everydayShare = 1) {
    this.watched = watch;
    for (const word of LEXICON_WORDS) this.vocabulary.add(word);
    for (const entry of entries) this.addDocument(entry);
    this.documents = entries.length;
    this.everydayCap = everydayShare * this.maxIdf;
  }

  /** Built on the first misspelling rather than at start-up: most queries need none. */
  get corrector(): TypoCorrector {
    // Between equally close corrections, the word more entries use is the likelier one.
    this.typoCorrector ??= new TypoCorrector(this.vocabulary, (word) => termsOfWords([word]).reduce((n, { term }) => Math.max(n, this.documentFrequency.get(term) ?? 0), 0));
    return this.typoCorrector;
  }

  private addDocument(entry: Entry): void {
    const terms = new Set<string>();
    for (const text of [entry.title, ...entry.paraphrases, entry.body]) {
      const words = tokenize(text).words;
      for (const word of words) {
        this.vocabulary.add(word);
        if (!this.watched.has(word)) continue;
        const owner = this.wordBrand.get(word);
        if (owner === undefined) this.wordBrand.set(word, entry.brand ?? '');
        else if (owner !== (entry.brand ?? '')) this.wordBrand.set(word, SHARED);
      }
      for (const { term, index, phrase } of termsOfWords(words)) {
        terms.add(term);
        if (!phrase && !this.firstWord.has(term)) this.firstWord.set(term, words[index]!);
      }
    }
    for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  private idfOfCount(count: number): number {
    return Math.log(1 + (this.documents + 1) / (count + 0.5));
  }

  /** How much a term says: rare terms much, common ones little, question words a fixed little. */
  /** The weight of a term used once: the scale every other weight is read against. */
  get maxIdf(): number {
    return this.idfOfCount(1);
  }

  idf(term: string): number {
    let idf = this.idfOfCount(this.documentFrequency.get(term) ?? 0);
    if (idf > this.everydayCap && this.isEveryday(term)) idf = this.everydayCap;
    return QUESTION_TERMS.has(term) ? idf * QUESTION_WEIGHT : idf;
  }

  /**
   * A term rare in the knowledge base but said with one of the most common English words is chatty
   * filler more often than the point of a question: it weighs no more than the everyday cap.
   */
  private isEveryday(term: string): boolean {
    let known = this.everyday.get(term);
    if (known === undefined) {
      const word = this.firstWord.get(term);
      known = word !== undefined && englishLevel(word) === EVERYDAY_LEVEL;
      this.everyday.set(term, known);
    }
    return known;
  }

  isKnownWord(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Whether some entry says this term: "coin" is known when an entry says "coins". */
  hasTerm(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** True when no brand other than `brand` (and no generic entry) uses the word; watched words only. */
  isOnlyUsedBy(word: string, brand: string): boolean {
    if (!this.watched.has(word)) throw new Error(`"${word}" is not a watched word`);
    const owner = this.wordBrand.get(word);
    return owner === undefined || owner === brand;
  }

  /** Terms of a knowledge text, leaving out the words of the brand's own name. */
  field(text: string, skipWords: ReadonlySet<string>): Field {
    const terms = new Set<string>();
    for (const { term } of termsOfWords(tokenize(text).words.filter((w) => !skipWords.has(w)))) terms.add(term);
    let weight = 0;
    for (const term of terms) weight += this.idf(term);
    return { terms, weight };
  }
}
