import type { Agent } from '../../../src/handoff/handoff-queue';
import { requestFor, serviceRig, type ServiceRig } from '../../helpers/handoff';

/**
 * Issue 15: an agent's End or transfer and a supervisor's take-over of the same live chat, started
 * together. Each reads the chat first, then changes it; the take-over's change lands between the
 * agent's read and change. The agent's change is conditional on still holding the chat, so it is
 * refused instead of ending (or giving away) the chat the supervisor now has.
 */
const alice: Agent = { id: 'token:Alice', name: 'Alice' };
const bob: Agent = { id: 'token:Bob', name: 'Bob' };
const sam: Agent = { id: 'token:Sam', name: 'Sam' };

async function live(rig: ServiceRig): Promise<string> {
  await rig.service.request(requestFor('c1'));
  const { id } = (await rig.service.openFor('test', 'c1'))!;
  expect((await rig.service.accept(alice, id)).ok).toBe(true);
  return id;
}

test.each([
  ['End', (rig: ServiceRig, id: string) => rig.service.end(alice, id)],
  ['transfer to Bob', (rig: ServiceRig, id: string) => rig.service.transfer(alice, id, bob)],
  ['transfer to the queue', (rig: ServiceRig, id: string) => rig.service.transfer(alice, id, null)],
] as const)("when Alice's %s and Sam's take-over start together, then the take-over wins and Alice is refused as no longer holding it", async (_what, act) => {
  const rig = serviceRig();
  const id = await live(rig);
  // The take-over first: its read and change both come before Alice's change, after Alice's read.
  const [taken, mine] = await Promise.all([rig.service.supervisor.takeOver(sam, id), act(rig, id)]);
  expect(taken).toMatchObject({ ok: true, from: alice });
  expect(mine).toEqual({ ok: false, status: 'forbidden' });
  expect(await rig.service.get(id)).toMatchObject({ state: 'active', agent: sam });
  expect(rig.audit.entries.map((e) => e.action)).toEqual(['filed', 'accepted', 'taken-over']);
});

test("when two supervisors take over Alice's live chat at once (no holder given), then one wins and the other is refused as 'changed', not silently last", async () => {
  const rig = serviceRig();
  const id = await live(rig);
  const lee: Agent = { id: 'token:Lee', name: 'Lee' };
  const [first, second] = await Promise.all([rig.service.supervisor.takeOver(sam, id), rig.service.supervisor.takeOver(lee, id)]);
  expect(first).toMatchObject({ ok: true, from: alice });
  expect(second).toEqual({ ok: false, status: 'changed' });
  expect(await rig.service.get(id)).toMatchObject({ agent: sam });
  expect(rig.audit.entries.filter((e) => e.action === 'taken-over')).toHaveLength(1);
});
