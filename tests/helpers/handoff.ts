import { readFileSync } from 'node:fs';
import path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import { MemoryLog } from '../../src/core/record-log';
import { GlobalFileSchema } from '../../src/engine/flow-schema';
import { InMemoryHandoffQueue, type HandoffRecord, type HandoffRequest } from '../../src/handoff/handoff-queue';
import { HandoffService, type AuditEntry, type Delivery, type HandoffServiceOptions } from '../../src/handoff/handoff-service';
import { ROOT } from './paths';

const global = GlobalFileSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'dialogs', 'global.json'), 'utf8')));

export interface ServiceRig {
  service: HandoffService;
  queue: InMemoryHandoffQueue;
  audit: MemoryLog<AuditEntry>;
  /** Everything delivered to customers, by conversation. */
  delivered: Map<string, Delivery[]>;
  clock: { now: number };
}

/** The real service over the in-memory queue, with a line that records what customers are sent. */
export function serviceRig(options: Partial<Pick<HandoffServiceOptions, 'mode' | 'hours' | 'timeoutMs'>> = {}): ServiceRig {
  const queue = new InMemoryHandoffQueue();
  const audit = new MemoryLog<AuditEntry>();
  const delivered = new Map<string, Delivery[]>();
  const clock = { now: Date.UTC(2026, 10, 25, 12) };
  const service = new HandoffService({
    queue,
    audit,
    line: {
      async deliver(record: HandoffRecord, deliveries: Delivery[]) {
        delivered.set(record.conversationId, [...(delivered.get(record.conversationId) ?? []), ...deliveries]);
      },
    },
    wording: global.handoff,
    flows: global.handoff.flows,
    mode: options.mode ?? 'internal',
    hours: options.hours ?? { windows: null, timeZone: 'UTC', text: 'always' },
    timeoutMs: options.timeoutMs ?? 60_000,
    log: silentLogger,
    now: () => clock.now,
  });
  return { service, queue, audit, delivered, clock };
}

export function requestFor(conversationId: string, extra: Partial<HandoffRequest> = {}): HandoffRequest {
  return { conversationId, channel: 'test', reference: { conversation: { id: conversationId } }, summary: `help ${conversationId}`, brand: null, amount: null, tried: [], ...extra };
}
