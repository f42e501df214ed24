import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import type { Customer } from '../helpers/directline-client';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { customerSaw, queuedCustomer } from '../helpers/queued-customer';

/**
 * Issue 15, past conversations: a handoff chat is archived when it closes (SQLite, FTS5), found by
 * brand, words and agent, and exported as text and JSON with the pasted claim code still hidden.
 * The archive outlives a restart of the server on the same DATA_DIR.
 */
jest.setTimeout(60_000);

const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789abc';
const CODE = 'X7KQ-9PLM-4RTZ-2WVB';
let server: TestServer;
let dataDir: string;
const customers: Customer[] = [];
let alice: AgentClient;
let bob: AgentClient;
let handoffId: string;

const env = () => ({ AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB}`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-archive-http-'));
  server = await startTestServer(env());
  [alice, bob] = [await agentClient(server.url, ALICE), await agentClient(server.url, BOB)];

  // A customer asks for a person, pastes a claim code in the chat with Alice, and Alice ends it.
  const customer = await queuedCustomer(server.url, 'my $50 Amazon card says already redeemed', customers);
  const saw = (text: string) => customerSaw(customer, text);
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary.includes('already redeemed')), 8000, 'queued');
  handoffId = item.id;
  expect((await alice.api('POST', `/conversations/${handoffId}/accept`)).status).toBe(200);
  await customer.say(`here is the claim code ${CODE} from the back of the card`);
  await eventually(async () => (await alice.api('GET', `/conversations/${handoffId}/transcript`)).body.lines.find((l: { text: string }) => l.text.includes('claim code')), 8000, 'the agent to see the code message');
  expect((await alice.api('POST', `/conversations/${handoffId}/messages`, { text: 'Thanks, I am checking the redemption history' })).status).toBe(201);
  await saw('redemption history');
  expect((await alice.api('POST', `/conversations/${handoffId}/end`)).status).toBe(200);
});

afterAll(async () => {
  customers.forEach((c) => c.end());
  await Promise.all([alice?.close(), bob?.close()]);
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ids = (body: { conversations: Array<{ handoffId: string }> }) => body.conversations.map((c) => c.handoffId);

test('when an agent ends a chat, then a search by brand, words or agent finds it, without its transcript', async () => {
  const byBrand = await bob.api('GET', '/archive?brand=amazon');
  expect(byBrand.status).toBe(200);
  expect(ids(byBrand.body)).toEqual([handoffId]);
  const found = byBrand.body.conversations[0];
  expect(found).toMatchObject({ channel: 'directline', brand: 'amazon', amount: 50, agent: { id: 'token:Alice', name: 'Alice' }, state: 'ended', summary: expect.stringContaining('already redeemed') });
  expect(found.userId).toEqual(expect.any(String));
  expect(found.text).toBeUndefined();
  expect(found.preview.length).toBeLessThanOrEqual(160);
  expect(Date.parse(found.closedAt)).toBeGreaterThanOrEqual(Date.parse(found.filedAt));

  expect(ids((await bob.api('GET', '/archive?q=redemption%20HISTORY')).body)).toEqual([handoffId]);
  expect(ids((await bob.api('GET', '/archive?q=claim%20code&agent=token%3AAlice')).body)).toEqual([handoffId]);
  expect(ids((await bob.api('GET', '/archive?agent=token%3ABob')).body)).toEqual([]);
  expect(ids((await bob.api('GET', '/archive?brand=steam')).body)).toEqual([]);
  // FTS5 syntax is read as plain words: `"OR*` is the word "or" (the bot said it), never an operator.
  expect(ids((await bob.api('GET', '/archive?q=%22OR*')).body)).toEqual([handoffId]);
  expect(ids((await bob.api('GET', '/archive?q=%22OR*%20zzqx')).body)).toEqual([]);
  const today = new Date().toISOString().slice(0, 10);
  expect(ids((await bob.api('GET', `/archive?from=${today}&to=${today}`)).body)).toEqual([handoffId]);
  expect(ids((await bob.api('GET', `/archive?to=${Date.parse(found.filedAt)}`)).body)).toEqual([]);
  // The code itself is never a word the archive holds.
  expect(ids((await bob.api('GET', `/archive?q=${CODE}`)).body)).toEqual([]);
});

