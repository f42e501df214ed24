import { silentLogger } from '../../src/core/logger';
import { AuditEntrySchema } from '../../src/handoff/handoff-service';
import { RedisConnection } from '../../src/storage/redis/redis-connection';
import { RedisRecordLog } from '../../src/storage/redis/redis-record-log';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { eventually, postJson } from '../helpers/server';
import { buildIfStale, startInstance, type GiftbotInstance } from './giftbot-instance';

/**
 * The supervisor's moves with two instances of the real bin on one Redis (issue 15): a supervisor
 * on B sees and takes over a chat Ana holds through A — Ana's console on A is told over the bus,
 * the customer on A hears it and gets the supervisor's reply; a waiting request taken over by two
 * supervisors at once, one on each instance, goes to exactly one of them (the queue's claim); a LIVE
 * chat two supervisors take over at once from the holder they both saw goes to one, the other hears 409
 * (the queue's transition, conditional on the holder, in Redis's Lua); an internal note written through
 * A reaches the holder's and a supervisor's consoles on B (the bus), never the customer.
 */
jest.setTimeout(120_000);

const TOKENS = { Ana: 'ana-token-sup-two-0123456789', Sam: 'sam-token-sup-two-0123456789', Lee: 'lee-token-sup-two-0123456789' } as const;
let redis: RedisServer;
let a: GiftbotInstance;
let b: GiftbotInstance;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

beforeAll(async () => {
  await buildIfStale();
  redis = await startRedis();
  const env = {
    REDIS_URL: redis.url,
    AGENT_TOKENS: `Ana:${TOKENS.Ana},Sam:${TOKENS.Sam}:supervisor,Lee:${TOKENS.Lee}:supervisor`,
    ROUTING: 'manual',
    HANDOFF_TIMEOUT_SECONDS: '600',
  };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
}, 90_000);

afterAll(async () => {
  customers.forEach((c) => c.end());
  await Promise.all(agents.map((agent) => agent.close()));
  const codes = await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  expect(codes).toEqual([0, 0]);
}, 30_000);

async function signIn(token: string, on: GiftbotInstance): Promise<AgentClient> {
  const agent = await agentClient(on.url, token);
  agents.push(agent);
  return agent;
}

