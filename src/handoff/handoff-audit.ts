import { z } from 'zod';
import { AgentSchema } from './handoff-queue';

/** Every change of hands, kept (the audit log): storage parses it back with this schema. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  action: z.enum(['filed', 'accepted', 'ended', 'transferred', 'cancelled', 'timed-out', 'external-filed', 'external-accepted', 'external-failed', 'external-completed', 'taken-over', 'reassigned']),
  handoff: z.string(),
  conversationId: z.string(),
  channel: z.string(),
  agent: AgentSchema.nullable(),
  /** Transfers: the agent it went to, or null for back to the queue. */
  to: AgentSchema.nullable().optional(),
  /** Taken over or reassigned: the supervisor who moved it (`agent` is who had it, `to` who has it now). */
  supervisor: AgentSchema.optional(),
  by: z.enum(['customer', 'agent', 'system', 'contact-centre', 'supervisor']),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
