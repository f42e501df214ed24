import { z } from 'zod';
import { normalizeText } from '../text/normalize';
import type { TeamNote } from './team-notes';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the match step records when the knowledge base abstains (flow-runner `note('unanswered', …)`). */
const UnansweredNoteSchema = z.object({
  log: z.literal('unanswered'),
  at: z.iso.datetime(),
  values: z.object({ text: z.string(), brand: z.string().nullable().optional() }),
});

export const UnansweredGroupSchema = z.object({
  /** The grouping key: the question lower-cased, without punctuation, single-spaced. */
  question: z.string(),
  count: z.number().int().positive(),
  /** ISO time of the latest asking. */
  lastAsked: z.string(),
  /** Brands the conversations were about when asked, sorted: a brand file's id, or the name of a brand without one ("Roblox"); empty when none was known. */
  brands: z.array(z.string()),
  /** The latest wording as typed (already redacted on the way in). */
  example: z.string(),
});
export type UnansweredGroup = z.infer<typeof UnansweredGroupSchema>;

/** How many unanswered questions were about one brand: what to write an article for next. */
export const UnansweredBrandSchema = z.object({
  /** A brand file's id, or the name of a brand without one ("Roblox"). */
  brand: z.string(),
  count: z.number().int().positive(),
  lastAsked: z.string(),
});
export type UnansweredBrand = z.infer<typeof UnansweredBrandSchema>;

export const UnansweredReportSchema = z.object({
  /** Only questions asked at or after this ISO time count; null for the whole log. */
  since: z.string().nullable(),
  /** Unanswered questions in the window, and how many different ones. */
  total: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
  /** Most frequent first (then most recent), at most `limit` of them. */
  questions: z.array(UnansweredGroupSchema),
  /** Every brand asked about in the window, most questions first (then most recent, then by name); questions with no brand are not counted here. */
  byBrand: z.array(UnansweredBrandSchema),
});
export type UnansweredReport = z.infer<typeof UnansweredReportSchema>;

export interface UnansweredOptions {
  now: Date;
  /** Only the last this many days; undefined for everything kept. */
  sinceDays?: number;
  limit: number;
}

/**
 * The key questions are grouped by. Deliberately plain, so a writer can predict it: case, accents,
 * full-width forms and whitespace fold (normalizeText), apostrophes vanish ("what's" = "whats"),
 * every other run of punctuation or symbols becomes one space. No stemming or synonyms: "card" and
 * "cards" stay apart, as merging near-questions is the writers' judgement, not a guess of ours.
 */
export function questionKey(text: string): string {
  const key = normalizeText(text)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // Nothing but punctuation or emoji ("???"): keep it apart from other such questions, as typed.
  return key || normalizeText(text);
}

/** Groups the team notes' unanswered questions, most frequent first; other notes are ignored. */
export function groupUnanswered(notes: readonly TeamNote[], options: UnansweredOptions): UnansweredReport {
  const since = options.sinceDays === undefined ? null : new Date(options.now.getTime() - options.sinceDays * DAY_MS);
  const groups = new Map<string, UnansweredGroup & { brandSet: Set<string> }>();
  const brands = new Map<string, UnansweredBrand>();
  let total = 0;
  for (const note of notes) {
    const parsed = UnansweredNoteSchema.safeParse(note);
    if (!parsed.success || (since && Date.parse(parsed.data.at) < since.getTime())) continue;
    total++;
    const { at, values } = parsed.data;
    const key = questionKey(values.text);
    const group = groups.get(key) ?? { question: key, count: 0, lastAsked: at, brands: [], example: values.text, brandSet: new Set<string>() };
    group.count++;
    if (values.brand) {
      group.brandSet.add(values.brand);
      const counted = brands.get(values.brand) ?? { brand: values.brand, count: 0, lastAsked: at };
      counted.count++;
      if (Date.parse(at) >= Date.parse(counted.lastAsked)) counted.lastAsked = at;
      brands.set(values.brand, counted);
    }
    if (Date.parse(at) >= Date.parse(group.lastAsked)) Object.assign(group, { lastAsked: at, example: values.text });
    groups.set(key, group);
  }
  const ranked = [...groups.values()]
    .map(({ brandSet, ...group }) => ({ ...group, brands: [...brandSet].sort() }))
    .sort((a, b) => b.count - a.count || Date.parse(b.lastAsked) - Date.parse(a.lastAsked) || a.question.localeCompare(b.question));
  const byBrand = [...brands.values()].sort((a, b) => b.count - a.count || Date.parse(b.lastAsked) - Date.parse(a.lastAsked) || a.brand.localeCompare(b.brand));
  return { since: since?.toISOString() ?? null, total, distinct: ranked.length, questions: ranked.slice(0, options.limit), byBrand };
}
