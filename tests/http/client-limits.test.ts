import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { fromAddress, type AddressedAnswer } from '../helpers/from-address';

/**
 * Limits per client (issue 12, finding 5) on the real server, each set small. Clients are told
 * apart by address: 127.0.0.2, 127.0.0.3… all reach this machine, so each is another client.
 */
type Conversation = { id: string; token: string; ip: string };

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const ALL_OFF = {
  RATE_LIMIT_TOKENS_PER_IP: 'off',
  RATE_LIMIT_CONVERSATIONS_PER_IP: 'off',
  RATE_LIMIT_POSTS_PER_IP: 'off',
  RATE_LIMIT_POSTS_PER_CONVERSATION: 'off',
  RATE_LIMIT_OVERALL: 'off',
  RATE_LIMIT_HANDOFFS_PER_CONVERSATION: 'off',
  RATE_LIMIT_HANDOFFS_PER_IP: 'off',
  HANDOFF_QUEUE_MAX: '0',
};

function expectRefused(answer: AddressedAnswer): void {
  expect(answer.status).toBe(429);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(answer.json).toEqual({ error: { code: 'TooManyRequests', message: expect.stringMatching(/wait \d+ s|again in \d+ s/) } });
}

/** Starts a server with every limit off but the ones given; closes it after the block. */
function serverWith(limits: Record<string, string>): () => TestServer {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ...ALL_OFF, ...limits, HANDOFF_TIMEOUT_SECONDS: '3600' });
  });
  afterAll(() => server.close());
  return () => server;
}

const generate = (server: TestServer, ip: string, headers: Record<string, string> = {}) => fromAddress(ip, `${server.url}/v3/directline/tokens/generate`, { headers });

async function open(server: TestServer, ip: string): Promise<Conversation> {
  const issued = await generate(server, ip);
  expect(issued.status).toBe(200);
  const started = await fromAddress(ip, `${server.url}/v3/directline/conversations`, { headers: bearer(issued.json.token) });
  expect(started.status).toBe(201);
  return { id: issued.json.conversationId, token: issued.json.token, ip };
}

const post = (server: TestServer, c: Conversation, text: string, ip = c.ip) =>
  fromAddress(ip, `${server.url}/v3/directline/conversations/${c.id}/activities`, { headers: bearer(c.token), body: { type: 'message', text } });

async function botTexts(server: TestServer, c: Conversation): Promise<string[]> {
  const res = await fetch(`${server.url}/v3/directline/conversations/${c.id}/activities`, { headers: bearer(c.token) });
  const { activities } = (await res.json()) as { activities: Array<{ from: { id: string }; text?: string }> };
  return activities.filter((a) => a.from.id === 'giftbot').map((a) => a.text ?? '');
}

/** Asks for a person and gives the one-line summary; resolves with what the bot said to the request. */
async function askForPerson(server: TestServer, c: Conversation): Promise<string> {
  const before = (await botTexts(server, c)).length;
  expect((await post(server, c, 'talk to a person')).status).toBe(200);
  await eventually(async () => ((await botTexts(server, c)).slice(before).some((t) => t.startsWith('In one line')) ? true : undefined), 8000, 'the summary prompt');
  expect((await post(server, c, 'a question about my refund')).status).toBe(200);
  return eventually(async () => (await botTexts(server, c)).slice(before).find((t) => /in the queue|several times|queue is full/.test(t)), 8000, 'the answer to the request');
}

describe('Direct Line tokens per client address', () => {
  const server = serverWith({ RATE_LIMIT_TOKENS_PER_IP: '3/60' });

  test('when one address asks for a 4th token in the window, then 429 with Retry-After, and another address still gets one', async () => {
    for (let i = 0; i < 3; i++) expect((await generate(server(), '127.0.0.2')).status).toBe(200);
    expectRefused(await generate(server(), '127.0.0.2'));
    expect((await generate(server(), '127.0.0.3')).status).toBe(200);
  });

  test('when a client sends a new X-Forwarded-For with every request, then it is still one client (no TRUST_PROXY)', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await generate(server(), '127.0.0.4', { 'X-Forwarded-For': `203.0.113.${i + 1}` })).status);
    expect(answers).toEqual([200, 200, 200, 429, 429]);
  });

  test('when tokens are refreshed over and over, then they count too', async () => {
    const issued = await generate(server(), '127.0.0.5');
    const refreshes: number[] = [];
    for (let i = 0; i < 3; i++) refreshes.push((await fromAddress('127.0.0.5', `${server().url}/v3/directline/tokens/refresh`, { headers: bearer(issued.json.token) })).status);
    expect(refreshes).toEqual([200, 200, 429]);
  });
});

describe('a proxy named in TRUST_PROXY', () => {
  const server = serverWith({ RATE_LIMIT_TOKENS_PER_IP: '2/60', TRUST_PROXY: 'loopback' });

  test('when the trusted proxy forwards two clients, then each has its own allowance', async () => {
    const a = (n: number) => generate(server(), '127.0.0.6', { 'X-Forwarded-For': n === 0 ? '198.51.100.7' : '198.51.100.8' });
    expect([(await a(0)).status, (await a(0)).status, (await a(0)).status]).toEqual([200, 200, 429]);
    expect((await a(1)).status).toBe(200);
  });
});

