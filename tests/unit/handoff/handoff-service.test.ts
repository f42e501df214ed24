import { readFileSync } from 'node:fs';
import path from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { MemoryLog } from '../../../src/core/record-log';
import { GlobalFileSchema } from '../../../src/engine/flow-schema';
import { InMemoryHandoffQueue, type Agent } from '../../../src/handoff/handoff-queue';
import { HandoffService, type AgentEvent, type AuditEntry, type Delivery } from '../../../src/handoff/handoff-service';
import { parseSupportHours } from '../../../src/handoff/support-hours';
import { requestFor, serviceRig, type ServiceRig } from '../../helpers/handoff';
import { ROOT } from '../../helpers/paths';

const global = GlobalFileSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'dialogs', 'global.json'), 'utf8')));

const alice: Agent = { id: 'token:Alice', name: 'Alice' };
const bob: Agent = { id: 'token:Bob', name: 'Bob' };
const MINUTE = 60_000;

/** Every event agents' consoles heard, with the agent it was for (null: everyone). */
function listen(rig: ServiceRig): Array<[string | null, AgentEvent]> {
  const events: Array<[string | null, AgentEvent]> = [];
  rig.service.subscribe((agentId, event) => events.push([agentId, event]));
  return events;
}

/** Lets fire-and-forget work (telling waiting customers their place) run to the end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Waits, a bounded number of event-loop turns, until `check` holds; fails if it never does. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(check()).toBe(true);
}

const deliveredTo = (rig: ServiceRig, conversationId: string): Delivery[] => rig.delivered.get(conversationId) ?? [];
const textsTo = (rig: ServiceRig, conversationId: string): string[] => deliveredTo(rig, conversationId).map((d) => ('text' in d ? d.text : `<${d.kind}>`));
const actions = (rig: ServiceRig): Array<AuditEntry['action']> => rig.audit.entries.map((e) => e.action);

async function fileAndAccept(rig: ServiceRig, conversationId: string, agent: Agent = alice): Promise<string> {
  await rig.service.request(requestFor(conversationId));
  const record = await rig.service.openFor('test', conversationId);
  const accepted = await rig.service.accept(agent, record!.id);
  expect(accepted.ok).toBe(true);
  await settle();
  return record!.id;
}

describe('HandoffService: requests', () => {
  test('when two customers ask for a person, then they are queued 1 and 2 with the default estimate, audited and announced to agents', async () => {
    const rig = serviceRig();
    const events = listen(rig);

    const first = await rig.service.request(requestFor('a'));
    const second = await rig.service.request(requestFor('b'));

    // Nobody has been accepted yet: two minutes a person.
    expect(first).toEqual({ status: 'queued', position: 1, waitMinutes: 2 });
    expect(second).toEqual({ status: 'queued', position: 2, waitMinutes: 4 });
    expect((await rig.service.waiting()).map((r) => r.conversationId)).toEqual(['a', 'b']);
    expect(rig.audit.entries).toEqual([
      expect.objectContaining({ action: 'filed', conversationId: 'a', channel: 'test', agent: null, by: 'customer', at: new Date(rig.clock.now).toISOString() }),
      expect.objectContaining({ action: 'filed', conversationId: 'b', agent: null, by: 'customer' }),
    ]);
    expect(events.filter(([to, e]) => to === null && e.type === 'queue-changed')).toHaveLength(2);
  });

  test('when a waiting customer asks again later, then they keep their request and place and it is audited once', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    await rig.service.request(requestFor('b'));
    rig.clock.now += MINUTE;

    expect(await rig.service.request(requestFor('a'))).toMatchObject({ status: 'queued', position: 1 });
    expect(await rig.service.waiting()).toHaveLength(2);
    expect(actions(rig)).toEqual(['filed', 'filed']);
  });

  test('when the handoff is external, then the request is filed as external and audited as such', async () => {
    const rig = serviceRig({ mode: 'external' });

    expect(await rig.service.request(requestFor('a'))).toEqual({ status: 'external' });
    expect((await rig.service.openFor('test', 'a'))?.state).toBe('external');
    expect(await rig.service.waiting()).toEqual([]);
    expect(rig.audit.entries).toEqual([expect.objectContaining({ action: 'external-filed', conversationId: 'a', by: 'customer' })]);
  });

  test('when support is closed at the time, then the customer hears "closed" and nothing is filed', async () => {
    const rig = serviceRig({ hours: { windows: parseSupportHours('Mon 09:00-10:00'), timeZone: 'UTC', text: 'Mon 09:00-10:00' } });
    const events = listen(rig);
    rig.clock.now = Date.UTC(2026, 10, 24, 9, 30); // a Tuesday

    expect(await rig.service.request(requestFor('a'))).toEqual({ status: 'closed' });
    expect(await rig.service.openFor('test', 'a')).toBeUndefined();
    expect(await rig.service.waiting()).toEqual([]);
    expect(rig.audit.entries).toEqual([]);
    expect(events).toEqual([]);
  });

  test('when support is open at the time, then the same hours queue the request', async () => {
    const rig = serviceRig({ hours: { windows: parseSupportHours('Mon 09:00-10:00'), timeZone: 'UTC', text: 'Mon 09:00-10:00' } });
    rig.clock.now = Date.UTC(2026, 10, 23, 9, 30); // a Monday

    expect(await rig.service.request(requestFor('a'))).toMatchObject({ status: 'queued', position: 1 });
  });
});

describe('HandoffService: accepting', () => {
  test('when two agents accept the same request, then the first wins and the second hears "taken"', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    const { id } = (await rig.service.openFor('test', 'a'))!;

    const first = await rig.service.accept(alice, id);
    const second = await rig.service.accept(bob, id);

    expect(first).toMatchObject({ ok: true, record: { id, state: 'active', agent: alice, acceptedAt: rig.clock.now } });
    expect(second).toEqual({ ok: false, status: 'taken' });
    expect((await rig.service.assignedTo(alice)).map((r) => r.id)).toEqual([id]);
    expect(await rig.service.assignedTo(bob)).toEqual([]);
  });

  test('when an agent accepts a request the customer cancelled, or one that never existed, then it is "gone"', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    const record = (await rig.service.openFor('test', 'a'))!;
    await rig.service.customerLeft(record);

    expect(await rig.service.accept(alice, record.id)).toEqual({ ok: false, status: 'gone' });
    expect(await rig.service.accept(alice, 'no-such-id')).toEqual({ ok: false, status: 'gone' });
  });

  test('when an agent accepts, then the customer is told who joined and the acceptance is audited with the agent', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    const { id } = (await rig.service.openFor('test', 'a'))!;

    await rig.service.accept(alice, id);

    expect(deliveredTo(rig, 'a')).toEqual([{ kind: 'say', text: 'Alice from the support team has joined and can see our conversation so far.' }]);
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'accepted', handoff: id, agent: alice, by: 'agent' });
  });

  test('when the first in line is accepted, then the others are told their new place', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    await rig.service.request(requestFor('b'));
    await rig.service.request(requestFor('c'));
    rig.clock.now += 3 * MINUTE;

    await rig.service.accept(alice, (await rig.service.openFor('test', 'a'))!.id);

    // Telling places is fire-and-forget: wait for it. The estimate now follows the one known wait (3 minutes).
    await until(() => deliveredTo(rig, 'c').length > 0);
    expect(textsTo(rig, 'b')).toEqual(["You're now number 1 in the queue — about 3 minutes."]);
    expect(textsTo(rig, 'c')).toEqual(["You're now number 2 in the queue — about 6 minutes."]);
  });

  test('when the queue changes but a customer keeps their place, then they are not told again', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    await rig.service.request(requestFor('b'));
    await rig.service.request(requestFor('c'));

    // c leaves from behind b: b is still number 2.
    await rig.service.customerLeft((await rig.service.openFor('test', 'c'))!);
    await settle();

    expect(deliveredTo(rig, 'a')).toEqual([]);
    expect(deliveredTo(rig, 'b')).toEqual([]);
  });
});

describe('HandoffService: the customer while a request is open', () => {
  test('when the customer writes while still waiting, then no agent hears it', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    const events = listen(rig);

    rig.service.customerSaid((await rig.service.openFor('test', 'a'))!, 'hello?', 'Casey');

    expect(events).toEqual([]);
  });

  test('when the customer writes in an active chat, then only the agent who has it hears the message', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);
    const events = listen(rig);

    rig.service.customerSaid((await rig.service.openFor('test', 'a'))!, 'it still says invalid', 'Casey');

    expect(events).toEqual([[alice.id, { type: 'message', id, line: { at: new Date(rig.clock.now).toISOString(), from: 'customer', name: 'Casey', text: 'it still says invalid' } }]]);
  });

  test('when a waiting customer cancels, then the request is cancelled, audited, and agents see the queue change', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    const events = listen(rig);

    const closed = await rig.service.customerLeft((await rig.service.openFor('test', 'a'))!);

    expect(closed).toMatchObject({ state: 'cancelled', closedAt: rig.clock.now });
    expect(await rig.service.openFor('test', 'a')).toBeUndefined();
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'cancelled', by: 'customer', agent: null });
    expect(events).toContainEqual([null, { type: 'queue-changed' }]);
  });

  test('when a customer leaves an active chat, then it ends and the agent hears the customer ended it', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);
    const events = listen(rig);

    const closed = await rig.service.customerLeft((await rig.service.openFor('test', 'a'))!);

    expect(closed).toMatchObject({ state: 'ended', agent: alice });
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'ended', by: 'customer', agent: alice });
    expect(events).toContainEqual([alice.id, { type: 'ended', id, by: 'customer' }]);
    expect(await rig.service.assignedTo(alice)).toEqual([]);
  });

  test('when a customer leaves a request that already closed, then nothing happens', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    const record = (await rig.service.openFor('test', 'a'))!;
    await rig.service.customerLeft(record);

    expect(await rig.service.customerLeft(record)).toBeUndefined();
    expect(actions(rig)).toEqual(['filed', 'cancelled']);
  });
});

describe('HandoffService: the agent speaking', () => {
  test('when the owning agent writes, then the customer gets the sanitised text marked with the agent, and the agent gets the line back', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);

    const said = await rig.service.agentSays(alice, id, '  Try <b>this</b> [link](javascript:alert(1)) <script>x()</script> ');

    expect(said).toEqual({ ok: true, line: { at: new Date(rig.clock.now).toISOString(), from: 'agent', name: 'Alice', text: 'Try this link x()' } });
    expect(deliveredTo(rig, 'a').at(-1)).toEqual({ kind: 'agent-says', text: 'Alice: Try this link x()', said: 'Try this link x()', agent: alice });
  });

  test('when another agent writes into the chat, then it is "forbidden" and the customer gets nothing', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);
    const before = deliveredTo(rig, 'a').length;

    expect(await rig.service.agentSays(bob, id, 'hi')).toEqual({ ok: false, status: 'forbidden' });
    expect(deliveredTo(rig, 'a')).toHaveLength(before);
  });

  test('when an agent writes to an unknown conversation, then it is "gone"', async () => {
    const rig = serviceRig();

    expect(await rig.service.agentSays(alice, 'no-such-id', 'hi')).toEqual({ ok: false, status: 'gone' });
  });

  test('when the message is only markup, then it is "empty" and nothing is sent', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);
    const before = deliveredTo(rig, 'a').length;

    expect(await rig.service.agentSays(alice, id, '<b></b>')).toEqual({ ok: false, status: 'empty' });
    expect(deliveredTo(rig, 'a')).toHaveLength(before);
  });

  test("when the customer's channel can't be reached, then the agent hears \"undelivered\"", async () => {
    const queue = new InMemoryHandoffQueue();
    const errors: string[] = [];
    const service = new HandoffService({
      queue,
      audit: new MemoryLog<AuditEntry>(),
      line: {
        async deliver() {
          throw new Error('channel is down');
        },
      },
      wording: global.handoff,
      flows: global.handoff.flows,
      mode: 'internal',
      hours: { windows: null, timeZone: 'UTC', text: 'always' },
      timeoutMs: 60_000,
      log: { ...silentLogger, error: (event) => errors.push(event) },
      now: () => Date.UTC(2026, 10, 25, 12),
    });
    await service.request(requestFor('a'));
    const { id } = (await service.openFor('test', 'a'))!;
    // Accepting still works: telling the customer is logged, not thrown at the agent.
    expect(await service.accept(alice, id)).toMatchObject({ ok: true });

    expect(await service.agentSays(alice, id, 'hello')).toEqual({ ok: false, status: 'undelivered' });
    expect(errors).toContain('handoff-delivery-failed');
  });
});

describe('HandoffService: ending and transferring', () => {
  test('when the agent ends the chat, then the customer is thanked into the survey, it is audited, and ending again fails', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);
    const events = listen(rig);

    const ended = await rig.service.end(alice, id);

    expect(ended).toMatchObject({ ok: true, record: { state: 'ended', closedAt: rig.clock.now } });
    expect(deliveredTo(rig, 'a').at(-1)).toEqual({ kind: 'flow', text: 'Alice has ended the chat. Thanks for talking with us.', flow: 'survey' });
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'ended', agent: alice, by: 'agent' });
    expect(events).toContainEqual([alice.id, { type: 'ended', id, by: 'agent' }]);
    expect(await rig.service.end(alice, id)).toEqual({ ok: false, status: 'gone' });
    expect(await rig.service.openFor('test', 'a')).toBeUndefined();
  });

  test('when another agent tries to end the chat, then it is "forbidden" and the chat goes on', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);

    expect(await rig.service.end(bob, id)).toEqual({ ok: false, status: 'forbidden' });
    expect((await rig.service.openFor('test', 'a'))?.state).toBe('active');
  });

  test('when the agent transfers to a colleague, then the colleague is assigned and owns it, the first agent is let go, and the customer is told', async () => {
    const rig = serviceRig();
    const id = await fileAndAccept(rig, 'a', alice);
    const events = listen(rig);

    const moved = await rig.service.transfer(alice, id, bob);

    expect(moved).toMatchObject({ ok: true, record: { state: 'active', agent: bob } });
    expect(events).toContainEqual([bob.id, { type: 'assigned', record: expect.objectContaining({ id, agent: bob }) }]);
    expect(events).toContainEqual([alice.id, { type: 'ended', id, by: 'transfer' }]);
    expect(await rig.service.owned(bob, id)).toMatchObject({ ok: true });
    expect(await rig.service.owned(alice, id)).toEqual({ ok: false, status: 'forbidden' });
    expect((await rig.service.assignedTo(bob)).map((r) => r.id)).toEqual([id]);
    expect(deliveredTo(rig, 'a').at(-1)).toEqual({ kind: 'say', text: 'Alice is passing you to Bob, who can see everything so far.' });
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'transferred', agent: alice, to: bob, by: 'agent' });
  });

  test('when the agent hands a chat back to the queue, then it waits at its old place ahead of later requests and the customer is told', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    rig.clock.now += MINUTE;
    await rig.service.request(requestFor('b'));
    rig.clock.now += MINUTE;
    const { id } = (await rig.service.openFor('test', 'a'))!;
    await rig.service.accept(alice, id); // a waited 2 minutes
    await until(() => deliveredTo(rig, 'b').length === 1); // b moved up to 1
    rig.clock.now += MINUTE;
    const events = listen(rig);

    const moved = await rig.service.transfer(alice, id, null);

    expect(moved).toMatchObject({ ok: true, record: { state: 'waiting', agent: null, waitingSince: rig.clock.now } });
    expect((await rig.service.waiting()).map((r) => r.conversationId)).toEqual(['a', 'b']);
    expect(deliveredTo(rig, 'a').at(-1)).toEqual({ kind: 'say', text: "Alice has put you back in the queue for the next person: you're number 1, about 2 minutes." });
    expect(events).toContainEqual([alice.id, { type: 'ended', id, by: 'transfer' }]);
    expect(events).toContainEqual([null, { type: 'queue-changed' }]);
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'transferred', agent: alice, to: null });
    // b is pushed back to 2 and told; a is told once (the requeue message), not again.
    await until(() => deliveredTo(rig, 'b').length === 2);
    expect(textsTo(rig, 'b').at(-1)).toBe("You're now number 2 in the queue — about 4 minutes.");
    await settle();
    expect(textsTo(rig, 'a').filter((t) => t.includes('number'))).toHaveLength(1);
  });
});

describe('HandoffService: time-outs', () => {
  test('when nobody accepts within the time-out, then the request times out and the customer is offered to leave a message', async () => {
    const rig = serviceRig({ timeoutMs: 60_000 });
    await rig.service.request(requestFor('a'));
    const events = listen(rig);

    rig.clock.now += 59_999;
    expect(await rig.service.sweep()).toBe(0);
    rig.clock.now += 1;
    expect(await rig.service.sweep()).toBe(1);

    expect(await rig.service.openFor('test', 'a')).toBeUndefined();
    expect(deliveredTo(rig, 'a')).toEqual([{ kind: 'flow', text: global.handoff.timedOut, flow: 'leave-message' }]);
    expect(global.handoff.flows.message).toBe('leave-message');
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'timed-out', by: 'system', agent: null });
    expect(events).toContainEqual([null, { type: 'queue-changed' }]);
    expect(await rig.service.sweep()).toBe(0);
  });

  test('when an active chat is older than the time-out, then it does not time out', async () => {
    const rig = serviceRig({ timeoutMs: 60_000 });
    await fileAndAccept(rig, 'a', alice);
    rig.clock.now += 10 * MINUTE;

    expect(await rig.service.sweep()).toBe(0);
    expect((await rig.service.openFor('test', 'a'))?.state).toBe('active');
  });

  test('when a request was handed back to the queue, then it times out counting from when it began waiting again', async () => {
    const rig = serviceRig({ timeoutMs: 60_000 });
    await rig.service.request(requestFor('a'));
    const { id } = (await rig.service.openFor('test', 'a'))!;
    rig.clock.now += 50_000;
    await rig.service.accept(alice, id);
    rig.clock.now += 5_000;
    await rig.service.transfer(alice, id, null); // waiting again from filing + 55s

    rig.clock.now += 15_000; // 70s after filing, 15s after requeue
    expect(await rig.service.sweep()).toBe(0);
    expect((await rig.service.openFor('test', 'a'))?.state).toBe('waiting');

    rig.clock.now += 45_000; // 60s after requeue
    expect(await rig.service.sweep()).toBe(1);
    expect((await rig.queue.get(id))?.state).toBe('timed-out');
  });
});

describe('HandoffService: a contact centre (external mode)', () => {
  test('when the contact centre accepts, then the customer is sent nothing and it is audited', async () => {
    const rig = serviceRig({ mode: 'external' });
    await rig.service.request(requestFor('a'));
    const record = (await rig.service.openFor('test', 'a'))!;

    expect(await rig.service.externalStatus(record, 'accepted')).toEqual([]);
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'external-accepted', by: 'contact-centre' });
    expect((await rig.service.openFor('test', 'a'))?.state).toBe('external');
  });

  test('when the contact centre fails, then the customer is offered to leave a message and the request ends', async () => {
    const rig = serviceRig({ mode: 'external' });
    await rig.service.request(requestFor('a'));
    const record = (await rig.service.openFor('test', 'a'))!;

    expect(await rig.service.externalStatus(record, 'failed')).toEqual([{ kind: 'flow', text: global.handoff.externalFailed, flow: 'leave-message' }]);
    expect((await rig.queue.get(record.id))?.state).toBe('ended');
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'external-failed', by: 'contact-centre' });
  });

  test('when the contact centre completes, then the customer is sent to the survey, the request ends, and a repeat status sends nothing', async () => {
    const rig = serviceRig({ mode: 'external' });
    await rig.service.request(requestFor('a'));
    const record = (await rig.service.openFor('test', 'a'))!;

    expect(await rig.service.externalStatus(record, 'completed')).toEqual([{ kind: 'flow', text: global.handoff.externalCompleted, flow: 'survey' }]);
    expect((await rig.queue.get(record.id))?.state).toBe('ended');
    expect(await rig.service.openFor('test', 'a')).toBeUndefined();
    expect(rig.audit.entries.at(-1)).toMatchObject({ action: 'external-completed' });
    expect(await rig.service.externalStatus(record, 'completed')).toEqual([]);
    expect(actions(rig)).toEqual(['external-filed', 'external-completed']);
  });
});

describe('HandoffService: the wait estimate', () => {
  test('when nobody has been accepted yet, then the estimate is two minutes a place', () => {
    const rig = serviceRig();

    expect([1, 2, 3].map((n) => rig.service.estimateMinutes(n))).toEqual([2, 4, 6]);
  });

  test('when agents have accepted after known waits, then the estimate is their average times the place, rounded', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    rig.clock.now += 1 * MINUTE;
    await rig.service.accept(alice, (await rig.service.openFor('test', 'a'))!.id);
    await rig.service.request(requestFor('b'));
    rig.clock.now += 2 * MINUTE;
    await rig.service.accept(bob, (await rig.service.openFor('test', 'b'))!.id);

    // Average 1.5 minutes.
    expect(rig.service.estimateMinutes(1)).toBe(2);
    expect(rig.service.estimateMinutes(2)).toBe(3);
    expect(rig.service.estimateMinutes(3)).toBe(5);
    // A new request is promised the same.
    expect(await rig.service.request(requestFor('c'))).toEqual({ status: 'queued', position: 1, waitMinutes: 2 });
  });

  test('when waits have been very short, then the estimate is never below one minute', async () => {
    const rig = serviceRig();
    await rig.service.request(requestFor('a'));
    rig.clock.now += 5_000;
    await rig.service.accept(alice, (await rig.service.openFor('test', 'a'))!.id);

    expect(rig.service.estimateMinutes(1)).toBe(1);
    expect(rig.service.estimateMinutes(0)).toBe(1);
  });
});

describe('HandoffService: listeners', () => {
  test('when a listener throws, then the others still hear and the request still succeeds', async () => {
    const rig = serviceRig();
    rig.service.subscribe(() => {
      throw new Error('console crashed');
    });
    const events = listen(rig);

    expect(await rig.service.request(requestFor('a'))).toMatchObject({ status: 'queued' });
    expect(events).toEqual([[null, { type: 'queue-changed' }]]);
  });

  test('when a listener unsubscribes, then it hears nothing more', async () => {
    const rig = serviceRig();
    const heard: AgentEvent[] = [];
    const unsubscribe = rig.service.subscribe((_, e) => heard.push(e));
    await rig.service.request(requestFor('a'));
    unsubscribe();
    await rig.service.request(requestFor('b'));

    expect(heard).toHaveLength(1);
  });
});
