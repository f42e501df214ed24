import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { silentLogger } from '../../../src/core/logger';
import { MemoryLog } from '../../../src/core/record-log';
import { GlobalFileSchema } from '../../../src/engine/flow-schema';
import { StoragePresence } from '../../../src/handoff/agent-presence';
import { InMemoryHandoffQueue } from '../../../src/handoff/handoff-queue';
import { HandoffService, type AuditEntry, type Delivery } from '../../../src/handoff/handoff-service';
import { pickAgent, type Candidate } from '../../../src/handoff/routing-pick';
import { requestFor } from '../../helpers/handoff';
import { ROOT } from '../../helpers/paths';

const global = GlobalFileSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'dialogs', 'global.json'), 'utf8')));
const ana = { id: 'token:Ana', name: 'Ana' };
const bo = { id: 'token:Bo', name: 'Bo' };
const cy = { id: 'token:Cy', name: 'Cy' };

const candidate = (agent: Candidate['agent'], load: number, idleSince: number, status: Candidate['status'] = 'available'): Candidate => ({ agent, status, load, idleSince });

describe('the pick rule', () => {
  test('when agents have different loads, then the one with the fewest chats gets it', () => {
    expect(pickAgent([candidate(ana, 2, 0), candidate(bo, 1, 50), candidate(cy, 2, 0)], 3)?.agent).toEqual(bo);
  });

  test('when loads tie, then the one idle longest gets it, and on a full tie the lower id (so every instance agrees)', () => {
    expect(pickAgent([candidate(ana, 1, 500), candidate(bo, 1, 100)], 3)?.agent).toEqual(bo);
    expect(pickAgent([candidate(bo, 1, 100), candidate(ana, 1, 100)], 3)?.agent).toEqual(ana);
  });

  test('when an agent is away or offline, then they never get one, even with no chats', () => {
    expect(pickAgent([candidate(ana, 0, 0, 'away'), candidate(bo, 0, 0, 'offline'), candidate(cy, 2, 900)], 3)?.agent).toEqual(cy);
    expect(pickAgent([candidate(ana, 0, 0, 'away'), candidate(bo, 0, 0, 'offline')], 3)).toBeUndefined();
  });

  test('when every available agent is at capacity, then nobody is picked', () => {
    expect(pickAgent([candidate(ana, 2, 0), candidate(bo, 3, 0)], 2)).toBeUndefined();
    expect(pickAgent([candidate(ana, 2, 0), candidate(bo, 1, 0)], 2)?.agent).toEqual(bo);
  });
});

function rig(mode: 'auto' | 'manual' = 'auto', capacity = 2, nobodyTimeoutMs = 60_000) {
  const queue = new InMemoryHandoffQueue();
  const audit = new MemoryLog<AuditEntry>();
  const delivered = new Map<string, Delivery[]>();
  const clock = { now: Date.UTC(2026, 10, 25, 12) };
  const service = new HandoffService({
    queue,
    audit,
    line: { deliver: async (record, deliveries) => void delivered.set(record.conversationId, [...(delivered.get(record.conversationId) ?? []), ...deliveries]) },
    wording: global.handoff,
    flows: global.handoff.flows,
    mode: 'internal',
    hours: { windows: null, timeZone: 'UTC', text: 'always' },
    timeoutMs: 600_000,
    log: silentLogger,
    now: () => clock.now,
    routing: { mode, capacity, presence: new StoragePresence(new MemoryStorage()), nobodyTimeoutMs },
  });
  return { service, queue, audit, delivered, clock };
}

/** Waits until `check` holds (routing runs on events, not inside the call that caused them). */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('routing did not settle');
}

