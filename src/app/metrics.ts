import { performance } from 'node:perf_hooks';
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AuditEntrySchema } from '../handoff/handoff-service';
import { LIMIT_KINDS } from '../limits/client-limits';

/**
 * Every label value comes from a closed set: a value built from request data (an invented
 * channelId) becomes "other", so clients can't grow /metrics one series at a time.
 */
const CHANNELS = new Set(['directline', 'webchat', 'msteams', 'slack', 'emulator', 'test']);
const DECISIONS = new Set(['answer', 'clarify', 'abstain']);
const ACTIONS = new Set<string>(AuditEntrySchema.shape.action.options);
const LIMITS = new Set<string>(LIMIT_KINDS);

function closed(allowed: ReadonlySet<string>, value: string | undefined): string {
  return value !== undefined && allowed.has(value) ? value : 'other';
}

/**
 * What operators watch, in Prometheus text format at GET /metrics: turns and their latency by
 * channel, knowledge look-ups by decision (answer, clarify, abstain), handoff events by action, the
 * queue's length, and the process's own figures (memory, event-loop lag, GC). One registry per
 * server, so tests can run several servers in one process.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({ name: 'giftbot_turns_total', help: 'Message turns handled', labelNames: ['channel'], registers: [this.registry] });
  private readonly turnSeconds = new Histogram({
    name: 'giftbot_turn_seconds',
    help: 'Time to handle a message turn, replies included',
    labelNames: ['channel'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly matches = new Counter({ name: 'giftbot_matches_total', help: 'Knowledge look-ups by decision', labelNames: ['decision'], registers: [this.registry] });
  private readonly handoffs = new Counter({ name: 'giftbot_handoff_events_total', help: 'Handoff events by action (filed, accepted, ended, …)', labelNames: ['action'], registers: [this.registry] });
  private readonly refusals = new Counter({ name: 'giftbot_rate_limited_total', help: 'Requests refused by a per-client limit, by limit', labelNames: ['limit'], registers: [this.registry] });

  private queueLength: () => Promise<number> = async () => 0;

  constructor() {
    // Read at each scrape, so a queue attached later is the one counted; the gauge's own `this` is below.
    const queueLength = () => this.queueLength();
    new Gauge({
      name: 'giftbot_handoff_queue_length',
      help: 'Requests waiting for an agent',
      registers: [this.registry],
      async collect() {
        this.set(await queueLength());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'giftbot_' });
  }

  /** How to count the requests waiting (read when /metrics is scraped). */
  measureQueue(queueLength: () => Promise<number>): void {
    this.queueLength = queueLength;
  }

  match(decision: string): void {
    this.matches.inc({ decision: closed(DECISIONS, decision) });
  }

  handoff(action: string): void {
    this.handoffs.inc({ action: closed(ACTIONS, action) });
  }

  /** A request refused by a per-client limit (RATE_LIMIT_*). */
  limited(limit: string): void {
    this.refusals.inc({ limit: closed(LIMITS, limit) });
  }

  /** Times every message turn that passes through it. */
  middleware(): Middleware {
    return {
      onTurn: async (context: TurnContext, next: () => Promise<void>) => {
        if (context.activity.type !== ActivityTypes.Message) return next();
        const started = performance.now();
        try {
          await next();
        } finally {
          const channel = closed(CHANNELS, context.activity.channelId);
          this.turns.inc({ channel });
          this.turnSeconds.observe({ channel }, (performance.now() - started) / 1000);
        }
      },
    };
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
