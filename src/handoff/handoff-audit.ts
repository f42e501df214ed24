import { z } from 'zod';
import { AgentStatusSchema } from './agent-presence';
import { AgentSchema } from './handoff-queue';

/** Every change of hands of a handoff request, kept in the audit log (with status changes: AuditLogEntrySchema). */
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

/**
 * An agent's routing status changed (issue 15: routing is audited). About no request, so it has
 * none of a handoff entry's fields: `agent` is whose status it is, `by` the agent themselves or the
 * system (the offline grace after their console closed).
 */
export const StatusAuditEntrySchema = z.object({
  at: z.string(),
  action: z.literal('status-changed'),
  agent: AgentSchema,
  /** `from` is null when the agent had no status before. */
  status: z.object({ from: AgentStatusSchema.nullable(), to: AgentStatusSchema }),
  by: z.enum(['agent', 'system']),
});
export type StatusAuditEntry = z.infer<typeof StatusAuditEntrySchema>;

/**
 * What the audit log holds: changes of hands and routing status changes. Storage parses with this;
 * readers that want only requests' entries (reports, metrics, replays) keep them with isHandoffEntry.
 */
export const AuditLogEntrySchema = z.union([AuditEntrySchema, StatusAuditEntrySchema]);
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;

export function isHandoffEntry(entry: AuditLogEntry): entry is AuditEntry {
  return entry.action !== 'status-changed';
}
