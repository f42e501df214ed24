import { z } from 'zod';

/**
 * What the conversations record for the team: a satisfaction survey, a message left when nobody
 * was free, a question the knowledge base could not answer (for the article writers), or an
 * agent's handover note on a transfer (for the colleague who gets it; never sent to the customer),
 * or an agent's internal note on a conversation they hold (for the team only, on every channel).
 */
export const TeamNoteSchema = z.object({
  at: z.string(),
  log: z.enum(['survey', 'message', 'unanswered', 'handover', 'internal']),
  conversationId: z.string(),
  channel: z.string(),
  /** The flow's slots named by the record step (already redacted, like everything the customer says). */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});
export type TeamNote = z.infer<typeof TeamNoteSchema>;