test('when the transcript is exported as text, then it is a download of dated lines with the code hidden', async () => {
  const res = await fetch(`${server.url}/api/agent/archive/${handoffId}/transcript?format=text`, { headers: { Authorization: `Bearer ${BOB}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?conversation-[\w-]+\.txt"?$/);
  const text = await res.text();
  expect(text).not.toContain(CODE);
  expect(text).not.toContain('9PLM');
  expect(text).toMatch(/^Conversation \S+ \(directline /);
  expect(text).toMatch(/^\d{4}-\d\d-\d\dT\S+Z {2}[^\n]*\(customer\): here is the claim code /m);
  expect(text).toMatch(/^\S+ {2}Alice \(agent\): Thanks, I am checking the redemption history$/m);
});

test('when the transcript is exported as JSON, then it holds the conversation and its lines, the code hidden', async () => {
  const res = await fetch(`${server.url}/api/agent/archive/${handoffId}/transcript?format=json`, { headers: { Authorization: `Bearer ${BOB}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?conversation-[\w-]+\.json"?$/);
  const raw = await res.text();
  expect(raw).not.toContain(CODE);
  const body = JSON.parse(raw);
  expect(body.conversation).toMatchObject({ handoffId, brand: 'amazon', agent: { name: 'Alice' } });
  expect(body.lines).toEqual(expect.arrayContaining([{ at: expect.stringMatching(/Z$/), who: 'Alice (agent)', text: 'Thanks, I am checking the redemption history' }]));
  const codeLine = body.lines.find((l: { text: string }) => l.text.startsWith('here is the claim code'));
  expect(codeLine.who).toMatch(/\(customer\)$/);
  expect(codeLine.text).toMatch(/from the back of the card$/);
});

test('when a query or id is wrong, then it is a clear 4xx and the server goes on', async () => {
  for (const [query, field] of [['from=yesterday', 'from'], ['to=2026-13-45', 'to'], ['limit=0', 'limit'], ['limit=9999', 'limit'], ['brand=', 'brand']] as const) {
    const res = await bob.api('GET', `/archive?${query}`);
    expect({ query, status: res.status, code: res.body.error.code }).toEqual({ query, status: 400, code: 'BadRequest' });
    expect(res.body.error.message).toContain(field);
    expect(res.body.error.message).not.toMatch(/\bat \S+\.(ts|js):\d+/);
  }
  // Words with no letter or digit would match nothing to narrow by, so every conversation: refused.
  for (const q of ['***', '%22%20-%20%22', '%E2%80%94']) {
    const res = await bob.api('GET', `/archive?q=${q}`);
    expect({ q, status: res.status }).toEqual({ q, status: 400 });
    expect(res.body.error.message).toContain('q: needs at least one letter or digit');
  }
  expect((await bob.api('GET', '/archive/nope/transcript')).status).toBe(404);
  expect((await bob.api('GET', `/archive/${handoffId}/transcript?format=pdf`)).status).toBe(400);
  expect((await fetch(`${server.url}/api/agent/archive?brand=amazon`)).status).toBe(401);
  expect((await bob.api('GET', '/archive?brand=amazon')).status).toBe(200);
});

test('when a customer leaves the queue before anyone accepts, then the archive keeps it as cancelled, with no agent', async () => {
  const customer = await queuedCustomer(server.url, 'my Xbox card balance vanished', customers);
  const saw = (text: string) => customerSaw(customer, text);
  await customer.say('cancel');
  await saw("You've left the queue");
  const found = await eventually(async () => (await bob.api('GET', '/archive?q=balance%20vanished')).body.conversations[0], 8000, 'the cancelled request archived');
  expect(found).toMatchObject({ state: 'cancelled', agent: null, acceptedAt: null, reason: null, tags: [] });
  expect(ids((await bob.api('GET', '/archive?limit=1')).body)).toEqual([found.handoffId]);
});

test("when the customer leaves the chat, then the archive holds the turn that closed it too (the customer's last words)", async () => {
  const customer = await queuedCustomer(server.url, 'my Roblox card shows zero', customers);
  const saw = (text: string) => customerSaw(customer, text);
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary.includes('Roblox')), 8000, 'queued');
  expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  await customer.say('cancel');
  await saw('Leave the chat with Alice?');
  await customer.say('Yes');
  await saw("You've left the chat with Alice");
  const exported = () => fetch(`${server.url}/api/agent/archive/${item.id}/transcript?format=json`, { headers: { Authorization: `Bearer ${BOB}` } }).then((r) => r.json() as Promise<{ conversation?: { state: string }; lines: { who: string; text: string }[] }>);
  const last = await eventually(async () => {
    const { conversation, lines } = await exported();
    return conversation?.state === 'ended' && lines.at(-1)?.text === 'Yes' ? lines.at(-1) : undefined;
  }, 8000, "the archive to hold the customer's Yes");
  expect(last.who).toMatch(/\(customer\)$/);
});

test('when the server restarts on the same DATA_DIR, then the archive is still there', async () => {
  await Promise.all([alice.close(), bob.close()]);
  await server.close();
  server = await startTestServer(env());
  [alice, bob] = [await agentClient(server.url, ALICE), await agentClient(server.url, BOB)];
  expect(ids((await bob.api('GET', '/archive?q=redemption')).body)).toEqual([handoffId]);
});
