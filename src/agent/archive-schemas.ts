import { z } from 'zod';
import { ARCHIVE_LIMIT_MAX, archiveWords } from '../handoff/conversation-archive';
import { HandoffStateSchema } from '../handoff/handoff-queue';
import { AgentView } from './agent-schemas';
import { ExportLineSchema } from './archive-text';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A time in a query: milliseconds since the epoch, or an ISO date (`2026-12-01`, UTC) or date-time.
 * `endOfDay`: a date alone means the end of that day (so `to=2026-12-06` includes the 6th).
 */
function instant(name: string, endOfDay: boolean) {
  return z
    .string()
    .max(40)
    .transform((text, ctx) => {
      const at = /^\d+$/.test(text) ? Number(text) : Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
      if (!Number.isSafeInteger(at) || at < 0) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an ISO date (2026-12-01), an ISO date-time (2026-12-01T09:30:00Z) or milliseconds since 1970` });
        return z.NEVER;
      }
      return endOfDay && DATE_ONLY.test(text) ? at + DAY_MS : at;
    });
}

const word = (max: number) => z.string().trim().min(1).max(max);

/** GET /api/agent/archive: every given filter must hold; nothing given, the newest conversations. */
export const ArchiveSearchQuery = z.object({
  brand: word(80).optional().meta({ description: 'A brand id.', example: 'amazon' }),
  agent: word(200).optional().meta({ description: 'An agent id (`token:<name>` or `aad:<id>`).', example: 'token:dana' }),
  reason: word(80).optional().meta({ description: 'The resolution reason chosen at End.', example: 'resolved' }),
  tag: word(40).optional().meta({ description: 'One tag given at End.', example: 'chargeback' }),
  channel: word(40).optional().meta({ description: 'A channel id (directline, msteams, slack…).', example: 'directline' }),
  // Words of no letter or digit leave nothing to match, which the stores read as "no text filter":
  // refused, so `q=***` can't pass for a search and answer every conversation.
  q: word(200)
    .refine((text) => archiveWords(text).length > 0, 'needs at least one letter or digit (leave q out to list every conversation)')
    .optional()
    .meta({ description: 'Words that must all be in the summary or transcript (letters and digits; any case; everything else separates words). Must hold at least one letter or digit (400 otherwise).', example: 'code taken' }),
  from: instant('from', false).optional().meta({ description: 'Closed at or after: an ISO date or date-time, or ms since 1970.', example: '2026-12-01' }),
  to: instant('to', true).optional().meta({ description: 'Closed before: an ISO date-time or ms; a date alone includes that day.', example: '2026-12-07' }),
  limit: z.coerce.number().int().min(1).max(ARCHIVE_LIMIT_MAX).default(50).meta({ description: `At most this many, newest first (1–${ARCHIVE_LIMIT_MAX}).`, example: 50 }),
});

/** GET /api/agent/archive/{handoffId}/transcript. */
export const ArchiveExportQuery = z.object({
  format: z.enum(['text', 'json']).default('text').meta({ description: '`text`: one "time  who: words" line a message. `json`: the entry and its lines.', example: 'text' }),
});

export const ArchiveParams = z.object({
  handoffId: z.string().min(1).max(200).meta({ description: 'The handoff request id, as the search answers it.', example: 'h1-mf2x9' }),
});

/** An archived conversation as the search answers it: everything but the transcript, and its start. */
export const ArchiveSummaryView = z
  .object({
    handoffId: z.string(),
    conversationId: z.string(),
    channel: z.string(),
    userId: z.string().nullable(),
    brand: z.string().nullable(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    country: z.string().nullable(),
    agent: AgentView.nullable(),
    state: HandoffStateSchema,
    reason: z.string().nullable(),
    tags: z.array(z.string()),
    summary: z.string(),
    filedAt: z.string().meta({ description: 'ISO date-time.' }),
    acceptedAt: z.string().nullable(),
    closedAt: z.string(),
    preview: z.string().meta({ description: 'The first characters of the (redacted) transcript.' }),
  })
  .meta({ id: 'ArchivedConversation' });

export const ArchiveSearchAnswer = z.object({ conversations: z.array(ArchiveSummaryView) }).meta({ id: 'ArchiveSearch' });

export const ArchiveExportAnswer = z
  .object({ conversation: ArchiveSummaryView.omit({ preview: true }), lines: z.array(ExportLineSchema.meta({ id: 'ExportLine' })) })
  .meta({ id: 'ArchiveExport' });