/** A customer on `on` asks for a person; the request's id, as the queue lists it. */
async function queued(on: GiftbotInstance, by: AgentClient, summary: string): Promise<{ customer: Customer; id: string }> {
  const { body } = await postJson(`${on.url}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${on.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(customer);
  const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 10_000, `customer to see "${text}"`);
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say(summary);
  const item = await eventually(async () => (await by.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 10_000, `"${summary}" queued`);
  return { customer, id: item.id as string };
}

test("when a supervisor on B takes over Ana's chat held through A, then Ana's console on A loses it and the customer on A gets the supervisor", async () => {
  const ana = await signIn(TOKENS.Ana, a);
  const sam = await signIn(TOKENS.Sam, b);
  const { customer, id } = await queued(a, ana, 'two instances: my card is blocked');
  expect((await ana.api('POST', `/conversations/${id}/accept`)).status).toBe(200);

  const overview = (await sam.api('GET', '/supervisor/overview')).body;
  expect(overview.live).toEqual([expect.objectContaining({ id, agent: { id: 'token:Ana', name: 'Ana' } })]);
  expect(overview.agents.find((x: { id: string }) => x.id === 'token:Ana')).toMatchObject({ load: 1 });

  expect((await sam.api('POST', `/supervisor/conversations/${id}/take-over`)).status).toBe(200);
  await ana.frame((f) => f.type === 'ended' && f.id === id && f.by === 'supervisor', "Ana's console on A to lose the chat");
  expect((await ana.api('POST', `/conversations/${id}/messages`, { text: 'hello?' })).status).toBe(403);
  await eventually(() => customer.texts().find((t) => t.includes('Ana is passing you to Sam')), 10_000, 'the customer to hear the supervisor has it');
  expect((await sam.api('POST', `/conversations/${id}/messages`, { text: 'Sam on B here.' })).status).toBe(201);
  await eventually(() => customer.texts().find((t) => t.includes('Sam on B here.')), 10_000, "the customer on A to get Sam's reply");
});

test('when two supervisors on different instances take over the same waiting request at once, then it ends with one of them, and the audit shows each move in turn', async () => {
  const sam = await signIn(TOKENS.Sam, a);
  const lee = await signIn(TOKENS.Lee, b);
  const { id } = await queued(b, sam, 'two instances: both supervisors want this one');
  const answers = await Promise.all([sam.api('POST', `/supervisor/conversations/${id}/take-over`), lee.api('POST', `/supervisor/conversations/${id}/take-over`)]);
  // Either both reached the waiting request (the queue's claim lets one win: the other hears 409),
  // or one came second and took the live chat over from the first, which is a supervisor's right.
  expect(answers.map((r) => r.status)).toEqual(expect.arrayContaining([200]));
  for (const r of answers) expect([200, 409]).toContain(r.status);

  const connection = await RedisConnection.open({ url: redis.url, log: silentLogger });
  let moves;
  try {
    moves = (await new RedisRecordLog(connection, 'audit', AuditEntrySchema).read()).filter((e) => e.handoff === id && e.action === 'taken-over');
  } finally {
    await connection.close();
  }
  expect(moves).toHaveLength(answers.filter((r) => r.status === 200).length);
  expect(moves[0]).toMatchObject({ agent: null, by: 'supervisor' });
  // Each move starts from whoever the one before left it with: nothing was lost in between.
  for (let i = 1; i < moves.length; i++) expect(moves[i]!.agent).toEqual(moves[i - 1]!.to);
  const holder = moves[moves.length - 1]!.to!.id;
  const live = (await sam.api('GET', '/supervisor/overview')).body.live.filter((c: { id: string }) => c.id === id);
  expect(live).toEqual([expect.objectContaining({ agent: expect.objectContaining({ id: holder }) })]);
  if (moves.length === 2) {
    const first = moves[0]!.to!.id === 'token:Sam' ? sam : lee;
    await first.frame((f) => f.type === 'ended' && f.id === id && f.by === 'supervisor', 'the first supervisor to hear the second took it');
  }
});

test('when two supervisors on different instances take over the same LIVE chat at once, then exactly one wins and the other hears 409 "changed hands meanwhile"', async () => {
  const ana = await signIn(TOKENS.Ana, a);
  const sam = await signIn(TOKENS.Sam, a);
  const lee = await signIn(TOKENS.Lee, b);
  const { customer, id } = await queued(a, ana, 'two instances: both supervisors want this live one');
  expect((await ana.api('POST', `/conversations/${id}/accept`)).status).toBe(200);
  // Both saw Ana holding it (as the console's overview says, and sends as `from`); each move is conditional
  // on her still holding it, in the queue's own compare-and-set, so the second is refused rather than silently last.
  const seen = { from: 'token:Ana' };
  const answers = await Promise.all([sam.api('POST', `/supervisor/conversations/${id}/take-over`, seen), lee.api('POST', `/supervisor/conversations/${id}/take-over`, seen)]);
  expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
  const lost = answers.find((r) => r.status === 409)!;
  expect(lost.body.error.message).toMatch(/changed hands meanwhile/);
  const winner = answers.find((r) => r.status === 200)!.body.from;
  expect(winner).toEqual({ id: 'token:Ana', name: 'Ana' });
  const holder = answers[0].status === 200 ? 'token:Sam' : 'token:Lee';
  const live = (await sam.api('GET', '/supervisor/overview')).body.live.filter((c: { id: string }) => c.id === id);
  expect(live).toEqual([expect.objectContaining({ agent: expect.objectContaining({ id: holder }) })]);
  await eventually(() => customer.texts().find((t) => t.includes('Ana is passing you to')), 10_000, 'the customer to hear who has it');
  expect(customer.texts().filter((t) => t.includes('Ana is passing you to'))).toHaveLength(1);
});

test("when Ana writes an internal note through A, then her console on B and a supervisor's on B get it live over the bus, and the customer never does", async () => {
  const anaOnA = await signIn(TOKENS.Ana, a);
  const anaOnB = await signIn(TOKENS.Ana, b);
  const lee = await signIn(TOKENS.Lee, b);
  const { customer, id } = await queued(a, anaOnA, 'two instances: a note goes live');
  expect((await anaOnA.api('POST', `/conversations/${id}/accept`)).status).toBe(200);
  const marks = [anaOnB.frames.length, lee.frames.length];
  const added = await anaOnA.api('POST', `/conversations/${id}/notes`, { text: 'Checked with finance: refund on its way.' });
  expect(added.status).toBe(201);
  const live = { type: 'note', id, note: added.body.note };
  expect(await anaOnB.frame((f) => f.type === 'note' && f.id === id, "Ana's console on B to get the note", marks[0])).toEqual(live);
  expect(await lee.frame((f) => f.type === 'note' && f.id === id, "the supervisor's console on B to get the note", marks[1])).toEqual(live);
  // A message after the note: once the customer has it, the note would have arrived before it.
  expect((await anaOnA.api('POST', `/conversations/${id}/messages`, { text: 'One moment please.' })).status).toBe(201);
  await eventually(() => customer.texts().find((t) => t.includes('One moment please.')), 10_000, 'the customer to get the message after the note');
  expect(JSON.stringify(customer.texts())).not.toContain('finance');
});
