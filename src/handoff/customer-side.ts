import type { Delivery } from './customer-line';
import { refusal, type Refusal } from './handoff-admission';
import type { HandoffRecord, HandoffRequest } from './handoff-queue';
import type { HandoffRelay } from './handoff-relay';
import { isOpen } from './support-hours';

export type Ticket =
  /** notice: said besides the place (nobody is available: the wording's nobodyFree). */
  | { status: 'queued'; position: number; waitMinutes: number; notice?: string }
  | { status: 'closed' }
  | { status: 'external' }
  | Refusal;

/**
 * The customer's side of a handoff, called inside the customer's own turn: filing a request (or
 * saying support is closed, or refusing one over a limit), their messages and typing while it is
 * open, leaving, and a contact centre's status in external mode.
 */
export class CustomerSide {
  constructor(
    private readonly relay: HandoffRelay,
    /** Routing's view: true when no agent is available, so the customer is told at once. */
    private readonly nobodyAvailable: () => Promise<boolean> = async () => false,
  ) {}

  async request(request: HandoffRequest): Promise<Ticket> {
    const { queue, mode, hours, limits } = this.relay.options;
    const at = this.relay.now();
    // A conversation's turns run one at a time, so nothing can file for it between these two calls.
    const existing = await queue.openFor(request.channel, request.conversationId);
    if (mode === 'external') {
      const refused = existing ? undefined : await refusal(limits, queue, request, false);
      if (refused) return refused;
      if (!existing) await this.relay.audit('external-filed', await queue.file(request, 'external', at), null, 'customer');
      return { status: 'external' };
    }
    if (!existing && !isOpen(hours, new Date(at))) return { status: 'closed' };
    const refused = existing ? undefined : await refusal(limits, queue, request, true);
    if (refused) return refused;
    const filed = existing ?? (await queue.file(request, 'waiting', at));
    if (!existing) await this.relay.audit('filed', filed, null, 'customer');
    const position = await this.relay.positionOf(filed.id);
    await queue.transition(filed.id, ['waiting'], { toldPosition: position });
    this.relay.emit(null, { type: 'queue-changed' });
    const ticket: Ticket = { status: 'queued', position, waitMinutes: this.relay.estimator.minutesFor(position) };
    return !existing && (await this.nobodyAvailable()) ? { ...ticket, notice: this.relay.options.wording.nobodyFree } : ticket;
  }

  /** The open request of a conversation: a channel and an id (the same id on another channel is someone else). */
  openFor(channel: string, conversationId: string): Promise<HandoffRecord | undefined> {
    return this.relay.options.queue.openFor(channel, conversationId);
  }

  /** A customer's message while their request is open; the agent who has it sees it live. */
  customerSaid(record: HandoffRecord, text: string, name: string): void {
    if (record.state !== 'active' || !record.agent) return;
    this.relay.emit(record.agent.id, { type: 'message', id: record.id, line: { at: new Date(this.relay.now()).toISOString(), from: 'customer', name, text } });
  }

  /** What the bot itself asked during the chat (whether to leave), so the agent reads along. */
  botSaid(record: HandoffRecord, text: string): void {
    if (record.state !== 'active' || !record.agent) return;
    this.relay.emit(record.agent.id, { type: 'message', id: record.id, line: { at: new Date(this.relay.now()).toISOString(), from: 'bot', name: 'giftbot', text } });
  }

  customerTyping(record: HandoffRecord): void {
    if (record.state === 'active' && record.agent) this.relay.emit(record.agent.id, { type: 'typing', id: record.id });
  }

  /** "cancel": leaves the queue, or the chat with the agent. Undefined if it had already closed. */
  async customerLeft(record: HandoffRecord): Promise<HandoffRecord | undefined> {
    const at = this.relay.now();
    const closed = await this.relay.options.queue.transition(record.id, [record.state], { state: record.state === 'waiting' ? 'cancelled' : 'ended', closedAt: at });
    if (!closed) return undefined;
    await this.relay.audit(record.state === 'waiting' ? 'cancelled' : 'ended', closed, closed.agent, 'customer');
    if (record.state === 'waiting') this.relay.queueChanged();
    if (record.agent) this.relay.emit(record.agent.id, { type: 'ended', id: record.id, by: 'customer' });
    return closed;
  }

  /** A contact centre's handoff.status (external mode): what the customer should be sent now. */
  async externalStatus(record: HandoffRecord, state: 'accepted' | 'failed' | 'completed'): Promise<Delivery[]> {
    const { queue, wording, flows } = this.relay.options;
    switch (state) {
      case 'accepted':
        await this.relay.audit('external-accepted', record, null, 'contact-centre');
        return [];
      case 'failed':
      case 'completed': {
        const closed = await queue.transition(record.id, ['external'], { state: 'ended', closedAt: this.relay.now() });
        if (!closed) return [];
        await this.relay.audit(state === 'failed' ? 'external-failed' : 'external-completed', closed, null, 'contact-centre');
        return state === 'failed'
          ? [{ kind: 'flow', text: wording.externalFailed, flow: flows.message }]
          : [{ kind: 'flow', text: wording.externalCompleted, flow: flows.survey }];
      }
      default: {
        const unknown: never = state;
        return unknown;
      }
    }
  }
}
