import { buildIfStale, startInstance, type GiftbotInstance } from './giftbot-instance';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { eventually } from '../helpers/server';
import { fromAddress } from '../helpers/from-address';

/**
 * Two giftbot processes (the real bin) on one real redis-server, as behind a load balancer: the
 * per-client limits are counted in Redis, so a limit of N holds for both together — N requests
 * split across the instances reach it, not 2N — and so does the cap on the handoff queue.
 */
let redis: RedisServer;
let a: GiftbotInstance;
let b: GiftbotInstance;

beforeAll(async () => {
  await buildIfStale();
  redis = await startRedis();
  const env = {
    REDIS_URL: redis.url,
    HANDOFF_TIMEOUT_SECONDS: '600',
    RATE_LIMIT_TOKENS_PER_IP: '4/120',
    RATE_LIMIT_CONVERSATIONS_PER_IP: 'off',
    RATE_LIMIT_POSTS_PER_CONVERSATION: '6/120',
    RATE_LIMIT_POSTS_PER_IP: 'off',
    RATE_LIMIT_HANDOFFS_PER_IP: 'off',
    HANDOFF_QUEUE_MAX: '2',
  };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
}, 90_000);

afterAll(async () => {
  const codes = await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  expect(codes).toEqual([0, 0]);
}, 30_000);

type Conversation = { id: string; token: string };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const generate = (on: GiftbotInstance, ip: string) => fromAddress(ip, `${on.url}/v3/directline/tokens/generate`);

async function open(on: GiftbotInstance, ip: string): Promise<Conversation> {
  const issued = await generate(on, ip);
  expect(issued.status).toBe(200);
  expect((await fromAddress(ip, `${on.url}/v3/directline/conversations`, { headers: bearer(issued.json.token) })).status).toBe(201);
  return { id: issued.json.conversationId, token: issued.json.token };
}

const post = (on: GiftbotInstance, c: Conversation, text: string) =>
  fromAddress('127.0.0.1', `${on.url}/v3/directline/conversations/${c.id}/activities`, { headers: bearer(c.token), body: { type: 'message', text } });

async function botTexts(on: GiftbotInstance, c: Conversation): Promise<string[]> {
  const res = await fetch(`${on.url}/v3/directline/conversations/${c.id}/activities`, { headers: bearer(c.token) });
  const { activities } = (await res.json()) as { activities: Array<{ from: { id: string }; text?: string }> };
  return activities.filter((x) => x.from.id === 'giftbot').map((x) => x.text ?? '');
}

async function askForPerson(on: GiftbotInstance, c: Conversation): Promise<string> {
  expect((await post(on, c, 'talk to a person')).status).toBe(200);
  await eventually(async () => ((await botTexts(on, c)).some((t) => t.startsWith('In one line')) ? true : undefined), 10_000, 'the summary prompt');
  expect((await post(on, c, 'where is my refund')).status).toBe(200);
  return eventually(async () => (await botTexts(on, c)).find((t) => /in the queue|queue is full/.test(t)), 10_000, 'the answer to the request');
}

test('when one address asks for tokens alternately on A and B, then the 5th is refused on both: a limit of 4 holds across instances, not 4 each', async () => {
  const statuses: number[] = [];
  for (const on of [a, b, a, b, a, b]) statuses.push((await generate(on, '127.0.0.2')).status);
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  // Another address has its own allowance on either instance.
  expect((await generate(b, '127.0.0.3')).status).toBe(200);
  expect((await generate(a, '127.0.0.3')).status).toBe(200);
}, 30_000);

test('when one conversation posts alternately through A and B, then the 7th post is refused: 6 per conversation across both', async () => {
  const c = await open(a, '127.0.0.4');
  const statuses: number[] = [];
  for (const on of [a, b, a, b, a, b, a, b]) statuses.push((await post(on, c, 'hello')).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
}, 30_000);

test('when two requests wait (one filed on A, one on B), then a third on either instance hears that the queue is full', async () => {
  expect(await askForPerson(a, await open(a, '127.0.0.5'))).toContain('number 1 in the queue');
  expect(await askForPerson(b, await open(b, '127.0.0.6'))).toContain('number 2 in the queue');
  expect(await askForPerson(a, await open(a, '127.0.0.7'))).toContain('queue is full');
  expect(await askForPerson(b, await open(b, '127.0.0.8'))).toContain('queue is full');
}, 60_000);
