import type { Brand, ErrorEntry, FaqEntry, Generic } from './brand-schema';

export type EntryKind = 'error' | 'faq';

/** One answerable thing: an error and its fix, or a question and its answer. */
export interface Entry {
  /** `amazon/this-code-is-not-valid`, or `generic/…` for brand-neutral guidance. */
  id: string;
  /** null for brand-neutral guidance. */
  brand: string | null;
  kind: EntryKind;
  /** The error text as the user sees it, or the question — verbatim from the article. */
  title: string;
  paraphrases: string[];
  /** The fix or the answer. */
  body: string;
}

export const GENERIC_ID = 'generic';

export function entriesOf(source: Brand | Generic): Entry[] {
  const brand = source.id === GENERIC_ID ? null : source.id;
  const prefix = brand ?? GENERIC_ID;
  const fromError = (e: ErrorEntry): Entry => ({
    id: `${prefix}/${e.id}`, brand, kind: 'error', title: e.title, paraphrases: e.paraphrases ?? [], body: e.fix,
  });
  const fromFaq = (q: FaqEntry): Entry => ({
    id: `${prefix}/${q.id}`, brand, kind: 'faq', title: q.question, paraphrases: q.paraphrases ?? [], body: q.answer,
  });
  return [...source.errors.map(fromError), ...source.faq.map(fromFaq)];
}
