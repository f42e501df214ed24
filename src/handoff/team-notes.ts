import { z } from 'zod';

/**
 * What the conversations record for the team: a satisfaction survey, a message left when nobody
 * was free, or a question the knowledge base could not answer (for the article writers).
 */
export const TeamNoteSchema = z.object({
  at: z.string(),
  log: z.enum(['survey', 'message', 'unanswered']),
  conversationId: z.string(),
  channel: z.string(),
  /** The flow's slots named by the record step (already redacted, like everything the customer says). */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});
export type TeamNote = z.infer<typeof TeamNoteSchema>;
