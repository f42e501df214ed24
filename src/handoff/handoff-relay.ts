import { LocalBus, type EventBus } from '../core/event-bus';
import type { Logger } from '../core/logger';
import type { RecordLog } from '../core/record-log';
import { render } from '../text/templates';
import type { AgentEvent, AgentListener } from './agent-events';
import { sanitizeAgentName } from './agent-name';
import type { CustomerLine, Delivery } from './customer-line';
import type { HandoffLimits } from './handoff-admission';
import type { AuditEntry, AuditLogEntry } from './handoff-audit';
import type { RoutingOptions } from './agent-presence';
import type { Agent, HandoffQueue, HandoffRecord } from './handoff-queue';
import type { SupportHours } from './support-hours';
import { WaitEstimator } from './wait-estimator';

/** The wording, from dialogs/global.json. */
export interface HandoffWording {
  position: string;
  joined: string;
  agentSays: string;
  ended: string;
  requeued: string;
  transferred: string;
  timedOut: string;
  /** Said at filing when no agent is available (ROUTING=auto); the time-out then comes sooner. */
  nobodyFree: string;
  externalFailed: string;
  externalCompleted: string;
}

export interface HandoffFlows {
  survey: string;
  message: string;
}

export interface HandoffServiceOptions {
  queue: HandoffQueue;
  line: CustomerLine;
  /** Changes of hands go here (agents' status changes too, through AuditedPresence). */
  audit: RecordLog<AuditLogEntry>;
  wording: HandoffWording;
  flows: HandoffFlows;
  mode: 'internal' | 'external';
  hours: SupportHours;
  timeoutMs: number;
  log: Logger;
  /** Where agents' events travel: in process, or between instances. */
  bus?: EventBus;
  /** ROUTING, AGENT_CAPACITY and agents' statuses; unset, agents Accept by hand with no cap. */
  routing?: RoutingOptions;
  /** Per-client limits and the queue cap; unset, every request is filed. */
  limits?: HandoffLimits;
  now?: () => number;
}

const AGENT_EVENTS = 'giftbot:agent-events';
type Envelope = { agentId: string | null; event: AgentEvent };

/**
 * What both sides of a handoff share: the clock, the wait estimate, telling customers (and their
 * place in the queue), telling agents (the event bus), the wording, the audit log and the error log.
 */
export class HandoffRelay {
  readonly now: () => number;
  readonly estimator = new WaitEstimator();
  private readonly bus: EventBus;

  constructor(readonly options: HandoffServiceOptions) {
    this.now = options.now ?? Date.now;
    this.bus = options.bus ?? new LocalBus((err) => this.fail('handoff-listener-failed', err));
  }

  subscribe(listener: AgentListener): () => void {
    return this.bus.subscribe(AGENT_EVENTS, (message) => {
      const { agentId, event } = message as Envelope;
      listener(agentId, event);
    });
  }

  emit(agentId: string | null, event: AgentEvent): void {
    this.bus.publish(AGENT_EVENTS, { agentId, event } satisfies Envelope);
  }

  async positionOf(id: string): Promise<number> {
    return (await this.options.queue.waiting()).findIndex((r) => r.id === id) + 1;
  }

  /** Agents see the new queue; customers whose place moved are told (never awaited by a turn). */
  queueChanged(): void {
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
  async tell(record: HandoffRecord, deliveries: Delivery[]): Promise<void> {
    try {
      await this.options.line.deliver(record, deliveries);
    } catch (err) {
      this.fail('handoff-delivery-failed', err, { handoff: record.id, conversation: record.conversationId });
    }
  }

  words(template: string, values: { agent?: Agent; to?: Agent; text?: string; position?: number }): string {
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

  audit(action: AuditEntry['action'], record: HandoffRecord, agent: Agent | null, by: AuditEntry['by']): Promise<void> {
    return this.options.audit.append(this.auditFields(action, record, agent, by));
  }

  auditFields(action: AuditEntry['action'], record: HandoffRecord, agent: Agent | null, by: AuditEntry['by']): AuditEntry {
    return { at: new Date(this.now()).toISOString(), action, handoff: record.id, conversationId: record.conversationId, channel: record.channel, agent, by };
  }

  fail(event: string, err: unknown, fields: Record<string, unknown> = {}): void {
    this.options.log.error(event, { ...fields, reason: err instanceof Error ? err.message : String(err) });
  }
}

/** "1 minute", "4 minutes". */
export function minutes(count: number): string {
  return count === 1 ? '1 minute' : `${count} minutes`;
}
