import { QUESTION_TERMS } from '../text/lexicon';
import type { Field } from './term-index';

/**
 * How the matcher weighs evidence and where it stops guessing. The defaults were chosen on the
 * labelled set (tests/data/labelled-queries.json) and checked on articles and questions never
 * tuned on (bench/holdout); README "Matching" has the figures.
 */
export interface Tuning {
  /** Below this, nothing is confident enough to answer. */
  answer: number;
  /** The bar instead when two or more of the query's words (question words aside) meet the entry: a lone shared word is often a coincidence, two rarely. */
  answerBroad: number;
  /** Candidates above this are worth offering as "did you mean…". */
  suggest: number;
  /** Two answers closer than this are a near-tie: ask, don't pick. */
  tie: number;
  /** A brand entry takes a generic entry's paraphrases when its title matches that well. */
  link: number;
  /** Generic guidance yields to the brand's own entry on equal evidence. */
  generic: number;
  /** A query word found only in an answer's body counts this much. */
  body: number;
  /** Above 1, a title only partly said counts for less: one rare word shared with a long title is a coincidence. */
  fieldCoverageExponent: number;
  /** Evidence a confident answer needs, as a share of the rarest term's weight. */
  evidence: number;
  /** Weight of a real English word the knowledge base never uses ("job", "password"), same scale. */
  foreign: number;
  /** Weight of a word that is neither known, English nor a fixable typo ("bday", "robux"). */
  noise: number;
  /** How much a query word said by another of the entry's phrasings (not the best one) counts. */
  union: number;
  /** Most an everyday English word ("few", "old", "anything") weighs, as a share of the rarest term's weight. */
  everyday: number;
  /** An item an entry says the card can't buy counts as a phrasing when one of its terms is this rare (share of the rarest term's weight). */
  itemRarity: number;
  /** An entry the customer's own amounts contradict ("$50 on it, order $38" against "order over the balance") keeps this share of its score. */
  contradicted: number;
  /** How much a query word counts that only this entry's answer says, among the brand's entries. */
  distinctiveBody: number;
  /** A body word is distinctive only when it is this rare in the whole knowledge base too (share of the rarest term's weight). */
  distinctiveRarity: number;
  /** The bar for the named brand's own entry that meets three of the question's words, none foreign, with a clear lead. */
  answerWellMet: number;
}

export const DEFAULT_TUNING: Tuning = {
  answer: 0.5,
  answerBroad: 0.47,
  suggest: 0.3,
  tie: 0.05,
  link: 0.45,
  generic: 0.92,
  body: 0.3,
  fieldCoverageExponent: 1.4,
  evidence: 0.45,
  foreign: 0.5,
  noise: 0.1,
  union: 1,
  everyday: 0.6,
  itemRarity: 0.6,
  contradicted: 0.3,
  distinctiveBody: 1,
  distinctiveRarity: 0.5,
  answerWellMet: 0.3,
};

export interface QueryTerm {
  term: string;
  weight: number;
  /** 1 for a word as typed, less for a corrected typo, 0 for a word the knowledge base lacks. */
  confidence: number;
}

export interface ScoredFields {
  fields: readonly Field[];
  body: Field | undefined;
  /** Body terms no other entry of the brand says ("Foot Locker" in the one answer that names it): they count like a phrasing's. */
  distinctive?: ReadonlySet<string>;
}

/**
 * The best field's F-measure of two coverages: how much of the query the entry explains (that
 * field, the entry's other phrasings — all ways of asking the same thing, so a long question may
 * take its words from several — and its body at a discount), and how much of the field the query says. Both must be high:
 * a long query that merely mentions "order" doesn't match "Where do I redeem…". Thin evidence — one
 * everyday word — is scaled down however well it covers a short title. `needed` 0 skips that check.
 */
export function scoreEntry(query: readonly QueryTerm[], total: number, item: ScoredFields, needed: number, t: Tuning): number {
  // What any of the entry's phrasings says, and what only its body says.
  let inAny = 0;
  let onlyInBody = 0;
  let distinct = 0;
  for (const q of query) {
    if (q.confidence === 0) continue;
    if (item.fields.some((f) => f.terms.has(q.term))) inAny += q.weight * q.confidence;
    else if (item.body?.terms.has(q.term)) {
      onlyInBody += q.weight * q.confidence;
      if (item.distinctive?.has(q.term)) distinct += q.weight * q.confidence;
    }
  }
  const inBody = (onlyInBody - distinct) * t.body + distinct * t.distinctiveBody;
  let best = 0;
  for (const field of item.fields) {
    if (field.weight === 0) continue;
    let inField = 0;
    for (const q of query) {
      if (q.confidence > 0 && field.terms.has(q.term)) inField += q.weight * q.confidence;
    }
    const queryCoverage = (inField + t.union * (inAny - inField) + inBody) / total;
    const fieldCoverage = Math.min(1, inField / field.weight) ** t.fieldCoverageExponent;
    const f = queryCoverage + fieldCoverage > 0 ? (2 * queryCoverage * fieldCoverage) / (queryCoverage + fieldCoverage) : 0;
    if (f > best) best = f;
  }
  if (needed <= 0) return best;
  const evidence = inAny + onlyInBody;
  return evidence >= needed ? best : best * (evidence / needed);
}

/** How many of the query's terms, question words aside, the entry's phrasings or body say. */
export function sharedTerms(query: readonly QueryTerm[], item: ScoredFields): number {
  let n = 0;
  for (const q of query) {
    if (q.confidence > 0 && !QUESTION_TERMS.has(q.term) && (item.body?.terms.has(q.term) || item.fields.some((f) => f.terms.has(q.term)))) n++;
  }
  return n;
}
