import { z } from 'zod';
import { groupUnanswered, type UnansweredReport } from '../handoff/unanswered-questions';
import { UsageError, parseCommandArgs, type Io } from './io';
import { withBackend } from './with-backend';

const DEFAULT_LIMIT = 20;
/** Examples are cut here in the table; --json has them whole. */
const EXAMPLE_CHARS = 100;

const ArgsSchema = z.object({
  json: z.boolean().default(false),
  since: z.coerce.number({ error: '--since must be a whole number of days' }).int('--since must be a whole number of days').min(1, '--since must be at least 1 day').max(3650, '--since must be at most 3650 days').optional(),
  limit: z.coerce.number({ error: '--limit must be a whole number' }).int('--limit must be a whole number').min(1, '--limit must be at least 1').default(DEFAULT_LIMIT),
});

/**
 * `giftbot report unanswered [--json] [--since DAYS] [--limit N]`: the questions the knowledge base
 * could not answer, grouped and most frequent first — what the article writers should write next.
 */
export async function reportUnanswered(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, since: { type: 'string' }, limit: { type: 'string' } }, false);
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
  const { json, since, limit } = parsed.data;
  return withBackend(io, async (backend) => {
    const notes = backend ? await backend.notes.read() : [];
    const report = groupUnanswered(notes, { now: new Date(), sinceDays: since, limit });
    io.out(json ? `${JSON.stringify(report)}\n` : describe(report, since));
    return 0;
  });
}

function describe(report: UnansweredReport, sinceDays: number | undefined): string {
  const window = sinceDays === undefined ? '' : ` in the last ${sinceDays} day${sinceDays === 1 ? '' : 's'}`;
  if (report.total === 0) return `Nothing unanswered${window}: no question has gone without an answer.\n`;
  const lines = [`${report.total} unanswered question${report.total === 1 ? '' : 's'}${window}, ${report.distinct} different; most frequent first:`, ''];
  lines.push(`${'count'.padStart(5)}  ${'last asked (UTC)'.padEnd(16)}  ${'brands'.padEnd(16)}  example`);
  for (const group of report.questions) {
    const brands = group.brands.join(', ') || '–';
    lines.push(`${String(group.count).padStart(5)}  ${group.lastAsked.slice(0, 16).replace('T', ' ')}  ${brands.padEnd(16)}  ${oneLine(group.example)}`);
  }
  const hidden = report.distinct - report.questions.length;
  if (hidden > 0) lines.push('', `…and ${hidden} more asked less often (--limit to see them).`);
  if (report.byBrand.length > 0) {
    lines.push('', 'By brand (a name not in knowledge/ is a brand without an article yet):');
    for (const { brand, count } of report.byBrand) lines.push(`  ${brand} — ${count} question${count === 1 ? '' : 's'}`);
  }
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXAMPLE_CHARS ? `${flat.slice(0, EXAMPLE_CHARS - 1)}…` : flat;
}
