import type { Entry, EntryKind } from './entries';
import type { Tuning } from './entry-scorer';

/** At most this many confident results are returned. */
const MAX_RESULTS = 5;

export type Decision = 'answer' | 'clarify' | 'abstain';

export interface SearchHit {
  id: string;
  brand: string | null;
  kind: EntryKind;
  title: string;
  score: number;
}

export interface SearchResult {
  /** The brand the text names, else the conversation's brand, else null. */
  brand: string | null;
  /** A country the text implies ("amazon.co.uk" → GB), for marketplace checks. */
  country: string | null;
  /** Brands named in the text, in order ("swap my amazon card for starbucks"). */
  mentioned: string[];
  decision: Decision;
  /** Confident results, best first; empty when abstaining. */
  results: SearchHit[];
  /** The closest entries even when abstaining, for "did you mean…". */
  suggestions: SearchHit[];
}

export interface SearchOptions {
  /** The conversation's brand so far; a brand named in the text wins over it. */
  brand?: string | null;
}

/** True when the first two hits (best first) are closer than `tie`: too close to pick between, so ask. */
export function nearTie(hits: ReadonlyArray<Pick<SearchHit, 'score'>>, tie: number): boolean {
  return hits.length > 1 && hits[1]!.score >= hits[0]!.score - tie;
}

/** Answer when the best score clears the bar and stands alone; ask when another is within a tie; else abstain. */
export function decide(scored: ReadonlyArray<{ entry: Entry; score: number }>, bar: number, t: Tuning): Pick<SearchResult, 'decision' | 'results' | 'suggestions'> {
  const hits = scored.map(({ entry, score }) => toHit(entry, score));
  const suggestions = hits.filter((h) => h.score >= t.suggest).slice(0, 3);
  const top = hits[0];
  if (!top || top.score < bar) return { decision: 'abstain', results: [], suggestions };
  const results = hits.filter((h) => h.score >= Math.max(t.suggest, top.score - 3 * t.tie)).slice(0, MAX_RESULTS);
  return { decision: nearTie(results, t.tie) ? 'clarify' : 'answer', results, suggestions };
}

function toHit(entry: Entry, score: number): SearchHit {
  return { id: entry.id, brand: entry.brand, kind: entry.kind, title: entry.title, score: Math.round(score * 1000) / 1000 };
}
