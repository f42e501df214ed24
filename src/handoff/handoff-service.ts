import { z } from 'zod';
import { LocalBus, type EventBus } from '../core/event-bus';
import type { Logger } from '../core/logger';
import type { RecordLog } from '../core/record-log';
import { render } from '../engine/templates';
import { sanitizeAgentName } from './agent-name';
import { sanitizeAgentText } from './agent-text';
import { refusal, type HandoffLimits, type Refusal } from './handoff-admission';
import { AgentSchema, type Agent, type HandoffQueue, type HandoffRecord, type HandoffRequest } from './handoff-queue';
import { isOpen, type SupportHours } from './support-hours';
import type { Line } from './transcript-line';
import { WaitEstimator } from './wait-estimator';

/** What the customer is sent, by whatever channel they are on. */
export type Delivery =
  | { kind: 'say'; text: string }
  /** An agent's message (`text` as the customer sees it, `said` as the agent wrote it): marked, so transcripts show who wrote it. */
  | { kind: 'agent-says'; text: string; said: string; agent: Agent }
  | { kind: 'typing' }
  /** Say `text`, then start one of the handoff's flows (the survey, leaving a message). */
  | { kind: 'flow'; text: string; flow: string };

/** Reaches a customer outside their own turn (the edge runs a proactive turn on their channel). */
export interface CustomerLine {
  deliver(record: HandoffRecord, deliveries: Delivery[]): Promise<void>;
}

/** What agents' consoles hear. `agentId` null: every agent. */
export type AgentEvent =
  | { type: 'queue-changed' }
  | { type: 'message'; id: string; line: Line }
  | { type: 'typing'; id: string }
  | { type: 'assigned'; record: HandoffRecord }
  | { type: 'ended'; id: string; by: 'customer' | 'agent' | 'transfer' };
export type AgentListener = (agentId: string | null, event: AgentEvent) => void;

