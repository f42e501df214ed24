import { AgentActions, type AgentResult } from './agent-actions';
import type { AgentListener, InternalNoteLine } from './agent-events';
import type { AgentStatus, Presence } from './agent-presence';
import { AutoRouter } from './auto-router';
import type { Delivery } from './customer-line';
import { CustomerSide, type Ticket } from './customer-side';
import type { Agent, HandoffRecord, HandoffRequest, WrapUp } from './handoff-queue';
import { HandoffRelay, type HandoffServiceOptions } from './handoff-relay';
import type { Line } from './transcript-line';
import { SupervisorActions } from './supervisor-actions';

// Callers import the handoff's types from here, as before the service was split by role.
export type { AgentResult } from './agent-actions';
export type { AgentEvent, AgentListener } from './agent-events';
export type { CustomerLine, Delivery } from './customer-line';
export type { Ticket } from './customer-side';
export { AuditEntrySchema, type AuditEntry } from './handoff-audit';
export { minutes, type HandoffFlows, type HandoffServiceOptions, type HandoffWording } from './handoff-relay';

/**
 * The handoff loop, channel-neutral: files requests (or says support is closed), relays between a
 * customer and the agent who accepted them, tells waiting customers their place, times requests
 * out, and audits every change of hands. Pure logic: customers are reached through a CustomerLine,
 * agents through listeners; storage is the HandoffQueue. The work is done by role — the customer's
 * side (customer-side.ts), the agent's (agent-actions.ts), over what both share (handoff-relay.ts);
 * this class is their one front, plus the queue views and the clock.
 */
