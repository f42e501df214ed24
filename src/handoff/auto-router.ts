import type { RoutingOptions } from './agent-presence';
import type { HandoffRecord } from './handoff-queue';
import type { HandoffRelay } from './handoff-relay';
import { pickAgent, type Candidate } from './routing-pick';

/**
 * Auto-assignment: hands the longest-waiting requests to available agents (routing-pick.ts), each
 * an accept on the agent's behalf through the queue's `claim`, which checks capacity in the same
 * step — so several instances running passes at once never double-assign or overfill an agent.
 * A pass runs whenever something changes (nudge); passes on one instance never overlap.
 */
export class AutoRouter {
  private running = false;
  private again = false;

  constructor(
    private readonly relay: HandoffRelay,
    private readonly routing: RoutingOptions,
    private readonly assigned: (record: HandoffRecord) => Promise<void>,
  ) {}

  /** Something changed: run a pass now, or once more after the one running. */
  nudge(): void {
    if (this.routing.mode !== 'auto') return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again);
      } catch (err) {
        this.relay.fail('routing-pass-failed', err);
      } finally {
        this.running = false;
      }
    })();
  }

  /** One pass over the queue; how many requests it assigned. */
  async pass(): Promise<number> {
    const { queue } = this.relay.options;
    const waiting = await queue.waiting();
    if (waiting.length === 0) return 0;
    const present = (await this.routing.presence.all()).filter((p) => p.status === 'available');
    if (present.length === 0) return 0;
    const candidates: Candidate[] = await Promise.all(
      present.map(async (p) => {
        const mine = await queue.assignedTo(p.agent.id);
        return { agent: p.agent, status: p.status, load: mine.length, idleSince: Math.max(p.since, ...mine.map((r) => r.acceptedAt ?? 0)) };
      }),
    );
    let count = 0;
    for (const record of waiting) {
      for (;;) {
        const pick = pickAgent(candidates, this.routing.capacity);
        if (!pick) return count;
        const at = this.relay.now();
        const claimed = await queue.claim(record.id, pick.agent, at, this.routing.capacity);
        // Another instance filled this agent first: count them full and pick again.
        if (claimed === 'full') {
          pick.load = this.routing.capacity;
          continue;
        }
        if (claimed) {
          pick.load++;
          pick.idleSince = at;
          count++;
          await this.assigned(claimed);
        }
        break;
      }
    }
    return count;
  }

  /**
   * Nobody to route to: ROUTING=auto, the team uses statuses (someone has set one) and no agent is
   * available. Then the customer hears so at filing and the time-out path comes sooner. A team
   * that never sets a status (API-only, Accept by hand) is never called absent.
   */
  async nobodyAvailable(): Promise<boolean> {
    if (this.routing.mode !== 'auto') return false;
    const all = await this.routing.presence.all();
    return all.length > 0 && !all.some((p) => p.status === 'available');
  }
}
