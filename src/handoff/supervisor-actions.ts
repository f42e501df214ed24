import { heldBy, type Agent, type HandoffRecord } from './handoff-queue';
import type { HandoffRelay } from './handoff-relay';

/** Why a supervisor's move was refused: no such open request; handed to a contact centre; already with that agent; the agent is offline; it changed hands meanwhile. */
export type SupervisorRefusal = 'gone' | 'external' | 'already' | 'offline' | 'changed';
export type SupervisorResult = { ok: true; record: HandoffRecord; from: Agent | null } | { ok: false; status: SupervisorRefusal };

/**
 * A supervisor's moves (issue 15): take a waiting or live chat over, or give it to another agent.
 * Every change is a compare-and-set on the queue (HandoffQueue.claim for a waiting request,
 * transition for a live one), so it holds across instances; the agent who had the chat hears
 * `ended` (by supervisor) on the bus wherever their console is, and loses it.
 */
export class SupervisorActions {
  constructor(private readonly relay: HandoffRelay) {}

  /**
   * The supervisor becomes the chat's agent. `seen`: the holder's id the supervisor saw (null: none,
   * it was waiting); given, the move is refused as 'changed' unless that is still so.
   */
  takeOver(supervisor: Agent, id: string, seen?: string | null): Promise<SupervisorResult> {
    return this.move(supervisor, id, supervisor, 'taken-over', seen);
  }

  /** To another agent, who must be available or away (an offline agent has no console to get it); `seen` as for takeOver. */
  async reassign(supervisor: Agent, id: string, to: Agent, seen?: string | null): Promise<SupervisorResult> {
    const presence = await this.relay.options.routing?.presence.get(to.id);
    // Without routing there are no statuses to check: anyone known may get it, as with transfers.
    if (this.relay.options.routing && (presence?.status ?? 'offline') === 'offline') return { ok: false, status: 'offline' };
    return this.move(supervisor, id, to, 'reassigned', seen);
  }

  private async move(supervisor: Agent, id: string, to: Agent, action: 'taken-over' | 'reassigned', seen: string | null | undefined): Promise<SupervisorResult> {
    const { queue, audit, wording } = this.relay.options;
    const record = await queue.get(id);
    if (!record) return { ok: false, status: 'gone' };
    const open = record.state === 'waiting' || record.state === 'active';
    // Acting on a stale overview: someone else moved it since the supervisor looked.
    if (open && !heldBy(record, seen)) return { ok: false, status: record.agent?.id === to.id ? 'already' : 'changed' };
    switch (record.state) {
      case 'waiting': {
        // Past capacity on purpose: a supervisor's choice, like an agent's own Accept.
        const claimed = await queue.claim(id, to, this.relay.now(), Number.MAX_SAFE_INTEGER);
        if (!claimed || claimed === 'full') return this.refusedNow(id, to);
        this.relay.estimator.record((claimed.acceptedAt ?? this.relay.now()) - claimed.waitingSince);
        await audit.append({ ...this.relay.auditFields(action, claimed, null, 'supervisor'), to, supervisor });
        this.relay.queueChanged();
        this.relay.emit(to.id, { type: 'assigned', record: claimed });
        await this.relay.tell(claimed, [{ kind: 'say', text: this.relay.words(wording.joined, { agent: to }) }]);
        return { ok: true, record: claimed, from: null };
      }
      case 'active': {
        const from = record.agent;
        if (from?.id === to.id) return { ok: false, status: 'already' };
        // Only from the holder read above: of two supervisors moving it at once, the second is refused (409), not silently last.
        const moved = await queue.transition(id, ['active'], { agent: to, acceptedAt: this.relay.now() }, from?.id ?? null);
        if (!moved) return this.refusedNow(id, to);
        await audit.append({ ...this.relay.auditFields(action, moved, from, 'supervisor'), to, supervisor });
        if (from) this.relay.emit(from.id, { type: 'ended', id, by: 'supervisor' });
        this.relay.emit(to.id, { type: 'assigned', record: moved });
        await this.relay.tell(moved, [{ kind: 'say', text: from ? this.relay.words(wording.transferred, { agent: from, to }) : this.relay.words(wording.joined, { agent: to }) }]);
        return { ok: true, record: moved, from };
      }
      case 'external':
        return { ok: false, status: 'external' };
      case 'ended':
      case 'cancelled':
      case 'timed-out':
        return { ok: false, status: 'gone' };
      default: {
        const unknown: never = record.state;
        throw new Error(`unknown state ${String(unknown)}`);
      }
    }
  }

  /** The compare-and-set lost to another change (an accept, an end, another instance): why, as it stands now. */
  private async refusedNow(id: string, to: Agent): Promise<SupervisorResult> {
    const now = await this.relay.options.queue.get(id);
    if (now?.state === 'active' && now.agent?.id === to.id) return { ok: false, status: 'already' };
    return { ok: false, status: now?.state === 'active' || now?.state === 'waiting' ? 'changed' : 'gone' };
  }
}
