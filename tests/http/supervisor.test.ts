import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { readRecords } from '../helpers/records';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15's supervisor: an AGENT_TOKENS entry ending in :supervisor sees the team (waiting and live
 * chats with their times, agents with status and load, messages left) and takes chats over or
 * reassigns them; the agent who had one is told on their stream and loses it; every move is audited.
 * Everyone else gets 403.
 */
const ANA = 'ana-token-supervisor-0123456789';
const BO = 'bo-token-supervisor-0123456789';
const SAM = 'sam-token-supervisor-0123456789';
let server: TestServer;
let dataDir: string;
const customers: Customer[] = [];
const agents: AgentClient[] = [];
let ana: AgentClient;
let bo: AgentClient;
let sam: AgentClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-supervisor-'));
  server = await startTestServer({ AGENT_TOKENS: `Ana:${ANA},Bo:${BO},Sam:${SAM}:supervisor`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  [ana, bo, sam] = [await agentClient(server.url, ANA), await agentClient(server.url, BO), await agentClient(server.url, SAM)];
  agents.push(ana, bo, sam);
});
afterAll(async () => {
  for (const c of customers) c.end();
  await Promise.all(agents.map((a) => a.close()));
  await server.close();
});

const saw = (customer: Customer, text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);

/** A website customer who asked for a person with `summary`; the request's id once it is queued. */
async function queued(on: TestServer, by: AgentClient, summary: string): Promise<{ customer: Customer; id: string }> {
  const { body } = await postJson(`${on.url}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${on.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(customer);
  await saw(customer, "I'm giftbot");
  await customer.say('talk to a person');
  await saw(customer, 'In one line');
  await customer.say(summary);
  const item = await eventually(async () => (await by.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, `"${summary}" queued`);
  return { customer, id: item.id as string };
}

let live: { customer: Customer; id: string };
let waiting: { customer: Customer; id: string };

test('when an agent calls a supervisor route, then it is 403 and nothing moves; /me says who is a supervisor', async () => {
  expect((await sam.api('GET', '/me')).body).toMatchObject({ agent: { id: 'token:Sam' }, role: 'supervisor' });
  expect((await ana.api('GET', '/me')).body).toMatchObject({ role: 'agent' });
  for (const [method, route, body] of [['GET', '/supervisor/overview'], ['POST', '/supervisor/conversations/h1/take-over'], ['POST', '/supervisor/conversations/h1/reassign', { to: 'token:Ana' }]] as const) {
    const refused = await ana.api(method, route, body);
    expect(refused).toEqual({ status: 403, body: { error: { code: 'Forbidden', message: expect.stringContaining('Only supervisors') } } });
  }
});

test('when one chat is live with Ana and one waits, then the overview shows both with their times, and every agent with status and load', async () => {
  live = await queued(server, ana, 'my Steam card was declined');
  expect((await ana.api('POST', `/conversations/${live.id}/accept`)).status).toBe(200);
  waiting = await queued(server, ana, 'refund for a card');
  expect((await bo.api('POST', '/me/status', { status: 'available' })).status).toBe(200);
  // Long enough for both clocks to pass a whole second.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const { status, body } = await sam.api('GET', '/supervisor/overview');
  expect(status).toBe(200);
  expect(Date.parse(body.at)).toBeGreaterThan(Date.now() - 10_000);
  expect(body.waiting).toEqual([expect.objectContaining({ id: waiting.id, summary: 'refund for a card', position: 1, waitingSeconds: expect.any(Number) })]);
  expect(body.waiting[0].waitingSeconds).toBeGreaterThanOrEqual(1);
  expect(body.live).toEqual([expect.objectContaining({ id: live.id, agent: { id: 'token:Ana', name: 'Ana' }, state: 'active', handleSeconds: expect.any(Number), waitedSeconds: expect.any(Number) })]);
  expect(body.live[0].handleSeconds).toBeGreaterThanOrEqual(1);
  expect(body.live[0].waitedSeconds).toBeGreaterThanOrEqual(0);
  expect(body.agents).toEqual([
    { id: 'token:Ana', name: 'Ana', you: false, status: 'offline', load: 1 },
    { id: 'token:Bo', name: 'Bo', you: false, status: 'available', load: 0 },
    { id: 'token:Sam', name: 'Sam', you: true, status: 'offline', load: 0 },
  ]);
  expect(body.messages).toEqual([]);
});

test("when Sam takes over Ana's live chat, then Ana's console is told and loses it, the customer hears it, and Sam can write", async () => {
  const mark = ana.frames.length;
  const taken = await sam.api('POST', `/supervisor/conversations/${live.id}/take-over`);
  expect(taken).toMatchObject({ status: 200, body: { from: { id: 'token:Ana' }, conversation: { id: live.id, agent: { id: 'token:Sam' }, state: 'active' } } });
  await ana.frame((f) => f.type === 'ended' && f.id === live.id && f.by === 'supervisor', "Ana's console to lose the chat", mark);
  await sam.frame((f) => f.type === 'assigned' && f.conversation?.id === live.id, "Sam's console to get it");
  expect((await ana.api('POST', `/conversations/${live.id}/messages`, { text: 'still here?' })).status).toBe(403);
  await saw(live.customer, 'Ana is passing you to Sam');
  expect((await sam.api('POST', `/conversations/${live.id}/messages`, { text: 'Sam here, I can help.' })).status).toBe(201);
  await saw(live.customer, 'Sam here, I can help.');
  // Once more is a clear refusal, not a second move.
  expect((await sam.api('POST', `/supervisor/conversations/${live.id}/take-over`)).status).toBe(409);
});

test('when Sam reassigns the live chat to Bo and the waiting one to away Ana, then each gets it; an offline agent, an unknown one and a bad body are refused', async () => {
  const moved = await sam.api('POST', `/supervisor/conversations/${live.id}/reassign`, { to: 'token:Bo' });
  expect(moved).toMatchObject({ status: 200, body: { from: { id: 'token:Sam' }, conversation: { agent: { id: 'token:Bo' } } } });
  await sam.frame((f) => f.type === 'ended' && f.id === live.id && f.by === 'supervisor', "Sam's console to lose it");
  await bo.frame((f) => f.type === 'assigned' && f.conversation?.id === live.id, "Bo's console to get it");
  expect((await bo.api('POST', `/conversations/${live.id}/messages`, { text: 'Bo now.' })).status).toBe(201);

  const offline = await sam.api('POST', `/supervisor/conversations/${waiting.id}/reassign`, { to: 'Ana' });
  expect(offline).toEqual({ status: 409, body: { error: { code: 'Conflict', message: expect.stringContaining('Ana is offline') } } });
  expect((await ana.api('POST', '/me/status', { status: 'away' })).status).toBe(200);
  const given = await sam.api('POST', `/supervisor/conversations/${waiting.id}/reassign`, { to: 'Ana' });
  expect(given).toMatchObject({ status: 200, body: { from: null, conversation: { id: waiting.id, agent: { id: 'token:Ana' }, state: 'active' } } });
  await ana.frame((f) => f.type === 'assigned' && f.conversation?.id === waiting.id, "Ana's console to get the waiting one");
  await saw(waiting.customer, 'Ana');

  expect((await sam.api('POST', `/supervisor/conversations/${waiting.id}/reassign`, { to: 'token:Ana' })).status).toBe(409);
  expect(await sam.api('POST', `/supervisor/conversations/${live.id}/reassign`, { to: 'carol' })).toEqual({ status: 404, body: { error: { code: 'UnknownAgent', message: expect.any(String) } } });
  for (const body of [{}, { to: '' }, { to: 'token:Ana', extra: 1 }, { to: 7 }]) {
    const refused = await sam.api('POST', `/supervisor/conversations/${live.id}/reassign`, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('BadRequest');
  }
  expect((await sam.api('POST', '/supervisor/conversations/h999-none/take-over')).status).toBe(404);
  expect((await sam.api('POST', '/supervisor/conversations/h999-none/reassign', { to: 'token:Bo' })).status).toBe(404);

  // Refusals moved nothing: the overview agrees with the three moves.
  const { body } = await sam.api('GET', '/supervisor/overview');
  expect(body.waiting).toEqual([]);
  expect(Object.fromEntries(body.live.map((c: { id: string; agent: { id: string } }) => [c.id, c.agent.id]))).toEqual({ [live.id]: 'token:Bo', [waiting.id]: 'token:Ana' });
  expect(body.agents.map((a: { id: string; load: number; status: string }) => [a.id, a.status, a.load])).toEqual([
    ['token:Ana', 'away', 1],
    ['token:Bo', 'available', 1],
    ['token:Sam', 'offline', 0],
  ]);
});

test('when chats were moved, then the audit log says who had each, who has it now and which supervisor did it', () => {
  const moves = readRecords(dataDir, 'audit').filter((e) => e.action === 'taken-over' || e.action === 'reassigned');
  const sam = { id: 'token:Sam', name: 'Sam' };
  expect(moves).toEqual([
    expect.objectContaining({ action: 'taken-over', handoff: live.id, agent: { id: 'token:Ana', name: 'Ana' }, to: sam, supervisor: sam, by: 'supervisor' }),
    expect.objectContaining({ action: 'reassigned', handoff: live.id, agent: sam, to: { id: 'token:Bo', name: 'Bo' }, supervisor: sam, by: 'supervisor' }),
    expect.objectContaining({ action: 'reassigned', handoff: waiting.id, agent: null, to: { id: 'token:Ana', name: 'Ana' }, supervisor: sam, by: 'supervisor' }),
  ]);
});

describe('messages left', () => {
  let quick: TestServer;
  beforeAll(async () => {
    quick = await startTestServer({ AGENT_TOKENS: `Sam:${SAM}:supervisor`, HANDOFF_TIMEOUT_SECONDS: '1', HANDOFF_NOBODY_TIMEOUT_SECONDS: '1' });
  });
  afterAll(() => quick.close());

  /** A customer on the quick server who times out and leaves `message`. */
  async function leaves(summary: string, message: string): Promise<void> {
    const { body } = await postJson(`${quick.url}/v3/directline/tokens/generate`, {});
    const customer = directLineClient({ domain: `${quick.url}/v3/directline`, token: body.token, webSocket: true });
    customers.push(customer);
    await saw(customer, "I'm giftbot");
    await customer.say('talk to a person');
    await saw(customer, 'In one line');
    // The request times out within a second or two: nobody is there to take it.
    await customer.say(summary);
    await saw(customer, 'Would you like to leave a message?');
    await customer.say('Leave a message');
    await saw(customer, 'What should the team know?');
    await customer.say(message);
    await saw(customer, 'email address or phone number');
    await customer.say('sam@example.com');
    await saw(customer, 'your message is with the support team');
  }

  test('when customers leave messages after a time-out, then the overview lists them, newest first', async () => {
    const lead = await agentClient(quick.url, SAM);
    agents.push(lead);
    await leaves('my card shows zero balance', 'It showed $50 yesterday and $0 today');
    await leaves('a refund for a gift card please', 'Bought it at a shop, never used');
    const { body } = await lead.api('GET', '/supervisor/overview');
    expect(body.messages).toEqual([
      { at: expect.any(String), conversationId: expect.any(String), channel: 'directline', brand: null, summary: 'a refund for a gift card please', message: 'Bought it at a shop, never used', contact: 'sam@example.com' },
      { at: expect.any(String), conversationId: expect.any(String), channel: 'directline', brand: null, summary: 'my card shows zero balance', message: 'It showed $50 yesterday and $0 today', contact: 'sam@example.com' },
    ]);
    expect(Date.parse(body.messages[0].at)).toBeGreaterThanOrEqual(Date.parse(body.messages[1].at));
  });
});

test('when a supervisor moves a chat naming the holder they saw (from) and it changed hands since, then 409 "changed hands meanwhile" and nothing moves; a bad from is 400', async () => {
  // The live chat is Bo's now (reassigned above); a supervisor acting on an older overview still sees Sam.
  const stale = await sam.api('POST', `/supervisor/conversations/${live.id}/take-over`, { from: 'token:Sam' });
  expect(stale).toEqual({ status: 409, body: { error: { code: 'Conflict', message: expect.stringContaining('changed hands meanwhile') } } });
  const staleGive = await sam.api('POST', `/supervisor/conversations/${live.id}/reassign`, { to: 'token:Ana', from: null });
  expect(staleGive.status).toBe(409);
  expect(staleGive.body.error.message).toContain('changed hands meanwhile');
  for (const body of [{ from: 7 }, { from: '' }, { from: 'token:Bo', extra: 1 }]) {
    const refused = await sam.api('POST', `/supervisor/conversations/${live.id}/take-over`, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('BadRequest');
  }
  const overview = (await sam.api('GET', '/supervisor/overview')).body;
  expect(overview.live.find((c: { id: string }) => c.id === live.id)).toMatchObject({ agent: { id: 'token:Bo' } });
  const taken = await sam.api('POST', `/supervisor/conversations/${live.id}/take-over`, { from: 'token:Bo' });
  expect(taken).toMatchObject({ status: 200, body: { from: { id: 'token:Bo' }, conversation: { agent: { id: 'token:Sam' } } } });
  await bo.frame((f) => f.type === 'ended' && f.id === live.id && f.by === 'supervisor', "Bo's console to lose it");
});
