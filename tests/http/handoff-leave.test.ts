import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { readRecords } from '../helpers/records';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15, bug 2: while an agent has the conversation, everyday phrases ("cancel my order") are
 * messages for the agent, not a way out. Only "cancel" alone asks "Leave the chat with Alice?", and
 * only yes leaves. A real server, a customer on the Direct Line client, an agent on the agent API.
 */
const ALICE = 'alice-token-0123456789';

let server: TestServer;
let dataDir: string;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-leave-'));
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600' });
});
afterEach(async () => {
  customers.splice(0).forEach((c) => c.end());
  await Promise.all(agents.splice(0).map((a) => a.close()));
});
afterAll(() => server.close());

async function customer(): Promise<Customer> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const client = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(client);
  await saw(client, "I'm giftbot");
  return client;
}

function saw(client: Customer, text: string, from = 0): Promise<string> {
  return eventually(() => client.texts().slice(from).find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
}

/** A customer in a live chat with Alice; the request's id. */
async function inChat(alice: AgentClient, client: Customer, summary: string): Promise<string> {
  await client.say('talk to a person');
  await saw(client, 'In one line');
  await client.say(summary);
  await saw(client, 'in the queue');
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'request in the queue');
  expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  await saw(client, 'Alice from the support team has joined');
  return item.id as string;
}

const customerLine = (id: string, text: string) => (f: { type: string; id?: string; line?: { from: string; text: string } }) => f.type === 'message' && f.id === id && f.line?.from === 'customer' && f.line.text.trim() === text.trim();

test('when the customer uses everyday phrases with "cancel" in them, then each reaches the agent and the chat stays active', async () => {
  const alice = await agentClient(server.url, ALICE);
  agents.push(alice);
  const client = await customer();
  const id = await inChat(alice, client, 'my order went wrong');
  for (const phrase of ['cancel my order', 'actually never mind, cancel', 'can I cancel the card?', 'never mind, found it']) {
    const frames = alice.frames.length;
    const seen = client.texts().length;
    await client.say(phrase);
    expect((await alice.frame(customerLine(id, phrase), `"${phrase}" at the agent`, frames)).line).toMatchObject({ from: 'customer', text: phrase });
    // The agent's next message arrives after it: the chat is still open, and the bot said nothing in between.
    expect((await alice.api('POST', `/conversations/${id}/messages`, { text: `got "${phrase}"` })).status).toBe(201);
    await saw(client, `Alice: got "${phrase}"`, seen);
    expect(client.texts().slice(seen)).toEqual([`Alice: got "${phrase}"`]);
    expect(alice.frames.slice(frames).some((f) => f.type === 'ended')).toBe(false);
  }
  expect((await alice.api('GET', '/queue')).body.mine.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([[id, 'active']]);
});

test('when the customer says "cancel" alone, then they are asked first: no stays with the agent, yes leaves and the agent hears it', async () => {
  const alice = await agentClient(server.url, ALICE);
  agents.push(alice);
  const client = await customer();
  const id = await inChat(alice, client, 'wrong region card');

  let frames = alice.frames.length;
  await client.say(' Cancel. ');
  expect(await saw(client, 'Leave the chat with Alice?')).toBe('Leave the chat with Alice?');
  await alice.frame(customerLine(id, ' Cancel. '), '"cancel" at the agent', frames);
  await alice.frame((f) => f.type === 'message' && f.id === id && f.line.from === 'bot' && f.line.text === 'Leave the chat with Alice?', 'the question at the agent', frames);
  await client.say('No');
  await saw(client, "OK — you're still with Alice.");
  await alice.frame(customerLine(id, 'No'), '"no" at the agent', frames);
  expect(alice.frames.slice(frames).some((f) => f.type === 'ended')).toBe(false);
  expect((await alice.api('POST', `/conversations/${id}/messages`, { text: 'still here' })).status).toBe(201);
  await saw(client, 'Alice: still here');

  // A question not answered is dropped: a later "yes" is just a message for the agent.
  await client.say('cancel');
  await saw(client, 'Leave the chat with Alice?', client.texts().indexOf('Alice: still here'));
  await client.say('the code says invalid');
  await client.say('yes');
  await alice.frame(customerLine(id, 'yes'), 'a plain "yes" at the agent', frames);
  expect(alice.frames.slice(frames).some((f) => f.type === 'ended')).toBe(false);

  frames = alice.frames.length;
  const seen = client.texts().length;
  await client.say('cancel');
  await saw(client, 'Leave the chat with Alice?', seen);
  await client.say('Yes');
  await saw(client, "You've left the chat with Alice", seen);
  await alice.frame(customerLine(id, 'Yes'), 'the answer at the agent', frames);
  expect(await alice.frame((f) => f.type === 'ended' && f.id === id, 'ended', frames)).toEqual({ type: 'ended', id, by: 'customer' });
  const audit = readRecords(dataDir, 'audit').filter((e) => e.handoff === id);
  expect(audit.map((e) => [e.action, e.by])).toEqual([['filed', 'customer'], ['accepted', 'agent'], ['ended', 'customer']]);
  await client.say('hello');
  await saw(client, 'What would you like to do?', seen);
});

test('when a waiting customer says "cancel my order", then they keep their place; "cancel" alone leaves the queue at once', async () => {
  const alice = await agentClient(server.url, ALICE);
  agents.push(alice);
  const client = await customer();
  await client.say('talk to a person');
  await saw(client, 'In one line');
  await client.say('refund please');
  await saw(client, 'in the queue');
  const seen = client.texts().length;
  await client.say('cancel my order');
  await client.say('cancel');
  await saw(client, "You've left the queue", seen);
  expect(client.texts().slice(seen)).toEqual(["You've left the queue. I'm here again — what can I help with?"]);
});
