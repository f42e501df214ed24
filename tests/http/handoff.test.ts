import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';
import { readRecords } from '../helpers/records';

/**
 * Two parties on the real server: a customer on the official Direct Line client, support agents
 * on the agent API and its WebSocket.
 */
const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789abc';

let server: TestServer;
let dataDir: string;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-handoff-'));
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB}`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600' });
});
afterEach(async () => {
  customers.splice(0).forEach((c) => c.end());
  await Promise.all(agents.splice(0).map((a) => a.close()));
});
afterAll(() => server.close());

async function customer(base = server): Promise<Customer & { conversationId: string }> {
  const { body } = await postJson(`${base.url}/v3/directline/tokens/generate`, {});
  const client = directLineClient({ domain: `${base.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(client);
  await saw(client, "I'm giftbot");
  return Object.assign(client, { conversationId: body.conversationId as string });
}

async function agent(token: string, base = server): Promise<AgentClient> {
  const client = await agentClient(base.url, token);
  agents.push(client);
  return client;
}

/** Waits until the customer has seen a message containing `text` (after `from` messages). */
function saw(client: Customer, text: string, from = 0): Promise<string> {
  return eventually(() => client.texts().slice(from).find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
}

/** Asks for a person with a one-line summary; resolves with the request's id in the queue. */
async function askForPerson(client: Customer, summary: string, as: AgentClient): Promise<string> {
  await client.say('talk to a person');
  await saw(client, 'In one line');
  await client.say(summary);
  await saw(client, 'in the queue');
  const item = await eventually(async () => (await as.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'request in the queue');
  return item.id as string;
}

const audit = () => readRecords(dataDir, 'audit');

describe('the queue', () => {
  test('when two customers ask for a person, then each hears their place and wait, and the second moves up when the first leaves', async () => {
    const alice = await agent(ALICE);
    const first = await customer();
    const second = await customer();
    const firstId = await askForPerson(first, 'charged twice for one card', alice);
    await askForPerson(second, 'refund for a gift card', alice);
    expect(await saw(first, 'in the queue')).toMatch(/number 1 in the queue — about \d+ minutes?/);
    expect(await saw(second, 'in the queue')).toMatch(/number 2 in the queue — about \d+ minutes?/);

    const { body } = await alice.api('GET', '/queue');
    expect(body.waiting.map((w: { summary: string; position: number }) => [w.position, w.summary]).slice(-2)).toEqual([
      [body.waiting.length - 1, 'charged twice for one card'],
      [body.waiting.length, 'refund for a gift card'],
    ]);
    expect(body.waiting.find((w: { id: string }) => w.id === firstId)).toMatchObject({ channel: 'directline', tried: [], waitingSeconds: expect.any(Number) });

    // While waiting the bot stays quiet.
    const before = second.texts().length;
    await second.say('hello? anyone?');
    const frames = alice.frames.length;
    await first.say('cancel');
    await saw(first, "You've left the queue");
    expect(await saw(second, "You're now number", before)).toMatch(/You're now number \d+ in the queue — about \d+ minutes?\./);
    expect(second.texts().slice(before).some((t) => t.includes('What would you like'))).toBe(false);
    const queueFrame = await alice.frame((f) => f.type === 'queue' && !f.waiting.some((w: { id: string }) => w.id === firstId), 'queue without the first', frames);
    expect(queueFrame.waiting.some((w: { summary: string }) => w.summary === 'refund for a gift card')).toBe(true);
    expect(audit().filter((e) => e.handoff === firstId).map((e) => e.action)).toEqual(['filed', 'cancelled']);
  });

  test('when two agents accept the same request at once, then exactly one gets it and the other hears 409', async () => {
    const [alice, bob] = [await agent(ALICE), await agent(BOB)];
    const client = await customer();
    const id = await askForPerson(client, 'code already redeemed', alice);
    const [a, b] = await Promise.all([alice.api('POST', `/conversations/${id}/accept`), bob.api('POST', `/conversations/${id}/accept`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toEqual({ error: { code: 'Conflict', message: expect.any(String) } });
    const winner = a.status === 200 ? 'Alice' : 'Bob';
    await saw(client, `${winner} from the support team has joined`);
    expect(audit().filter((e) => e.handoff === id && e.action === 'accepted')).toEqual([expect.objectContaining({ agent: { id: `token:${winner}`, name: winner }, by: 'agent' })]);
  });
});

describe('a live chat', () => {
  test('when an agent accepts two requests, then they hold both, and each customer hears only their own chat', async () => {
    const alice = await agent(ALICE);
    const [first, second] = [await customer(), await customer()];
    const firstId = await askForPerson(first, 'first of two', alice);
    const secondId = await askForPerson(second, 'second of two', alice);
    await alice.api('POST', `/conversations/${firstId}/accept`);
    await alice.api('POST', `/conversations/${secondId}/accept`);
    // (Alice may still hold a conversation from an earlier test.)
    expect((await alice.api('GET', '/queue')).body.mine.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([firstId, secondId]));
    await alice.api('POST', `/conversations/${firstId}/messages`, { text: 'for the first' });
    await alice.api('POST', `/conversations/${secondId}/messages`, { text: 'for the second' });
    await saw(first, 'Alice: for the first');
    await saw(second, 'Alice: for the second');
    expect(first.texts().some((t) => t.includes('for the second'))).toBe(false);
    const frames = alice.frames.length;
    await second.say('from the second customer');
    expect((await alice.frame((f) => f.type === 'message', 'relayed', frames)).id).toBe(secondId);
  });


  test('when an agent accepts, then the transcript is there, messages and typing go both ways, and codes stay hidden', async () => {
    const alice = await agent(ALICE);
    const client = await customer();
    await client.say('sell my $25 steam card');
    await saw(client, "Here's your link");
    const id = await askForPerson(client, 'the sell page will not load', alice);

    const accepted = await alice.api('POST', `/conversations/${id}/accept`);
    expect(accepted.body.conversation).toMatchObject({ id, state: 'active', brand: 'steam', brandName: 'Steam', summary: 'the sell page will not load' });
    const transcript = (await alice.api('GET', `/conversations/${id}/transcript`)).body.lines as Array<{ from: string; text: string }>;
    expect(transcript.find((l) => l.from === 'customer' && l.text === 'sell my $25 steam card')).toBeDefined();
    expect(transcript.some((l) => l.from === 'bot' && l.text.includes("don't redeem it"))).toBe(true);
    const links = (await alice.api('GET', `/conversations/${id}/links`)).body;
    expect(links.sell).toContain('brand=steam&amount=25.00');

    // customer → agent, with a pasted code hidden before the agent sees it
    const frames = alice.frames.length;
    await client.say('my code is X7KQ-9PLM-4RTZ-2WVB and it fails');
    const relayed = await alice.frame((f) => f.type === 'message' && f.id === id, 'relayed message', frames);
    expect(relayed.line).toMatchObject({ from: 'customer', text: expect.stringContaining('and it fails') });
    expect(JSON.stringify(relayed)).not.toContain('X7KQ-9PLM-4RTZ-2WVB');
    await client.send({ type: 'typing' });
    await alice.frame((f) => f.type === 'typing' && f.id === id, 'customer typing', frames);

    // agent → customer: typing, then a message that is untrusted text
    const seen = client.seen.length;
    alice.send({ type: 'typing', id });
    await eventually(() => client.seen.slice(seen).find((a) => a.type === 'typing'), 8000, 'agent typing');
    const sent = await alice.api('POST', `/conversations/${id}/messages`, { text: 'Try again now <img src=x onerror=alert(1)> [here](javascript:alert(1)) or https://help.example/sell' });
    expect(sent.status).toBe(201);
    expect(sent.body.line).toMatchObject({ from: 'agent', name: 'Alice', text: 'Try again now  here or https://help.example/sell' });
    const reply = await saw(client, 'Alice: Try again now');
    expect(reply).not.toMatch(/<img|onerror|javascript:/);
    const lines = (await alice.api('GET', `/conversations/${id}/transcript`)).body.lines as Array<{ from: string; name: string; text: string }>;
    expect(lines.at(-1)).toMatchObject({ from: 'agent', name: 'Alice', text: sent.body.line.text });
    expect(JSON.stringify(lines)).not.toContain('X7KQ-9PLM-4RTZ-2WVB');
  });

  test('when the agent ends, then the customer rates the chat, the survey is stored, and the bot is back', async () => {
    const alice = await agent(ALICE);
    const client = await customer();
    const id = await askForPerson(client, 'balance looks wrong', alice);
    await alice.api('POST', `/conversations/${id}/accept`);
    await saw(client, 'Alice from the support team has joined');
    const ended = await alice.api('POST', `/conversations/${id}/end`);
    expect(ended.body.conversation.state).toBe('ended');
    await saw(client, 'Alice has ended the chat');
    await saw(client, 'How did the support team do?');
    await client.say('5');
    await saw(client, "Anything you'd like to add?");
    await client.say('quick and kind');
    await saw(client, "Thank you! I'm back");
    await client.say('sell my $10 steam card');
    await eventually(() => client.links().find((url) => url.includes('marketplace.example/sell?brand=steam&amount=10.00')), 8000, 'the sell link button');
    const notes = readRecords(dataDir, 'notes');
    expect(notes.find((n) => n.conversationId === client.conversationId)).toMatchObject({ log: 'survey', channel: 'directline', values: { rating: '5', comment: 'quick and kind' } });
    expect((await alice.api('POST', `/conversations/${id}/messages`, { text: 'still there?' })).status).toBe(404);
    expect(audit().filter((e) => e.handoff === id).map((e) => e.action)).toEqual(['filed', 'accepted', 'ended']);
  });

  test('when the customer says cancel during the chat and confirms, then they leave it and the agent hears so', async () => {
    const alice = await agent(ALICE);
    const client = await customer();
    const id = await askForPerson(client, 'wrong country card', alice);
    await alice.api('POST', `/conversations/${id}/accept`);
    const frames = alice.frames.length;
    await client.say('cancel');
    await saw(client, 'Leave the chat with Alice?');
    await client.say('yes');
    await saw(client, "You've left the chat with Alice");
    expect(await alice.frame((f) => f.type === 'ended' && f.id === id, 'ended', frames)).toEqual({ type: 'ended', id, by: 'customer' });
    await client.say('hello');
    await saw(client, 'What would you like to do?');
  });

  test('when an agent transfers to a colleague or back to the queue, then the conversation moves and the customer is told', async () => {
    const [alice, bob] = [await agent(ALICE), await agent(BOB)];
    const client = await customer();
    const id = await askForPerson(client, 'need a manager', alice);
    await alice.api('POST', `/conversations/${id}/accept`);
    const bobFrames = bob.frames.length;
    expect((await alice.api('POST', `/conversations/${id}/transfer`, { to: 'bob' })).status).toBe(200);
    await saw(client, 'Alice is passing you to Bob');
    expect((await bob.frame((f) => f.type === 'assigned', 'assigned', bobFrames)).conversation).toMatchObject({ id, state: 'active' });
    expect((await alice.api('POST', `/conversations/${id}/messages`, { text: 'hi' })).status).toBe(403);
    expect((await bob.api('POST', `/conversations/${id}/messages`, { text: 'Bob here' })).status).toBe(201);
    await saw(client, 'Bob: Bob here');

    expect((await bob.api('POST', `/conversations/${id}/transfer`, { to: 'Nobody' })).status).toBe(404);
    expect((await bob.api('POST', `/conversations/${id}/transfer`, {})).status).toBe(200);
    await saw(client, 'Bob has put you back in the queue');
    expect((await alice.api('GET', '/queue')).body.waiting.some((w: { id: string }) => w.id === id)).toBe(true);
    const transfers = audit().filter((e) => e.handoff === id && e.action === 'transferred');
    expect(transfers.map((e) => [e.agent.name, e.to?.name ?? null])).toEqual([['Alice', 'Bob'], ['Bob', null]]);
  });
});

describe('who may do what', () => {
  test('when the agent API is called with no token, a customer token or the wrong agent, then it answers 401 or 403 in JSON', async () => {
    const alice = await agent(ALICE);
    const bob = await agent(BOB);
    const client = await customer();
    const id = await askForPerson(client, 'who can see this', alice);
    await alice.api('POST', `/conversations/${id}/accept`);
    const customerToken = (await postJson(`${server.url}/v3/directline/tokens/generate`, {})).body.token as string;

    const refused: Array<Record<string, string>> = [{}, { Authorization: `Bearer ${customerToken}` }, { Authorization: 'Bearer alice-token-0123456788' }, { Authorization: ALICE }];
    for (const headers of refused) {
      const res = await fetch(`${server.url}/api/agent/queue`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(await res.json()).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
    }
    for (const [method, route, body] of [['GET', 'transcript'], ['POST', 'messages', { text: 'hi' }], ['POST', 'end'], ['POST', 'typing'], ['GET', 'links'], ['POST', 'transfer', {}]] as const) {
      const res = await bob.api(method, `/conversations/${id}/${route}`, body);
      expect({ route, status: res.status, body: res.body }).toEqual({ route, status: 403, body: { error: { code: 'Forbidden', message: expect.any(String) } } });
    }
    const mine = (await bob.api('GET', '/queue')).body.mine;
    expect(mine.some((c: { id: string }) => c.id === id)).toBe(false);

    // The stream: a customer's token is refused with 4401.
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/agent/stream`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'auth', token: customerToken }));
    const code = await new Promise<number>((resolve) => ws.once('close', resolve));
    expect(code).toBe(4401);
  });

  test('when bodies are bad, then the answer is 400 with what is wrong', async () => {
    const alice = await agent(ALICE);
    const client = await customer();
    const id = await askForPerson(client, 'bad bodies', alice);
    await alice.api('POST', `/conversations/${id}/accept`);
    expect((await alice.api('POST', `/conversations/${id}/messages`, { text: '' })).body.error.message).toContain('text');
    expect((await alice.api('POST', `/conversations/${id}/messages`, { text: 'x'.repeat(4001) })).status).toBe(400);
    expect((await alice.api('POST', `/conversations/${id}/messages`, { text: 'hi', html: '<b>' })).status).toBe(400);
    expect((await alice.api('POST', `/conversations/${id}/messages`, { text: '<b></b>' })).status).toBe(400);
    expect((await alice.api('GET', '/knowledge')).status).toBe(400);
    expect((await alice.api('POST', '/conversations/nope/accept')).status).toBe(404);
  });
});

describe('knowledge for agents', () => {
  test('when an agent searches the knowledge base, then answers come with their text to insert', async () => {
    const alice = await agent(ALICE);
    const { body } = await alice.api('GET', '/knowledge?q=this%20code%20is%20not%20valid&brand=amazon');
    expect(body.results[0]).toMatchObject({ id: 'amazon/this-code-is-not-valid', kind: 'error', body: expect.stringContaining('Re-enter') });
    expect(body.results.length).toBeLessThanOrEqual(5);
  });
});

describe('when nobody is free', () => {
  let quick: TestServer;
  let quickData: string;
  beforeAll(async () => {
    quickData = mkdtempSync(path.join(tmpdir(), 'giftbot-timeout-'));
    quick = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, DATA_DIR: quickData, HANDOFF_TIMEOUT_SECONDS: '1' });
  });
  afterAll(() => quick.close());

  test('when nobody accepts in time, then the customer may leave a message and a contact, which the team can read', async () => {
    const alice = await agent(ALICE, quick);
    const client = await customer(quick);
    await client.say('talk to a person');
    await saw(client, 'In one line');
    await client.say('my card shows zero balance');
    await saw(client, 'Sorry — nobody from the support team has been free');
    await saw(client, 'Would you like to leave a message?');
    await client.say('Leave a message');
    await saw(client, 'What should the team know?');
    await client.say('It showed $50 yesterday and $0 today');
    await saw(client, 'email address or phone number');
    await client.say('not sure');
    await saw(client, "doesn't look like an email address");
    await client.say('sam@example.com');
    await saw(client, 'your message is with the support team');
    const { body } = await alice.api('GET', '/messages');
    expect(body.messages.find((m: { conversationId: string }) => m.conversationId === client.conversationId)).toMatchObject({
      channel: 'directline',
      summary: 'my card shows zero balance',
      message: 'It showed $50 yesterday and $0 today',
      contact: 'sam@example.com',
    });
    const entries = readRecords(quickData, 'audit');
    expect(entries.map((e) => e.action)).toEqual(['filed', 'timed-out']);
  });
});

describe('outside support hours', () => {
  let closed: TestServer;
  beforeAll(async () => {
    // A window on a day three days from today: whenever this runs, support is closed.
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][(new Date().getUTCDay() + 3) % 7];
    closed = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'giftbot-closed-')), SUPPORT_HOURS: `${day} 09:00-17:00`, SUPPORT_TIMEZONE: 'UTC' });
  });
  afterAll(() => closed.close());

  test('when someone asks for a person while support is closed, then they hear the hours and may leave a message instead', async () => {
    const alice = await agent(ALICE, closed);
    const client = await customer(closed);
    await client.say('talk to a person');
    await saw(client, 'In one line');
    await client.say('need help after hours');
    expect(await saw(client, "isn't available right now")).toMatch(/They're here \w{3} 09:00-17:00 \(UTC\)\./);
    await saw(client, 'Would you like to leave a message?');
    await client.say('no thanks');
    await saw(client, 'No problem');
    expect((await alice.api('GET', '/queue')).body.waiting).toEqual([]);
  });
});
