import { z } from 'zod';

/** At most `points` requests in any fixed window of `seconds`; off: no limit. */
export type LimitSpec = { points: number; seconds: number } | 'off';

/**
 * A limit as written in the environment: "30/600" (30 per 600 seconds), or "off". Windows are
 * whole seconds, so Retry-After is always at least one second.
 */
export const LimitSpecSchema = z.string().transform((value, ctx): LimitSpec => {
  const text = value.trim();
  if (text === 'off') return 'off';
  const match = /^(\d{1,9})\s*\/\s*(\d{1,6})$/.exec(text);
  const points = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || points < 1 || seconds < 1 || seconds > 86_400) {
    ctx.addIssue({ code: 'custom', message: 'must be "N/S" (at most N requests in S seconds, N ≥ 1, 1 ≤ S ≤ 86400) or "off"' });
    return z.NEVER;
  }
  return { points, seconds };
});

/** How a limit reads in logs and docs: "30/600" or "off". */
export function describeLimit(spec: LimitSpec): string {
  return spec === 'off' ? 'off' : `${spec.points}/${spec.seconds}`;
}
