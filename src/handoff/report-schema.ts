import { z } from 'zod';

/** Why a person was handed over, derived from what the handoff stored (report-stats.ts handoffReason). */
export const HandoffReasonSchema = z.enum(['asked-for-person', 'fix-did-not-work', 'not-answered', 'unknown']);
export type HandoffReason = z.infer<typeof HandoffReasonSchema>;

const Percentiles = z.object({
  /** How many conversations the figures are over. */
  count: z.number().int().nonnegative(),
  /** Nearest-rank percentiles in whole seconds; null when there is nothing to count. */
  p50: z.number().nullable(),
  p90: z.number().nullable(),
});

const Average = z.object({ average: z.number().nullable(), count: z.number().int().nonnegative() });

/** The reports over one date range (GET /api/agent/reports). */
export const ReportSchema = z.object({
  /** The range, [from, to): ISO instants; the dates are days in `utcOffsetMinutes`. */
  from: z.string(),
  to: z.string(),
  utcOffsetMinutes: z.number().int(),
  /** 24 rows, hour 0–23 of the day in `utcOffsetMinutes`: conversations with the bot started, handoffs filed. */
  volumeByHour: z.array(z.object({ hour: z.number().int().min(0).max(23), conversations: z.number().int().nonnegative(), handoffs: z.number().int().nonnegative() })),
  /** Filed → accepted, and accepted → closed, of conversations with people closed in the range. */
  waitSeconds: Percentiles,
  handleSeconds: Percentiles,
  /** Survey ratings (1–5) given in the range: overall, by the agent who had the conversation, by the agent's resolution reason. */
  csat: z.object({
    overall: Average,
    byAgent: z.array(Average.extend({ agent: z.string(), name: z.string() })),
    byReason: z.array(Average.extend({ reason: z.string() })),
  }),
  handoffs: z.object({
    /** Conversations with the bot started in the range (from the transcripts kept: TRANSCRIPT_DAYS). */
    conversations: z.number().int().nonnegative(),
    /** Requests for a person filed in the range. */
    handoffs: z.number().int().nonnegative(),
    /** handoffs / conversations, 0–1 (rounded to 4 places); null with no conversations. */
    rate: z.number().nullable(),
    reasons: z.array(z.object({ reason: HandoffReasonSchema, count: z.number().int().nonnegative() })),
  }),
  /** Questions the knowledge base could not answer, asked in the range: most asked first, at most 10. */
  unanswered: z.object({
    total: z.number().int().nonnegative(),
    top: z.array(z.object({ question: z.string(), count: z.number().int().positive(), example: z.string() })),
  }),
});
export type Report = z.infer<typeof ReportSchema>;
