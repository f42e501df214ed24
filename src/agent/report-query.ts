import { z } from 'zod';
import { HttpError } from '../channels/http-error';

const DAY_MS = 86_400_000;
/** The longest range one report covers: a year, leap or not. */
export const REPORT_DAYS_MAX = 366;
/** Without dates: the last seven days, today included. */
export const REPORT_DAYS_DEFAULT = 7;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');

/** GET /api/agent/reports and reports.csv: both dates are days on the clock of `utcOffset`, `to` included. */
export const ReportQuery = z.object({
  from: day.optional().meta({ description: `First day included (YYYY-MM-DD). Default: ${REPORT_DAYS_DEFAULT - 1} days before \`to\`.`, example: '2026-12-01' }),
  to: day.optional().meta({ description: `Last day included (YYYY-MM-DD), at most ${REPORT_DAYS_MAX} days after \`from\`. Default: today.`, example: '2026-12-07' }),
  utcOffset: z.coerce
    .number()
    .int('must be whole minutes')
    .min(-720)
    .max(840)
    .default(0)
    .meta({ description: 'Minutes ahead of UTC of the clock days and hours are counted on (e.g. 60 for CET, -300 for EST). Default 0: UTC.', example: 60 }),
});

/** The instants [from, to) a query covers; a reversed or too long range is a 400 naming why. */
export function reportRange(query: unknown, now: number): { from: number; to: number; utcOffsetMinutes: number } {
  const q = ReportQuery.parse(query);
  const shift = q.utcOffset * 60_000;
  const today = Math.floor((now + shift) / DAY_MS) * DAY_MS;
  const toDay = q.to ? Date.parse(`${q.to}T00:00:00Z`) : today;
  const fromDay = q.from ? Date.parse(`${q.from}T00:00:00Z`) : toDay - (REPORT_DAYS_DEFAULT - 1) * DAY_MS;
  if (fromDay > toDay) throw new HttpError(400, 'BadRequest', 'from: must not be after to');
  const days = (toDay - fromDay) / DAY_MS + 1;
  if (days > REPORT_DAYS_MAX) throw new HttpError(400, 'BadRequest', `to: the range is ${days} days; at most ${REPORT_DAYS_MAX}`);
  return { from: fromDay - shift, to: toDay + DAY_MS - shift, utcOffsetMinutes: q.utcOffset };
}