export const AuditEntrySchema = z.object({
  at: z.string(),
  action: z.enum(['filed', 'accepted', 'ended', 'transferred', 'cancelled', 'timed-out', 'external-filed', 'external-accepted', 'external-failed', 'external-completed']),
  handoff: z.string(),
  conversationId: z.string(),
  channel: z.string(),
  agent: AgentSchema.nullable(),
  /** Transfers: the agent it went to, or null for back to the queue. */
  to: AgentSchema.nullable().optional(),
  by: z.enum(['customer', 'agent', 'system', 'contact-centre']),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The wording, from dialogs/global.json. */
export interface HandoffWording {
  position: string;
  joined: string;
  agentSays: string;
  ended: string;
  requeued: string;
  transferred: string;
  timedOut: string;
  externalFailed: string;
  externalCompleted: string;
}

export interface HandoffFlows {
  survey: string;
  message: string;
}

export type Ticket =
  | { status: 'queued'; position: number; waitMinutes: number }
  | { status: 'closed' }
  | { status: 'external' }
  | Refusal;

export type AgentResult = { ok: true; record: HandoffRecord } | { ok: false; status: 'gone' | 'forbidden' | 'taken' };

export interface HandoffServiceOptions {
  queue: HandoffQueue;
  line: CustomerLine;
  audit: RecordLog<AuditEntry>;
  wording: HandoffWording;
  flows: HandoffFlows;
  mode: 'internal' | 'external';
  hours: SupportHours;
  timeoutMs: number;
  log: Logger;
  /** Where agents' events travel: in process, or between instances. */
  bus?: EventBus;
  /** Per-client limits and the queue cap; unset, every request is filed. */
  limits?: HandoffLimits;
  now?: () => number;
}

const AGENT_EVENTS = 'giftbot:agent-events';
type Envelope = { agentId: string | null; event: AgentEvent };

/**
 * The handoff loop, channel-neutral: files requests (or says support is closed), relays between a
 * customer and the agent who accepted them, tells waiting customers their place, times requests
 * out, and audits every change of hands. Pure logic: customers are reached through a CustomerLine,
 * agents through listeners; storage is the HandoffQueue.
 */
export class HandoffService {
  private readonly bus: EventBus;
  private readonly estimator = new WaitEstimator();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: HandoffServiceOptions) {
    this.now = options.now ?? Date.now;
    this.bus = options.bus ?? new LocalBus((err) => this.fail('handoff-listener-failed', err));
  }

  get mode(): 'internal' | 'external' {
    return this.options.mode;
  }

  /** Starts timing waiting requests out; stop() ends it. */
  start(): void {
    const every = Math.min(5000, Math.max(250, this.options.timeoutMs / 4));
    this.timer = setInterval(() => void this.sweep().catch((err: unknown) => this.fail('handoff-sweep-failed', err)), every);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  subscribe(listener: AgentListener): () => void {
    return this.bus.subscribe(AGENT_EVENTS, (message) => {
      const { agentId, event } = message as Envelope;
      listener(agentId, event);
    });
  }

  // --- the customer's side (called inside the customer's own turn) -----------------------------

  async request(request: HandoffRequest): Promise<Ticket> {
    const { queue, mode, hours } = this.options;
    const at = this.now();
    // A conversation's turns run one at a time, so nothing can file for it between these two calls.
    const existing = await queue.openFor(request.channel, request.conversationId);
    if (mode === 'external') {
      const refused = existing ? undefined : await refusal(this.options.limits, queue, request, false);
      if (refused) return refused;
      if (!existing) await this.audit('external-filed', await queue.file(request, 'external', at), null, 'customer');
      return { status: 'external' };
    }
    if (!existing && !isOpen(hours, new Date(at))) return { status: 'closed' };
    const refused = existing ? undefined : await refusal(this.options.limits, queue, request, true);
    if (refused) return refused;
    const filed = existing ?? (await queue.file(request, 'waiting', at));
    if (!existing) await this.audit('filed', filed, null, 'customer');
    const position = await this.positionOf(filed.id);
    await queue.transition(filed.id, ['waiting'], { toldPosition: position });
    this.emit(null, { type: 'queue-changed' });
    return { status: 'queued', position, waitMinutes: this.estimator.minutesFor(position) };
  }

  /** The open request of a conversation: a channel and an id (the same id on another channel is someone else). */
  openFor(channel: string, conversationId: string): Promise<HandoffRecord | undefined> {
    return this.options.queue.openFor(channel, conversationId);
  }

  /** A customer's message while their request is open; the agent who has it sees it live. */
  customerSaid(record: HandoffRecord, text: string, name: string): void {
    if (record.state !== 'active' || !record.agent) return;
    this.emit(record.agent.id, { type: 'message', id: record.id, line: { at: new Date(this.now()).toISOString(), from: 'customer', name, text } });
  }

  customerTyping(record: HandoffRecord): void {
    if (record.state === 'active' && record.agent) this.emit(record.agent.id, { type: 'typing', id: record.id });
  }

  /** "cancel": leaves the queue, or the chat with the agent. Undefined if it had already closed. */
  async customerLeft(record: HandoffRecord): Promise<HandoffRecord | undefined> {
    const at = this.now();
    const closed = await this.options.queue.transition(record.id, [record.state], { state: record.state === 'waiting' ? 'cancelled' : 'ended', closedAt: at });
    if (!closed) return undefined;
    await this.audit(record.state === 'waiting' ? 'cancelled' : 'ended', closed, closed.agent, 'customer');
    if (record.state === 'waiting') this.queueChanged();
    if (record.agent) this.emit(record.agent.id, { type: 'ended', id: record.id, by: 'customer' });
    return closed;
  }

  /** A contact centre's handoff.status (external mode): what the customer should be sent now. */
  async externalStatus(record: HandoffRecord, state: 'accepted' | 'failed' | 'completed'): Promise<Delivery[]> {
    const { queue, wording, flows } = this.options;
    switch (state) {
      case 'accepted':
        await this.audit('external-accepted', record, null, 'contact-centre');
        return [];
      case 'failed':
      case 'completed': {
        const closed = await queue.transition(record.id, ['external'], { state: 'ended', closedAt: this.now() });
        if (!closed) return [];
        await this.audit(state === 'failed' ? 'external-failed' : 'external-completed', closed, null, 'contact-centre');
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

  // --- the agent's side ------------------------------------------------------------------------

  waiting(): Promise<HandoffRecord[]> {
    return this.options.queue.waiting();
  }

  assignedTo(agent: Agent): Promise<HandoffRecord[]> {
    return this.options.queue.assignedTo(agent.id);
  }

  /** Exactly one of several agents accepting at once gets it; the others hear "taken". */
  async accept(agent: Agent, id: string): Promise<AgentResult> {
    const at = this.now();
    const record = await this.options.queue.transition(id, ['waiting'], { state: 'active', agent, acceptedAt: at });
    if (!record) {
      const current = await this.options.queue.get(id);
      return { ok: false, status: current?.state === 'active' ? 'taken' : 'gone' };
    }
    this.estimator.record(at - record.waitingSince);
    await this.audit('accepted', record, agent, 'agent');
    this.queueChanged();
    await this.tell(record, [{ kind: 'say', text: this.words(this.options.wording.joined, { agent }) }]);
    return { ok: true, record };
  }

  /** The agent's own active conversation, or why not. */
  async owned(agent: Agent, id: string): Promise<AgentResult> {
    const record = await this.options.queue.get(id);
    if (!record || record.state !== 'active') return { ok: false, status: 'gone' };
    return record.agent?.id === agent.id ? { ok: true, record } : { ok: false, status: 'forbidden' };
  }

  /** Sends the agent's message (sanitised) and returns the line as the customer got it. */
  async agentSays(agent: Agent, id: string, text: string): Promise<{ ok: true; line: Line } | { ok: false; status: 'gone' | 'forbidden' | 'empty' | 'undelivered' }> {
    const owned = await this.owned(agent, id);
    if (!owned.ok) return { ok: false, status: owned.status === 'taken' ? 'forbidden' : owned.status };
    const clean = sanitizeAgentText(text);
    if (!clean) return { ok: false, status: 'empty' };
    try {
      await this.options.line.deliver(owned.record, [{ kind: 'agent-says', text: this.words(this.options.wording.agentSays, { agent, text: clean }), said: clean, agent }]);
    } catch (err) {
      this.fail('handoff-delivery-failed', err, { handoff: id, conversation: owned.record.conversationId });
      return { ok: false, status: 'undelivered' };
    }
    return { ok: true, line: { at: new Date(this.now()).toISOString(), from: 'agent', name: agent.name, text: clean } };
  }

  async agentTyping(agent: Agent, id: string): Promise<AgentResult> {
    const owned = await this.owned(agent, id);
    if (owned.ok) await this.tell(owned.record, [{ kind: 'typing' }]);
    return owned;
  }

  /** Ends the chat: the customer is thanked, asked for a rating, and back with the bot. */
  async end(agent: Agent, id: string): Promise<AgentResult> {
    const owned = await this.owned(agent, id);
    if (!owned.ok) return owned;
    const closed = await this.options.queue.transition(id, ['active'], { state: 'ended', closedAt: this.now() });
    if (!closed) return { ok: false, status: 'gone' };
    await this.audit('ended', closed, agent, 'agent');
    this.emit(agent.id, { type: 'ended', id, by: 'agent' });
    await this.tell(closed, [{ kind: 'flow', text: this.words(this.options.wording.ended, { agent }), flow: this.options.flows.survey }]);
    return { ok: true, record: closed };
  }

  /** To another agent, or (`to` null) back to the queue in its old place. */
  async transfer(agent: Agent, id: string, to: Agent | null): Promise<AgentResult> {
    const owned = await this.owned(agent, id);
    if (!owned.ok) return owned;
    const at = this.now();
    const change = to ? { agent: to, acceptedAt: at } : { state: 'waiting' as const, agent: null, waitingSince: at, toldPosition: null };
    const moved = await this.options.queue.transition(id, ['active'], change);
    if (!moved) return { ok: false, status: 'gone' };
    await this.options.audit.append({ ...this.auditFields('transferred', moved, agent, 'agent'), to });
    this.emit(agent.id, { type: 'ended', id, by: 'transfer' });
    if (to) {
      this.emit(to.id, { type: 'assigned', record: moved });
      await this.tell(moved, [{ kind: 'say', text: this.words(this.options.wording.transferred, { agent, to }) }]);
    } else {
      const position = await this.positionOf(id);
      await this.options.queue.transition(id, ['waiting'], { toldPosition: position });
      this.queueChanged();
      await this.tell(moved, [{ kind: 'say', text: this.words(this.options.wording.requeued, { agent, position }) }]);
    }
    return { ok: true, record: moved };
  }

  // --- time ------------------------------------------------------------------------------------

  /** Requests nobody accepted in time: the customer may leave a message instead. */
  async sweep(): Promise<number> {
    const at = this.now();
    let count = 0;
    for (const record of await this.options.queue.waiting()) {
      if (at - record.waitingSince < this.options.timeoutMs) continue;
      const closed = await this.options.queue.transition(record.id, ['waiting'], { state: 'timed-out', closedAt: at });
      if (!closed) continue;
      count++;
      await this.audit('timed-out', closed, null, 'system');
      await this.tell(closed, [{ kind: 'flow', text: this.options.wording.timedOut, flow: this.options.flows.message }]);
    }
    if (count > 0) this.queueChanged();
    return count;
  }

  estimateMinutes(position: number): number {
    return this.estimator.minutesFor(position);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private async positionOf(id: string): Promise<number> {
    return (await this.options.queue.waiting()).findIndex((r) => r.id === id) + 1;
  }

  /** Agents see the new queue; customers whose place moved are told (never awaited by a turn). */
  private queueChanged(): void {
    this.emit(null, { type: 'queue-changed' });
    void this.tellPositions().catch((err: unknown) => this.fail('handoff-positions-failed', err));
  }

  private async tellPositions(): Promise<void> {
    const waiting = await this.options.queue.waiting();
    for (const [index, record] of waiting.entries()) {
      const position = index + 1;
      if (record.toldPosition === position) continue;
      // Kept with the request, so any instance knows what was said (two seeing one change at once may both say it).
      if (!(await this.options.queue.transition(record.id, ['waiting'], { toldPosition: position }))) continue;
      const text = this.words(this.options.wording.position, { position });
      await this.tell(record, [{ kind: 'say', text }]);
    }
  }

  /** Delivers to the customer; a channel that can't be reached is logged, not thrown at the agent. */
  private async tell(record: HandoffRecord, deliveries: Delivery[]): Promise<void> {
    try {
      await this.options.line.deliver(record, deliveries);
    } catch (err) {
      this.fail('handoff-delivery-failed', err, { handoff: record.id, conversation: record.conversationId });
    }
  }

  private words(template: string, values: { agent?: Agent; to?: Agent; text?: string; position?: number }): string {
    const position = values.position;
    return render(template, {
      // Names are sanitised at sign-in; again here for requests stored before that (issue 12).
      'agent.name': values.agent && sanitizeAgentName(values.agent.name),
      'agent.text': values.text,
      'handoff.to': values.to && sanitizeAgentName(values.to.name),
      'handoff.position': position,
      'handoff.wait': position === undefined ? undefined : minutes(this.estimator.minutesFor(position)),
    });
  }

  private emit(agentId: string | null, event: AgentEvent): void {
    this.bus.publish(AGENT_EVENTS, { agentId, event } satisfies Envelope);
  }

  private audit(action: AuditEntry['action'], record: HandoffRecord, agent: Agent | null, by: AuditEntry['by']): Promise<void> {
    return this.options.audit.append(this.auditFields(action, record, agent, by));
  }

  private auditFields(action: AuditEntry['action'], record: HandoffRecord, agent: Agent | null, by: AuditEntry['by']): AuditEntry {
    return { at: new Date(this.now()).toISOString(), action, handoff: record.id, conversationId: record.conversationId, channel: record.channel, agent, by };
  }

  private fail(event: string, err: unknown, fields: Record<string, unknown> = {}): void {
    this.options.log.error(event, { ...fields, reason: err instanceof Error ? err.message : String(err) });
  }
}

/** "1 minute", "4 minutes". */
export function minutes(count: number): string {
  return count === 1 ? '1 minute' : `${count} minutes`;
}
