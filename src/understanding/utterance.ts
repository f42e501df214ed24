import type { SearchOptions, SearchResult } from '../knowledge/search-result';
import { normalizeText } from '../text/normalize';
import { isBlank, simplifyNormalized } from '../text/simplify';
import { tokenizeNormalized, type Tokens } from '../text/tokenize';
import type { IntentReading } from './intent-classifier';

/** What an Utterance needs of the knowledge base: its search. */
export interface Searcher {
  search(query: Tokens, options?: SearchOptions): SearchResult;
}

/** What an Utterance needs to read intent: the classifier. */
export interface IntentReader {
  classify(text: string): IntentReading;
}

/**
 * One message, read once. The bot edge builds it; the router, the flow's prefills and every step
 * read what they need from it. Each reading (normalised, simplified, blank, the search for a
 * brand) is worked out the first time it is asked for and kept for the rest of the turn, so a
 * message that is routed, prefilled and matched is searched once.
 */
export class Utterance {
  private normalizedText: string | undefined;
  private simplifiedText: string | undefined;
  private blankText: boolean | undefined;
  private tokenList: Tokens | undefined;
  private reading: IntentReading | null | undefined;
  private readonly searches = new Map<string, SearchResult>();

  /** `text` is already redacted. */
  constructor(
    readonly text: string,
    private readonly searcher: Searcher,
    private readonly intents?: IntentReader,
  ) {}

  /** What the message means (null where no classifier was given: tools that only search). */
  get intent(): IntentReading | null {
    if (this.reading === undefined) this.reading = this.intents && !this.blank ? this.intents.classify(this.text) : null;
    return this.reading;
  }

  /** Lower case, folded, homoglyph-free, single spaces (normalizeText). */
  get normalized(): string {
    return (this.normalizedText ??= normalizeText(this.text));
  }

  /** Letters and digits separated by single spaces, as phrase sets compare. */
  get simplified(): string {
    return (this.simplifiedText ??= simplifyNormalized(this.normalized));
  }

  /** Words and domains, as the matcher reads them. */
  get tokens(): Tokens {
    return (this.tokenList ??= tokenizeNormalized(this.normalized));
  }

  /** Nothing said once hidden codes are taken out. */
  get blank(): boolean {
    return (this.blankText ??= isBlank(this.text));
  }

  /** The knowledge base's answer, with `brand` as the conversation's brand. Results are never mutated by callers. */
  search(brand: string | null = null): SearchResult {
    const key = brand ?? '';
    const known = this.searches.get(key);
    if (known) return known;
    const result = this.searcher.search(this.tokens, { brand });
    this.searches.set(key, result);
    return result;
  }

  /** This message when `text` is what it says, else `text` read the same way (a slot from an earlier turn). */
  reread(text: string): Utterance {
    return text === this.text ? this : new Utterance(text, this.searcher, this.intents);
  }
}