export class HandoffService {
  private readonly relay: HandoffRelay;
  private readonly customers: CustomerSide;
  private readonly agents: AgentActions;
  /** Take over and reassign (supervisors only: the agent API checks the role). */
  readonly supervisor: SupervisorActions;
  private readonly router: AutoRouter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: HandoffServiceOptions) {
    this.relay = new HandoffRelay(options);
    this.agents = new AgentActions(this.relay);
    this.supervisor = new SupervisorActions(this.relay);
    this.router = options.routing && new AutoRouter(this.relay, options.routing, (record) => this.agents.joined(record, 'system'));
    this.customers = new CustomerSide(this.relay, async () => (await this.router?.nobodyAvailable()) ?? false);
  }

  get mode(): 'internal' | 'external' {
    return this.options.mode;
  }

  /** Starts timing waiting requests out; stop() ends it. */
  start(): void {
    const every = Math.min(5000, Math.max(250, Math.min(this.options.timeoutMs, this.options.routing?.nobodyTimeoutMs ?? Infinity) / 4));
    this.timer = setInterval(() => {
      void this.sweep().catch((err: unknown) => this.relay.fail('handoff-sweep-failed', err));
      // A safety net: a change heard by no instance (a lost bus message) is still routed.
      this.router?.nudge();
    }, every);
    this.timer.unref();
    // Routing runs whenever a place may have opened or a request arrived, on whichever instance hears it.
    this.unsubscribe = this.relay.subscribe((_agentId, event) => {
      if (event.type === 'queue-changed' || event.type === 'ended' || event.type === 'status') this.router?.nudge();
    });
    this.router?.nudge();
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  subscribe(listener: AgentListener): () => void {
    return this.relay.subscribe(listener);
  }

  /** An internal note was added: the holder's consoles and supervisors' hear it on any instance (the bus); the customer never does. */
  noteAdded(record: HandoffRecord, note: InternalNoteLine): void {
    this.relay.emit(record.agent?.id ?? null, { type: 'note', id: record.id, note });
  }

  // --- the customer's side (called inside the customer's own turn) -----------------------------

  request(request: HandoffRequest): Promise<Ticket> {
    return this.customers.request(request);
  }

  /** The open request of a conversation: a channel and an id (the same id on another channel is someone else). */
  openFor(channel: string, conversationId: string): Promise<HandoffRecord | undefined> {
    return this.customers.openFor(channel, conversationId);
  }

  /** A customer's message while their request is open; the agent who has it sees it live. */
  customerSaid(record: HandoffRecord, text: string, name: string): void {
    this.customers.customerSaid(record, text, name);
  }

  /** What the bot asked the customer during the chat (whether to leave): the agent sees it live. */
  botSaid(record: HandoffRecord, text: string): void {
    this.customers.botSaid(record, text);
  }

  customerTyping(record: HandoffRecord): void {
    this.customers.customerTyping(record);
  }

  /** Leaves the queue, or (confirmed) the chat with the agent. Undefined if it had already closed. */
  customerLeft(record: HandoffRecord): Promise<HandoffRecord | undefined> {
    return this.customers.customerLeft(record);
  }

  /** A contact centre's handoff.status (external mode): what the customer should be sent now. */
  externalStatus(record: HandoffRecord, state: 'accepted' | 'failed' | 'completed'): Promise<Delivery[]> {
    return this.customers.externalStatus(record, state);
  }

  // --- the agent's side ------------------------------------------------------------------------

  waiting(): Promise<HandoffRecord[]> {
    return this.options.queue.waiting();
  }

  assignedTo(agent: Agent): Promise<HandoffRecord[]> {
    return this.options.queue.assignedTo(agent.id);
  }

  /** Any request, open or closed, while the queue keeps it: reports read what it had tried. */
  get(id: string): Promise<HandoffRecord | undefined> {
    return this.options.queue.get(id);
  }

  /** Exactly one of several agents accepting at once gets it; the others hear "taken". */
  accept(agent: Agent, id: string): Promise<AgentResult> {
    return this.agents.accept(agent, id);
  }

  /** The agent's own active conversation, or why not. */
  owned(agent: Agent, id: string): Promise<AgentResult> {
    return this.agents.owned(agent, id);
  }

  /** Sends the agent's message (sanitised) and returns the line as the customer got it. */
  agentSays(agent: Agent, id: string, text: string): Promise<{ ok: true; line: Line } | { ok: false; status: 'gone' | 'forbidden' | 'empty' | 'undelivered' }> {
    return this.agents.agentSays(agent, id, text);
  }

  agentTyping(agent: Agent, id: string): Promise<AgentResult> {
    return this.agents.agentTyping(agent, id);
  }

  /** Ends the chat: the customer is thanked, asked for a rating, and back with the bot. */
  end(agent: Agent, id: string, wrapUp: WrapUp | null = null): Promise<AgentResult> {
    return this.agents.end(agent, id, wrapUp);
  }

  /** To another agent, or (`to` null) back to the queue in its old place. */
  transfer(agent: Agent, id: string, to: Agent | null): Promise<AgentResult> {
    return this.agents.transfer(agent, id, to);
  }

  // --- routing -------------------------------------------------------------------------------

  get routing(): { mode: 'auto' | 'manual'; capacity: number } | undefined {
    const routing = this.options.routing;
    return routing && { mode: routing.mode, capacity: routing.capacity };
  }

  /** Sets an agent's status; every agent hears it, and routing runs again. */
  async setStatus(agent: Agent, status: AgentStatus): Promise<Presence> {
    const presence = await this.presence().set(agent, status, this.relay.now());
    this.relay.emit(null, { type: 'status', presence });
    return presence;
  }

  /** Sets `status` only if nobody changed the agent's since `since` (the offline grace after a console closes). */
  async setStatusIf(agent: Agent, since: number, status: AgentStatus): Promise<void> {
    const at = this.relay.now();
    if (await this.presence().setIf(agent, since, status, at)) this.relay.emit(null, { type: 'status', presence: { agent, status, since: at } });
  }

  async statusOf(agentId: string): Promise<Presence | undefined> {
    return this.options.routing?.presence.get(agentId);
  }

  /** Every agent with a status, and how many conversations each has now. */
  async roster(): Promise<Array<Presence & { load: number }>> {
    const all = (await this.options.routing?.presence.all()) ?? [];
    return Promise.all(all.map(async (p) => ({ ...p, load: (await this.options.queue.assignedTo(p.agent.id)).length })));
  }

  private presence() {
    if (!this.options.routing) throw new Error('routing is not configured');
    return this.options.routing.presence;
  }

  // --- time ------------------------------------------------------------------------------------

  /** Requests nobody accepted in time (sooner while nobody is available): the customer may leave a message instead. */
  async sweep(): Promise<number> {
    const { queue, wording, flows, routing } = this.options;
    const at = this.relay.now();
    let count = 0;
    const waiting = await queue.waiting();
    const nobody = waiting.length > 0 && routing !== undefined && (await this.router?.nobodyAvailable());
    const timeoutMs = nobody ? Math.min(this.options.timeoutMs, routing.nobodyTimeoutMs) : this.options.timeoutMs;
    for (const record of waiting) {
      if (at - record.waitingSince < timeoutMs) continue;
      const closed = await queue.transition(record.id, ['waiting'], { state: 'timed-out', closedAt: at });
      if (!closed) continue;
      count++;
      await this.relay.audit('timed-out', closed, null, 'system');
      await this.relay.tell(closed, [{ kind: 'flow', text: wording.timedOut, flow: flows.message }]);
    }
    if (count > 0) this.relay.queueChanged();
    return count;
  }

  estimateMinutes(position: number): number {
    return this.relay.estimator.minutesFor(position);
  }
}