describe('conversations per client address', () => {
  const server = serverWith({ RATE_LIMIT_CONVERSATIONS_PER_IP: '2/60' });

  test('when one address opens a 3rd conversation, then 429, the conversation is not created, and another address still opens one', async () => {
    await open(server(), '127.0.0.7');
    await open(server(), '127.0.0.7');
    const issued = await generate(server(), '127.0.0.7');
    expectRefused(await fromAddress('127.0.0.7', `${server().url}/v3/directline/conversations`, { headers: bearer(issued.json.token) }));
    const looked = await fetch(`${server().url}/v3/directline/conversations/${issued.json.conversationId}/activities`, { headers: bearer(issued.json.token) });
    expect(looked.status).toBe(404);
    await open(server(), '127.0.0.8');
  });
});

describe('posts per conversation and per client address', () => {
  const server = serverWith({ RATE_LIMIT_POSTS_PER_CONVERSATION: '4/60', RATE_LIMIT_POSTS_PER_IP: '6/60' });

  test('when one conversation posts a 5th message, then 429 and nothing stored, and another conversation is answered', async () => {
    const flood = await open(server(), '127.0.0.9');
    for (let i = 0; i < 4; i++) expect((await post(server(), flood, `hello ${i}`)).status).toBe(200);
    expectRefused(await post(server(), flood, 'one too many'));
    const stored = await fetch(`${server().url}/v3/directline/conversations/${flood.id}/activities`, { headers: bearer(flood.token) });
    expect(JSON.stringify(await stored.json())).not.toContain('one too many');
    const other = await open(server(), '127.0.0.10');
    expect((await post(server(), other, 'help')).status).toBe(200);
  });

  test('when one address spreads its posts over two conversations, then the 7th is refused in either, and another address is unaffected', async () => {
    const [a, b] = [await open(server(), '127.0.0.11'), await open(server(), '127.0.0.11')];
    for (let i = 0; i < 3; i++) {
      expect((await post(server(), a, `a ${i}`)).status).toBe(200);
      expect((await post(server(), b, `b ${i}`)).status).toBe(200);
    }
    expectRefused(await post(server(), a, 'a again'));
    expectRefused(await post(server(), b, 'b again'));
    const c = await open(server(), '127.0.0.12');
    expect((await post(server(), c, 'help')).status).toBe(200);
  });
});

describe('the overall ceiling', () => {
  const server = serverWith({ RATE_LIMIT_OVERALL: '5/60' });

  test('when all clients together pass the ceiling, then every client waits (429), and reads and /healthz still answer', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await generate(server(), `127.0.0.${13 + i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expectRefused(await generate(server(), '127.0.0.19'));
    expectRefused(await fromAddress('127.0.0.20', `${server().url}/api/messages`, { body: { type: 'message' } }));
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
  });
});

describe('handoff requests', () => {
  const server = serverWith({ RATE_LIMIT_HANDOFFS_PER_CONVERSATION: '1/3600', RATE_LIMIT_HANDOFFS_PER_IP: '2/3600', HANDOFF_QUEUE_MAX: '3' });

  test('when one conversation asks for a person again after leaving the queue, then the bot says so politely and offers to leave a message', async () => {
    const c = await open(server(), '127.0.0.21');
    expect(await askForPerson(server(), c)).toContain('number 1 in the queue');
    expect((await post(server(), c, 'cancel')).status).toBe(200);
    await eventually(async () => ((await botTexts(server(), c)).some((t) => t.startsWith("You've left the queue")) ? true : undefined), 8000, 'left the queue');
    const again = await askForPerson(server(), c);
    expect(again).toContain("You've asked for a person several times");
    await eventually(async () => ((await botTexts(server(), c)).slice(-3).some((t) => /message/i.test(t)) ? true : undefined), 8000, 'the offer to leave a message');
  });

  test('when one address files from a 3rd conversation, then it is refused, while another address is queued; past HANDOFF_QUEUE_MAX the queue is full', async () => {
    const [a, b, c] = [await open(server(), '127.0.0.22'), await open(server(), '127.0.0.22'), await open(server(), '127.0.0.22')];
    expect(await askForPerson(server(), a)).toContain('in the queue');
    expect(await askForPerson(server(), b)).toContain('in the queue');
    expect(await askForPerson(server(), c)).toContain("You've asked for a person several times");
    // The queue now holds a and b (the first test's request was cancelled): one place is left.
    expect(await askForPerson(server(), await open(server(), '127.0.0.23'))).toContain('number 3 in the queue');
    const late = await open(server(), '127.0.0.24');
    expect(await askForPerson(server(), late)).toContain('queue is full');
    const metrics = await (await fetch(`${server().url}/metrics`)).text();
    expect(metrics).toMatch(/giftbot_rate_limited_total\{limit="handoffs-per-ip"\} [1-9]/);
  });
});
