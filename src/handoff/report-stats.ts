import type { HandoffReason } from './report-schema';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The nearest-rank percentile (the smallest value with at least p% of values at or below it): no
 * interpolation, so every figure shown is a time some conversation really took. Null when empty.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The hour of the day (0–23) of `at` on a clock `utcOffsetMinutes` ahead of UTC. */
export function hourOfDay(at: number, utcOffsetMinutes: number): number {
  const local = (((at + utcOffsetMinutes * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(local / HOUR_MS);
}

/** Mean rounded to two places, and the count; average null when there is nothing. */
export function average(values: readonly number[]): { average: number | null; count: number } {
  if (values.length === 0) return { average: null, count: 0 };
  return { average: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100, count: values.length };
}

/**
 * Why someone was handed over, from what the request kept. The bot files every request the same
 * way, so the cause is read from its traces: fixes already tried mean a fix didn't work; otherwise
 * a question the knowledge base couldn't answer earlier in the conversation means nobody could
 * answer; otherwise they asked for a person. `tried` null: the request is no longer kept.
 */
export function handoffReason(tried: readonly string[] | null, unansweredBefore: boolean): HandoffReason {
  if (tried === null) return 'unknown';
  if (tried.length > 0) return 'fix-did-not-work';
  return unansweredBefore ? 'not-answered' : 'asked-for-person';
}

/** A survey's rating 1–5 (the choose step keeps the label, "1"…"5"); null for anything else. */
export function ratingOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}
