import { Redis } from 'ioredis';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { eventually, postJson } from '../helpers/server';
import { buildIfStale, startInstance, type GiftbotInstance } from './giftbot-instance';

/**
 * The archive with two instances of the real bin on one Redis (issue 15): a chat filed through A
 * and ended by an agent on B is archived once, with its transcript, and found and exported from
 * either instance; an End sent to both instances at once closes (and archives) it exactly once.
 */
jest.setTimeout(120_000);

const ANA = 'ana-token-archive-two-0123456789';
const CODE = 'X7KQ-9PLM-4RTZ-2WVB';
let redis: RedisServer;
let a: GiftbotInstance;
let b: GiftbotInstance;
let raw: Redis;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

beforeAll(async () => {
  await buildIfStale();
  redis = await startRedis();
  const env = { REDIS_URL: redis.url, AGENT_TOKENS: `Ana:${ANA}`, ROUTING: 'manual', HANDOFF_TIMEOUT_SECONDS: '600' };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  raw = new Redis(redis.url);
}, 90_000);

afterAll(async () => {
  customers.forEach((c) => c.end());
  await Promise.all(agents.map((agent) => agent.close()));
  raw?.disconnect();
  const codes = await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  expect(codes).toEqual([0, 0]);
}, 30_000);

async function signIn(on: GiftbotInstance): Promise<AgentClient> {
  const agent = await agentClient(on.url, ANA);
  agents.push(agent);
  return agent;
}

/** A customer on `on` asks for a person and Ana (on `by`) accepts; the request's id. */
async function accepted(on: GiftbotInstance, by: AgentClient, summary: string): Promise<{ customer: Customer; id: string }> {
  const { body } = await postJson(`${on.url}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${on.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(customer);
  const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 10_000, `customer to see "${text}"`);
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say(summary);
  const item = await eventually(async () => (await by.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 10_000, `"${summary}" queued`);
  expect((await by.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  return { customer, id: item.id as string };
}

/** How many conversations the archive's sorted set holds (one a handoff), read from Redis itself. */
const archived = () => raw.zcard('giftbot:archive:closed');

test('when a chat filed through A is ended on B, then it is archived once and found and exported on both', async () => {
  const onB = await signIn(b);
  const onA = await signIn(a);
  const { customer, id } = await accepted(a, onB, 'two instances: my Steam card code was taken');
  await customer.say(`the code was ${CODE} and it is gone`);
  await eventually(async () => (await onB.api('GET', `/conversations/${id}/transcript`)).body.lines.find((l: { text: string }) => l.text.startsWith('the code was')), 10_000, 'Ana to see it');
  expect((await onB.api('POST', `/conversations/${id}/end`)).status).toBe(200);

  for (const agent of [onA, onB]) {
    const found = (await agent.api('GET', '/archive?q=code%20gone&agent=token%3AAna')).body.conversations;
    expect(found.map((c: { handoffId: string }) => c.handoffId)).toEqual([id]);
  }
  expect(await archived()).toBe(1);
  const res = await fetch(`${a.url}/api/agent/archive/${id}/transcript?format=text`, { headers: { Authorization: `Bearer ${ANA}` } });
  const text = await res.text();
  expect(text).toContain('the code was');
  expect(text).not.toContain(CODE);
});

test('when End reaches both instances at once, then one closes it, and the archive holds it once', async () => {
  const onA = await signIn(a);
  const onB = await signIn(b);
  const { id } = await accepted(b, onA, 'two instances: ended twice at once');
  const before = await archived();
  const statuses = (await Promise.all([onA.api('POST', `/conversations/${id}/end`), onB.api('POST', `/conversations/${id}/end`)])).map((r) => r.status).sort();
  expect(statuses).toEqual([200, 404]);
  expect(await archived()).toBe(before + 1);
  const found = (await onB.api('GET', '/archive?q=ended%20twice')).body.conversations;
  expect(found.map((c: { handoffId: string; state: string }) => [c.handoffId, c.state])).toEqual([[id, 'ended']]);
});
