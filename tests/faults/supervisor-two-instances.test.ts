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
 * supervisors at once, one on each instance, goes to exactly one of them (the queue's claim).
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
