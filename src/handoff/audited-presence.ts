import type { RecordLog } from '../core/record-log';
import type { AgentPresence, AgentStatus, Presence } from './agent-presence';
import type { AuditLogEntry } from './handoff-audit';
import type { Agent } from './handoff-queue';

/**
 * Statuses as `inner` keeps them, every change also written to the audit log (issue 15: routing
 * is audited): who, from, to, when, by whom. `set` is the agent's own choice (the API, the
 * console's sign-in), `setIf` the system's (the offline grace), as AgentPresence says. Setting the
 * status one already has is no change and isn't written. The entry follows the change: a failed
 * write to the log rejects, as a change of hands does, though the status itself stands.
 */
export class AuditedPresence implements AgentPresence {
  constructor(
    private readonly inner: AgentPresence,
    private readonly audit: RecordLog<AuditLogEntry>,
  ) {}

  async set(agent: Agent, status: AgentStatus, at: number): Promise<Presence> {
    const before = await this.inner.get(agent.id);
    const presence = await this.inner.set(agent, status, at);
    if (before?.status !== status) await this.record(agent, before?.status ?? null, status, at, 'agent');
    return presence;
  }

  async setIf(agent: Agent, since: number, status: AgentStatus, at: number): Promise<boolean> {
    const before = await this.inner.get(agent.id);
    const changed = await this.inner.setIf(agent, since, status, at);
    // `before` is what was replaced when it still had `since` (setIf only succeeds then).
    const from = before?.since === since ? before.status : null;
    if (changed && from !== status) await this.record(agent, from, status, at, 'system');
    return changed;
  }

  get(agentId: string): Promise<Presence | undefined> {
    return this.inner.get(agentId);
  }

  all(): Promise<Presence[]> {
    return this.inner.all();
  }

  private record(agent: Agent, from: AgentStatus | null, to: AgentStatus, at: number, by: 'agent' | 'system'): Promise<void> {
    return this.audit.append({ at: new Date(at).toISOString(), action: 'status-changed', agent, status: { from, to }, by });
  }
}
