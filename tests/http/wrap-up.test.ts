import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import type { Customer } from '../helpers/directline-client';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { queuedCustomer } from '../helpers/queued-customer';

/**
 * Issue 15, macros and wrap-up: the team's macros filled for a conversation (only for its agent),
 * End's reasons and tags, and End with a reason storing record.wrapUp in the step that ends it.
 * A refused wrap-up changes nothing: the conversation stays active with its agent.
 */
const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789abc';
let server: TestServer;
let dataDir: string;
const customers: Customer[] = [];
const agents: AgentClient[] = [];
let alice: AgentClient;
let bob: AgentClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-wrap-up-'));
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB}`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  [alice, bob] = [await agentClient(server.url, ALICE), await agentClient(server.url, BOB)];
  agents.push(alice, bob);
});
afterAll(async () => {
  customers.forEach((c) => c.end());
  await Promise.all(agents.map((a) => a.close()));
  await server.close();
});

/** A Direct Line customer who asks for a person with `summary`; the id of their request, accepted by Alice. */
async function acceptedRequest(summary: string): Promise<{ id: string; customer: Customer }> {
  const customer = await queuedCustomer(server.url, summary, customers);
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'queued');
  expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  return { id: item.id as string, customer };
}

/** The record as stored in SQLite, as an operator would read it. */
function storedRecord(id: string): Record<string, any> {
  const db = new Database(path.join(dataDir, 'giftbot.db'), { readonly: true, fileMustExist: true });
  try {
    return JSON.parse((db.prepare('SELECT record FROM handoff_requests WHERE id = ?').get(id) as { record: string }).record);
  } finally {
    db.close();
  }
}

test('when an agent lists macros and wrap-up, then the team files are served as written', async () => {
  const macros = await alice.api('GET', '/macros');
  expect(macros.status).toBe(200);
  expect(macros.body.macros).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'ask-region', text: expect.stringContaining('{card}') })]));
  const wrapUp = await alice.api('GET', '/wrap-up');
  expect(wrapUp.body.reasons).toEqual(expect.arrayContaining([{ id: 'code-already-used', label: 'Code already used' }]));
  expect(wrapUp.body.tags).toContain('chargeback-risk');
  expect((await fetch(`${server.url}/api/agent/macros`)).status).toBe(401);
});

test('when the conversation names a brand and amount, then its macros are filled with them, only for its agent', async () => {
  const { id } = await acceptedRequest('$25 Xbox card will not load');
  const filled = await alice.api('GET', `/conversations/${id}/macros`);
  expect(filled.status).toBe(200);
  const byId = new Map<string, string>(filled.body.macros.map((m: { id: string; text: string }) => [m.id, m.text]));
  expect(byId.get('ask-region')).toContain('your Xbox gift card');
  expect(byId.get('store-credit')).toContain('$25');
  expect(byId.get('greeting')).toMatch(/^Hi, I'm Alice /);
  expect(JSON.stringify(filled.body)).not.toMatch(/\{(brand|card|amount|agent)\}|undefined/);
  expect((await bob.api('GET', `/conversations/${id}/macros`)).status).toBe(403);
  expect((await alice.api('GET', '/conversations/nope/macros')).status).toBe(404);
});

test('when nothing is known of the card, then neutral words stand in', async () => {
  const { id } = await acceptedRequest('refund for a card');
  const text = (await alice.api('GET', `/conversations/${id}/macros`)).body.macros.find((m: { id: string }) => m.id === 'store-credit').text as string;
  expect(text).toContain('your gift card');
  expect(text).toContain('the amount');
});

test('when End has a bad reason or bad tags, then 400 and the conversation stays active with its agent', async () => {
  const { id, customer } = await acceptedRequest('refund for a card please');
  for (const body of [{ reason: 'made-up' }, { tags: ['vip'] }, { reason: 'other', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, { reason: 'other', tags: ['x'.repeat(41)] }, { reason: 'other', colour: 'red' }]) {
    const refused = await alice.api('POST', `/conversations/${id}/end`, body);
    expect(refused.status).toBe(400);
  }
  expect((await alice.api('POST', `/conversations/${id}/end`, { reason: 'made-up' })).body.error.message).toContain('reason must be one of: redeemed-with-help');
  expect(storedRecord(id)).toMatchObject({ state: 'active', agent: { name: 'Alice' } });
  expect(storedRecord(id).wrapUp ?? null).toBeNull();
  expect((await alice.api('POST', `/conversations/${id}/messages`, { text: 'Still here.' })).status).toBe(201);
  await eventually(() => customer.texts().find((t) => t.includes('Still here.')), 8000, 'customer to get the message');
});

test('when End has a reason and tags, then the ended record carries them (trimmed, repeats once, codes hidden)', async () => {
  const { id, customer } = await acceptedRequest('refund for a card today');
  const ended = await alice.api('POST', `/conversations/${id}/end`, { reason: 'code-already-used', tags: ['  chargeback-risk ', 'chargeback-risk', 'code 4RTZ-X7KQ-2WVB-9PLM', '   '] });
  expect(ended.status).toBe(200);
  expect(ended.body.conversation).toMatchObject({ state: 'ended', wrapUp: { reason: 'code-already-used', tags: ['chargeback-risk', expect.stringContaining('[code hidden]')] } });
  expect(storedRecord(id)).toMatchObject({ state: 'ended', wrapUp: ended.body.conversation.wrapUp });
  expect(JSON.stringify(storedRecord(id))).not.toContain('X7KQ');
  await eventually(() => customer.texts().find((t) => /rate|how did/i.test(t)), 8000, 'customer to be asked for a rating');
  expect((await alice.api('POST', `/conversations/${id}/end`, { reason: 'other' })).status).toBe(404);
});

test('when End has no body, then it ends as before with no wrap-up', async () => {
  const { id } = await acceptedRequest('another question about cards');
  const ended = await alice.api('POST', `/conversations/${id}/end`);
  expect(ended.status).toBe(200);
  expect(ended.body.conversation).toMatchObject({ state: 'ended', wrapUp: null });
});