describe('auto-assignment in the service', () => {
  test('when requests are filed with two available agents and one away, then the longest-waiting go first to the least loaded, up to capacity, none to the away agent, each audited as accepted by the system', async () => {
    const { service, queue, audit, delivered, clock } = rig('auto', 2);
    service.start();
    try {
      await service.setStatus(ana, 'available');
      clock.now += 1;
      await service.setStatus(bo, 'available');
      await service.setStatus(cy, 'away');
      for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) {
        clock.now += 1000;
        await service.request(requestFor(id));
      }
      await until(async () => (await queue.waiting()).length === 1);
      const loads = Object.fromEntries(await Promise.all([ana, bo, cy].map(async (a) => [a.name, (await queue.assignedTo(a.id)).map((r) => r.conversationId)])));
      // Ana has been available longest, so she takes c1; then Bo (fewer chats); alternating.
      expect(loads).toEqual({ Ana: ['c1', 'c3'], Bo: ['c2', 'c4'], Cy: [] });
      expect((await queue.waiting()).map((r) => r.conversationId)).toEqual(['c5']);
      const accepted = (await audit.read()).filter((e) => e.action === 'accepted');
      expect(accepted.map((e) => [e.conversationId, e.agent?.id, e.by])).toEqual([
        ['c1', ana.id, 'system'],
        ['c2', bo.id, 'system'],
        ['c3', ana.id, 'system'],
        ['c4', bo.id, 'system'],
      ]);
      expect(delivered.get('c1')?.some((d) => d.kind === 'say' && d.text.includes('Ana'))).toBe(true);

      const c5 = (await queue.waiting())[0]!;

      // Bo ends a chat: his free place goes to c5 at once.
      await service.end(bo, (await queue.assignedTo(bo.id))[0]!.id);
      await until(async () => (await queue.get(c5.id))?.state === 'active');
      expect((await queue.get(c5.id))?.agent).toEqual(bo);
    } finally {
      service.stop();
    }
  });

  test('when an away agent becomes available, then the waiting request goes to them', async () => {
    const { service, queue } = rig('auto', 3);
    service.start();
    try {
      await service.setStatus(ana, 'away');
      await service.request(requestFor('c1'));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect((await queue.waiting()).map((r) => r.conversationId)).toEqual(['c1']);
      await service.setStatus(ana, 'available');
      await until(async () => (await queue.assignedTo(ana.id)).length === 1);
    } finally {
      service.stop();
    }
  });

  test('when ROUTING is manual, then nothing is assigned, and an agent may Accept past capacity by choice', async () => {
    const { service, queue } = rig('manual', 1);
    service.start();
    try {
      await service.setStatus(ana, 'available');
      await service.request(requestFor('c1'));
      await service.request(requestFor('c2'));
      await new Promise((resolve) => setTimeout(resolve, 30));
      const [c1, c2] = await queue.waiting();
      expect(c2).toBeDefined();
      expect((await service.accept(ana, c1!.id)).ok).toBe(true);
      expect((await service.accept(ana, c2!.id)).ok).toBe(true);
      expect(await queue.assignedTo(ana.id)).toHaveLength(2);
    } finally {
      service.stop();
    }
  });

  test('when nobody is available and support is open, then the customer hears it when filing and is offered to leave a message after the shorter time-out', async () => {
    const { service, queue, delivered, clock } = rig('auto', 2, 30_000);
    // Nobody has set a status yet: the team may Accept by hand, so nobody is called absent.
    expect(await service.request(requestFor('c0'))).not.toHaveProperty('notice');
    await service.setStatus(ana, 'away');
    const ticket = await service.request(requestFor('c1'));
    expect(ticket).toMatchObject({ status: 'queued', notice: global.handoff.nobodyFree });
    clock.now += 29_000;
    expect(await service.sweep()).toBe(0);
    clock.now += 1_000;
    // Both time out at 30 s instead of the 600 s HANDOFF_TIMEOUT, and are offered the message flow.
    expect(await service.sweep()).toBe(2);
    expect(await queue.waiting()).toEqual([]);
    expect(delivered.get('c1')).toContainEqual({ kind: 'flow', text: global.handoff.timedOut, flow: global.handoff.flows.message });
  });

  test('when an agent is available, then filing says nothing extra and the usual time-out holds', async () => {
    const { service, clock } = rig('auto', 1, 30_000);
    await service.setStatus(ana, 'available');
    await service.request(requestFor('c1'));
    const second = await service.request(requestFor('c2'));
    // Ana is full after c1 would be routed, but she is there: no notice, and no early time-out.
    expect(second).not.toHaveProperty('notice');
    clock.now += 31_000;
    expect(await service.sweep()).toBe(0);
  });
});
