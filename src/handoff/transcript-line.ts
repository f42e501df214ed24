import { z } from 'zod';

/** One message of a conversation as an agent reads it: who said it and what (codes already hidden). */
export const LineSchema = z.object({
  at: z.string(),
  from: z.enum(['customer', 'bot', 'agent']),
  name: z.string(),
  text: z.string(),
});
export type Line = z.infer<typeof LineSchema>;
