import { isEnglishWord } from '../text/dictionary';
import { STOPWORDS, termsOfWord, termsOfWords } from '../text/lexicon';
import { tokenize, type Tokens } from '../text/tokenize';
import { BrandResolver, type BrandMention } from './brand-resolver';
import type { Entry } from './entries';
import { balanceSituation, OVER_BALANCE, type BalanceSituation } from './balance-situation';
import { ErrorCodeIndex } from './error-codes';
import { excludedItems } from './excluded-items';
import type { KnowledgeCatalog } from './knowledge-catalog';
import { DEFAULT_TUNING, scoreEntry, sharedTerms, type QueryTerm, type Tuning } from './entry-scorer';
import { decide, nearTie, type Decision, type SearchHit, type SearchOptions, type SearchResult } from './search-result';
import { TermIndex, type Field } from './term-index';
import { titleWords } from './title-words';

export type { Decision, SearchHit, SearchOptions, SearchResult } from './search-result';

const CONFIDENCE_BY_DISTANCE = [1, 0.8, 0.6] as const;
/** An entry's title about what a card can pay for. */
const ABOUT_WHAT_IT_BUYS = /\b(?:eligible|ineligible|buy|pay for|spend (?:it )?on|purchase|allowed|excluded|restricted)\b|\bwhat can(?:'t|not)?\b/i;
/** How far below its best generic match a brand entry may still take a second one. */
const LINK_TOLERANCE = 0.15;

interface BrandIndex {
  entries: IndexedEntry[];
  /** Generic entries this brand has its own version of; they don't compete. */
  covered: Set<string>;
  /** Words of the brand's name, left out of matching. */
  skip: Set<string>;
  /** Every term of the brand's titles and paraphrases. */
  fieldTerms: Set<string>;
  /** Generic entry id → the brand's own version of it. */
  versions: Map<string, string>;
}

interface IndexedEntry {
  entry: Entry;
  /** The title, then each paraphrase (own and inherited from generic guidance). */
  fields: Field[];
  body: Field;
  /** Body terms no other entry of its brand says. */
  distinctive?: ReadonlySet<string>;
}

/**
 * Turns what a person types into knowledge entries, or into an honest "not sure". Pipeline:
 * normalise → resolve the brand → terms (stopwords out, typos corrected, stems, domain synonyms) →
 * IDF-weighted coverage of each entry's title and paraphrases, in both directions → answer,
 * clarify or abstain by thresholds. A brand's index is built the first time it is asked about.
 */
export class Matcher {
  private readonly terms: TermIndex;
  private readonly resolver: BrandResolver;
  private readonly generic: IndexedEntry[];
  private readonly brandIndexes = new Map<string, BrandIndex>();
  private readonly codes: ErrorCodeIndex;

  private readonly tuning: Tuning;

  /** Searches what the catalog holds; lookups by id are the catalog's own. */
  constructor(private readonly catalog: KnowledgeCatalog, tuning: Partial<Tuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    const brands = this.catalog.brands;
    const genericEntries = this.catalog.entriesOf(null);
    this.terms = new TermIndex(this.catalog.entries, new Set(brands.map((b) => tokenize(b.name).words[0] ?? '')), this.tuning.everyday);
    this.resolver = new BrandResolver(brands, (w) => this.terms.isKnownWord(w) || isEnglishWord(w), (w, b) => this.terms.isOnlyUsedBy(w, b));
    this.generic = genericEntries.map((e) => this.indexEntry(e, new Set()));
    this.codes = new ErrorCodeIndex(this.catalog.entries);
  }

  /** The brand's own version of a generic entry ("Why won't my Amazon code work?"), else the generic one. */
  versionFor(brand: string | null, genericId: string): string {
    if (!brand || !this.catalog.brand(brand)) return genericId;
    return this.brandIndex(brand).versions.get(genericId) ?? genericId;
  }

  /** A brand by id, name or alias, typos forgiven: "amzon", "itunes", "amazon.co.uk". */
  findBrand(name: string): string | null {
    if (this.catalog.brand(name)) return name;
    return this.resolver.resolve(tokenize(name)).mentions[0]?.brand ?? null;
  }

  private observer: ((decision: Decision) => void) | undefined;

  /** Hears the decision of every search: for metrics. */
  observe(observer: (decision: Decision) => void): void {
    this.observer = observer;
  }

  /**
   * Whether the first two of these hits (best first) are a near tie, by the same margin the search
   * decides "clarify" with: for callers that pass over some results (entries already tried).
   */
  nearTie(hits: readonly SearchHit[]): boolean {
    return nearTie(hits, this.tuning.tie);
  }

  /**
   * What the knowledge base says to a text, or to a message's tokens already read (an Utterance
   * searches once per brand, so no cache is needed here).
   */
  search(query: string | Tokens, options: SearchOptions = {}): SearchResult {
    const result = this.compute(typeof query === 'string' ? tokenize(query) : query, options);
    this.observer?.(result.decision);
    return result;
  }

  private compute(tokens: Tokens, options: SearchOptions): SearchResult {
    const resolved = this.resolver.resolve(tokens);
    const country = resolved.country;
    const contextBrand = options.brand && this.catalog.brand(options.brand) ? options.brand : null;
    // A product word ("switch") points to a brand only when the conversation hasn't one already.
    const mentions = contextBrand ? resolved.mentions.filter((m) => !m.byContext) : resolved.mentions;
    const brand = mentions[0]?.brand ?? contextBrand;
    // A code is the strongest evidence: the entries printing it answer, the brand's own (or generic
    // ones) when a brand is known, else any brand's — and then that brand is the answer's.
    const coded = this.codes.find(tokens.words, (e) => !brand || e.brand === brand || e.brand === null);
    if (coded.length > 0) {
      const found = decide(coded, this.tuning.answer, this.tuning);
      const brands = new Set(found.results.map((r) => r.brand));
      return { brand: brand ?? (brands.size === 1 ? [...brands][0]! : null), country, mentioned: [...new Set(mentions.map((m) => m.brand))], ...found };
    }
    const index = brand ? this.brandIndex(brand) : undefined;
    const words = index ? this.contentWords(tokens.words, mentions, brand!, index) : tokens.words.filter((_, i) => !mentions.some((m) => i >= m.start && i < m.end));
    const query = this.queryTerms(words);
    const scored = this.score(query, index, balanceSituation(tokens.words));
    const top = scored[0];
    const shared = top ? sharedTerms(query, top.item) : 0;
    let bar = shared >= 2 ? this.tuning.answerBroad : this.tuning.answer;
    // Three of the question's words met in the named brand's own entry, none foreign, a clear lead:
    // a long question ("can I use it at Sam's Club") can score low and still be answered.
    const wellMet = top && index && top.entry.brand === brand && shared >= 3 && query.every((q) => q.confidence > 0) && top.score - (scored[1]?.score ?? 0) >= this.tuning.tie;
    if (wellMet) bar = Math.min(bar, this.tuning.answerWellMet);
    return { brand, country, mentioned: [...new Set(mentions.map((m) => m.brand))], ...decide(scored, bar, this.tuning) };
  }

  /**
   * The words that say what the question is about, once brands are taken out. The brand's own name
   * carries nothing (every entry has it); another brand named is a sign of "somewhere else" unless
   * the brand's entries speak of it ("Can I redeem a Roblox card on Xbox?"); a marketplace from
   * another country is a sign of a region problem.
   */
  private contentWords(words: readonly string[], mentions: readonly BrandMention[], brand: string, index: BrandIndex): string[] {
    const out: string[] = [];
    const own = this.catalog.brand(brand)!;
    const inEntries = (word: string) => termsOfWords([word]).some(({ term }) => index.fieldTerms.has(term));
    words.forEach((word, i) => {
      const mention = mentions.find((m) => i >= m.start && i < m.end);
      if (!mention) {
        if (!index.skip.has(word)) out.push(word);
      } else if ((inEntries(word) || (mention.byContext && mention.brand === brand)) && !index.skip.has(word)) {
        // A product or place of this brand ("Sam's Club" for Walmart) is what the question is about.
        out.push(word);
      } else if (mention.brand !== brand && i === mention.start) {
        out.push('other');
      }
    });
    if (mentions.some((m) => m.country && m.country !== own.region.country)) out.push('region');
    return out;
  }

  /**
   * Each word is known to the knowledge base, a typo of a known word, a real English word the
   * knowledge base never uses (evidence of another topic: "job", "password"), or noise (slang, names).
   */
  private queryTerms(words: string[]): QueryTerm[] {
    const read = words.flatMap((word) => this.splitCompound(word)).map((word) => this.readWord(word));
    const byTerm = new Map<string, QueryTerm>();
    for (const { term, index, phrase } of termsOfWords(read.map((r) => r.word))) {
      const word = read[index]!;
      const confidence = phrase ? Math.max(word.confidence, 0.8) : word.confidence;
      const weight = confidence > 0 ? this.terms.idf(term) : this.terms.maxIdf * (word.kind === 'foreign' ? this.tuning.foreign : this.tuning.noise);
      const known = byTerm.get(term);
      if (!known || known.confidence < confidence) byTerm.set(term, { term, weight, confidence });
    }
    return [...byTerm.values()];
  }

  /** "gamepass" → "game pass", "promocodes" → "promo codes": run-together words people type. */
  private splitCompound(word: string): string[] {
    if (word.length < 7 || this.terms.isKnownWord(word) || isEnglishWord(word) || /\d/.test(word)) return [word];
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      if (this.terms.isKnownWord(head) && this.terms.isKnownWord(tail)) return [head, tail];
    }
    return [word];
  }

  private readWord(word: string): { word: string; confidence: number; kind: 'known' | 'foreign' | 'noise' } {
    if (STOPWORDS.has(word) || this.terms.isKnownWord(word)) return { word, confidence: 1, kind: 'known' };
    // Another form of a word the entries use ("coin" where they say "coins") is as good as the word.
    const terms = termsOfWord(word);
    if (terms.length > 0 && terms.every((term) => this.terms.hasTerm(term))) return { word, confidence: 1, kind: 'known' };
    if (isEnglishWord(word)) return { word, confidence: 0, kind: 'foreign' };
    const correction = this.terms.corrector.correct(word);
    if (!correction) return { word, confidence: 0, kind: 'noise' };
    return { word: correction.word, confidence: CONFIDENCE_BY_DISTANCE[correction.distance] ?? 0, kind: 'known' };
  }

  private score(query: QueryTerm[], index: BrandIndex | undefined, situation: BalanceSituation): Scored[] {
    const total = query.reduce((sum, q) => sum + q.weight, 0);
    if (total === 0) return [];
    const t = this.tuning;
    const needed = t.evidence * this.terms.maxIdf;
    // "$50 on it, the order was $38": an entry about an order over the balance contradicts the customer;
    // "order $120, card $100" is that entry's case exactly.
    const fits = (entry: Entry) => (!situation || !OVER_BALANCE.test(entry.title) ? 1 : situation === 'covers' ? t.contradicted : 1 / t.contradicted);
    const out: Scored[] = [];
    for (const item of index?.entries ?? []) out.push({ entry: item.entry, item, score: Math.min(1, scoreEntry(query, total, item, needed, t) * fits(item.entry)) });
    for (const item of this.generic) {
      if (index?.covered.has(item.entry.id)) continue;
      out.push({ entry: item.entry, item, score: Math.min(1, scoreEntry(query, total, item, needed, t) * (index ? t.generic : 1) * fits(item.entry)) });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  private indexEntry(entry: Entry, skip: ReadonlySet<string>, inherited: Field[] = []): IndexedEntry {
    return {
      entry,
      fields: [titleWords(entry.title), ...entry.paraphrases].map((t) => this.terms.field(t, skip)).concat(this.itemFields(entry, skip), inherited),
      body: this.terms.field(entry.body, skip),
    };
  }

  /**
   * The items an entry about what the card buys ("Item not eligible.", "What can't I buy with it?")
   * says it can't pay for, each a phrasing of its own. Other entries list places and limits in
   * passing ("can't be used at ATMs"), which other entries answer; an item of common words only
   * ("gift cards") would match every question.
   */
  private itemFields(entry: Entry, skip: ReadonlySet<string>): Field[] {
    if (!ABOUT_WHAT_IT_BUYS.test(entry.title)) return [];
    const rare = this.tuning.itemRarity * this.terms.maxIdf;
    return excludedItems(entry.body)
      .map((item) => this.terms.field(`buy ${item}`, skip))
      .filter((field) => [...field.terms].some((term) => this.terms.idf(term) >= rare));
  }

  /** A brand's entries, each with the paraphrases of the generic entry it is the brand's version of. */
  private brandIndex(id: string): BrandIndex {
    const cached = this.brandIndexes.get(id);
    if (cached) return cached;
    const brand = this.catalog.brand(id)!;
    // The brand's name says nothing inside its own entries; other names ("Uber Eats") still do.
    const skip = new Set(tokenize(brand.name).words);
    const own = this.catalog.entriesOf(id).map((e) => this.indexEntry(e, skip));
    const fieldTerms = new Set(own.flatMap((item) => item.fields.flatMap((f) => [...f.terms])));
    const links = this.linkToGeneric(own);
    const distinctive = this.distinctiveTerms(own);
    const entries = own.map((item, i) => {
      const inherited = links.filter((l) => l.own === item).flatMap((l) => l.generic.fields);
      return { ...item, fields: inherited.length ? [...item.fields, ...inherited] : item.fields, distinctive: distinctive[i] };
    });
    const versions = new Map(links.map((l) => [l.generic.entry.id, l.own.entry.id]));
    const index: BrandIndex = { entries, covered: new Set(versions.keys()), skip, fieldTerms, versions };
    this.brandIndexes.set(id, index);
    return index;
  }

  /** For each entry, the rare body terms no other entry of the brand says, in its phrasings or its answer. */
  private distinctiveTerms(own: readonly IndexedEntry[]): Array<Set<string>> {
    const count = new Map<string, number>();
    const termsOf = own.map((item) => new Set([...item.body.terms, ...item.fields.flatMap((f) => [...f.terms])]));
    for (const terms of termsOf) for (const term of terms) count.set(term, (count.get(term) ?? 0) + 1);
    const rare = this.tuning.distinctiveRarity * this.terms.maxIdf;
    return own.map((item) => new Set([...item.body.terms].filter((term) => count.get(term) === 1 && this.terms.idf(term) >= rare)));
  }

  /**
   * Which brand entry is the brand's version of each generic entry. A link needs both sides to
   * agree: the generic entry's best brand entry, whose own best generic entry it (nearly) is. A
   * brand entry may cover two ("PIN scratched away or card lost."); a generic entry goes to one
   * brand entry only, so inherited paraphrases never make two entries tie.
   */
  private linkToGeneric(own: IndexedEntry[]): Array<{ own: IndexedEntry; generic: IndexedEntry }> {
    const scores = own.map((item) => {
      const query = [...item.fields[0]!.terms].map((term) => ({ term, weight: this.terms.idf(term), confidence: 1 }));
      const total = query.reduce((sum, q) => sum + q.weight, 0);
      return this.generic.map((generic) => (total > 0 ? scoreEntry(query, total, { fields: generic.fields, body: undefined }, 0, { ...this.tuning, fieldCoverageExponent: 1 }) : 0));
    });
    const links: Array<{ own: IndexedEntry; generic: IndexedEntry }> = [];
    this.generic.forEach((generic, g) => {
      let best = -1;
      own.forEach((_, o) => {
        if (scores[o]![g]! >= this.tuning.link && (best < 0 || scores[o]![g]! > scores[best]![g]!)) best = o;
      });
      if (best < 0) return;
      const ownBest = Math.max(...scores[best]!);
      if (scores[best]![g]! >= ownBest - LINK_TOLERANCE) links.push({ own: own[best]!, generic });
    });
    return links;
  }
}

interface Scored {
  entry: Entry;
  item: IndexedEntry;
  score: number;
}
