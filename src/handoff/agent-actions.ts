import { sanitizeAgentText } from './agent-text';
import type { Agent, HandoffRecord, WrapUp } from './handoff-queue';
import type { HandoffRelay } from './handoff-relay';
import type { Line } from './transcript-line';

export type AgentResult = { ok: true; record: HandoffRecord } | { ok: false; status: 'gone' | 'forbidden' | 'taken' };

/**
 * The agent's side of a handoff: accepting (exactly one of several at once wins), their messages
 * and typing, ending, and transferring to another agent or back to the queue. Every action after
 * accepting answers only the agent who has the conversation.
 */
export class AgentActions {
  constructor(private readonly relay: HandoffRelay) {}

  /**
   * Exactly one of several agents accepting at once gets it; the others hear "taken". A person's
   * own Accept may go past AGENT_CAPACITY (as in Zendesk's routing): capacity bounds what routing
   * hands out, not what an agent chooses to take.
   */
  async accept(agent: Agent, id: string): Promise<AgentResult> {
    const claimed = await this.relay.options.queue.claim(id, agent, this.relay.now(), Number.MAX_SAFE_INTEGER);
    if (!claimed || claimed === 'full') {
      const current = await this.relay.options.queue.get(id);
      return { ok: false, status: current?.state === 'active' ? 'taken' : 'gone' };
    }
    await this.joined(claimed, 'agent');
    return { ok: true, record: claimed };
  }

  /**
   * What follows a request becoming an agent's, by their Accept or by routing (`system`): the wait
   * is measured, the audit says who did it, the queue moves up and the customer hears who joined.
   */
  async joined(record: HandoffRecord, by: 'agent' | 'system'): Promise<void> {
    const agent = record.agent;
    if (!agent) return;
    this.relay.estimator.record((record.acceptedAt ?? this.relay.now()) - record.waitingSince);
    await this.relay.audit('accepted', record, agent, by);
    this.relay.queueChanged();
    // Routing opens the chat in the agent's console; an Accept opens it from the answer.
    if (by === 'system') this.relay.emit(agent.id, { type: 'assigned', record });
    await this.relay.tell(record, [{ kind: 'say', text: this.relay.words(this.relay.options.wording.joined, { agent }) }]);
  }

  /** The agent's own active conversation, or why not. */
  async owned(agent: Agent, id: string): Promise<AgentResult> {
    const record = await this.relay.options.queue.get(id);
    if (!record || record.state !== 'active') return { ok: false, status: 'gone' };
    return record.agent?.id === agent.id ? { ok: true, record } : { ok: false, status: 'forbidden' };
  }

  /** Why a change conditional on the agent holding the chat was refused, as it stands now: another has it, or it is gone. */
  private async lost(agent: Agent, id: string): Promise<AgentResult> {
    const owned = await this.owned(agent, id);
    return owned.ok || owned.status === 'gone' ? { ok: false, status: 'gone' } : owned;
  }

  /** Sends the agent's message (sanitised) and returns the line as the customer got it. */
  async agentSays(agent: Agent, id: string, text: string): Promise<{ ok: true; line: Line } | { ok: false; status: 'gone' | 'forbidden' | 'empty' | 'undelivered' }> {
    const owned = await this.owned(agent, id);
    if (!owned.ok) return { ok: false, status: owned.status === 'taken' ? 'forbidden' : owned.status };
    const clean = sanitizeAgentText(text);
    if (!clean) return { ok: false, status: 'empty' };
    try {
      await this.relay.options.line.deliver(owned.record, [{ kind: 'agent-says', text: this.relay.words(this.relay.options.wording.agentSays, { agent, text: clean }), said: clean, agent }]);
    } catch (err) {
      this.relay.fail('handoff-delivery-failed', err, { handoff: id, conversation: owned.record.conversationId });
      return { ok: false, status: 'undelivered' };
    }
    return { ok: true, line: { at: new Date(this.relay.now()).toISOString(), from: 'agent', name: agent.name, text: clean } };
  }

  async agentTyping(agent: Agent, id: string): Promise<AgentResult> {
    const owned = await this.owned(agent, id);
    if (owned.ok) await this.relay.tell(owned.record, [{ kind: 'typing' }]);
    return owned;
  }

  /** Ends the chat: the customer is thanked, asked for a rating, and back with the bot. The wrap-up is stored in the same change, so an ended record never lacks the reason its agent gave. */
  async end(agent: Agent, id: string, wrapUp: WrapUp | null = null): Promise<AgentResult> {
    const { queue, wording, flows } = this.relay.options;
    const owned = await this.owned(agent, id);
    if (!owned.ok) return owned;
    // Still theirs: a supervisor's take-over between the check above and this End wins, and the End is refused.
    const closed = await queue.transition(id, ['active'], { state: 'ended', closedAt: this.relay.now(), ...(wrapUp ? { wrapUp } : {}) }, agent.id);
    if (!closed) return this.lost(agent, id);
    await this.relay.audit('ended', closed, agent, 'agent');
    this.relay.emit(agent.id, { type: 'ended', id, by: 'agent' });
    await this.relay.tell(closed, [{ kind: 'flow', text: this.relay.words(wording.ended, { agent }), flow: flows.survey }]);
    return { ok: true, record: closed };
  }

  /** To another agent, or (`to` null) back to the queue in its old place. */
  async transfer(agent: Agent, id: string, to: Agent | null): Promise<AgentResult> {
    const { queue, audit, wording } = this.relay.options;
    const owned = await this.owned(agent, id);
    if (!owned.ok) return owned;
    const at = this.relay.now();
    const change = to ? { agent: to, acceptedAt: at } : { state: 'waiting' as const, agent: null, waitingSince: at, toldPosition: null };
    const moved = await queue.transition(id, ['active'], change, agent.id);
    if (!moved) return this.lost(agent, id);
    await audit.append({ ...this.relay.auditFields('transferred', moved, agent, 'agent'), to });
    this.relay.emit(agent.id, { type: 'ended', id, by: 'transfer' });
    if (to) {
      this.relay.emit(to.id, { type: 'assigned', record: moved });
      await this.relay.tell(moved, [{ kind: 'say', text: this.relay.words(wording.transferred, { agent, to }) }]);
    } else {
      const position = await this.relay.positionOf(id);
      await queue.transition(id, ['waiting'], { toldPosition: position });
      this.relay.queueChanged();
      await this.relay.tell(moved, [{ kind: 'say', text: this.relay.words(wording.requeued, { agent, position }) }]);
    }
    return { ok: true, record: moved };
  }
}
