import { z } from 'zod';

/** What a flow records for the support team: a satisfaction survey, or a message left when nobody was free. */
export const TeamNoteSchema = z.object({
  at: z.string(),
  log: z.enum(['survey', 'message']),
  conversationId: z.string(),
  channel: z.string(),
  /** The flow's slots named by the record step (already redacted, like everything the customer says). */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});
export type TeamNote = z.infer<typeof TeamNoteSchema>;
