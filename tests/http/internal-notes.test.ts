import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { readRecords } from '../helpers/records';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15: internal notes. The agent holding a conversation writes notes kept with it (the notes
 * log, SQLite here), codes hidden; the customer never gets one on their Direct Line; another agent
 * is refused; a colleague who gets the conversation by transfer reads them.
 */
const ALICE = 'alice-notes-token-0123456789';
const BOB = 'bob-notes-token-0123456789ab';
const SAM = 'sam-notes-token-0123456789ab';
const CODE = '4RTZ-X7KQ-2WVB-9PLM';
let server: TestServer;
let dataDir: string;
let customer: Customer;
let alice: AgentClient;
let bob: AgentClient;
let sam: AgentClient;
let id: string;

const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-notes-'));
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB},Sam:${SAM}:supervisor`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  [alice, bob, sam] = [await agentClient(server.url, ALICE), await agentClient(server.url, BOB), await agentClient(server.url, SAM)];
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say('card balance is wrong');
  await saw('in the queue');
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === 'card balance is wrong'), 8000, 'queued');
  id = item.id as string;
  expect((await alice.api('POST', `/conversations/${id}/accept`)).status).toBe(200);
});
afterAll(async () => {
  customer?.end();
  await Promise.all([alice?.close(), bob?.close(), sam?.close()]);
  await server.close();
});

test('when Alice writes a note, then it is kept (code hidden), listed, and the customer never gets it while the message after it arrives', async () => {
  const added = await alice.api('POST', `/conversations/${id}/notes`, { text: `  Checking the balance with finance. Customer read me ${CODE}  ` });
  expect(added).toEqual({ status: 201, body: { note: { at: expect.any(String), agent: 'Alice', agentId: 'token:Alice', text: 'Checking the balance with finance. Customer read me [code hidden]' } } });
  expect((await alice.api('GET', `/conversations/${id}/notes`)).body).toEqual({ notes: [added.body.note] });

  // The message is sent after the note: once the customer has it, the note would have come first.
  expect((await alice.api('POST', `/conversations/${id}/messages`, { text: 'Let me check that balance for you.' })).status).toBe(201);
  await saw('Let me check that balance for you.');
  const everything = JSON.stringify(customer.seen);
  expect(everything).not.toContain('finance');
  expect(everything).not.toContain('[code hidden]');
  expect(everything).not.toContain(CODE);

  // Stored with the conversation, in the notes log, never the code.
  const stored = readRecords(dataDir, 'notes').filter((n) => n.log === 'internal');
  expect(stored).toEqual([expect.objectContaining({ conversationId: expect.any(String), channel: 'directline', values: expect.objectContaining({ handoff: id, note: expect.stringContaining('[code hidden]') }) })]);
  expect(JSON.stringify(readRecords(dataDir, 'notes'))).not.toContain(CODE);
  // Nor in the agent's transcript: notes are not lines of the conversation.
  expect(JSON.stringify((await alice.api('GET', `/conversations/${id}/transcript`)).body.lines)).not.toContain('finance');
});

test.each([
  ['no body', undefined],
  ['an empty text', { text: '   ' }],
  ['a text over 2000 characters', { text: 'x'.repeat(2001) }],
  ['a text that is not a string', { text: 42 }],
  ['another field', { text: 'fine', to: 'customer' }],
])('when the note has %s, then 400 and nothing is kept', async (_what, body) => {
  const before = readRecords(dataDir, 'notes').length;
  const answer = await alice.api('POST', `/conversations/${id}/notes`, body);
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('BadRequest');
  expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+/);
  expect(readRecords(dataDir, 'notes')).toHaveLength(before);
});

test('when Bob, who does not hold the conversation, reads or writes notes, then 403; an unknown conversation is 404; no token is 401', async () => {
  expect((await bob.api('GET', `/conversations/${id}/notes`)).status).toBe(403);
  expect((await bob.api('POST', `/conversations/${id}/notes`, { text: 'sneaky' })).status).toBe(403);
  expect((await alice.api('GET', '/conversations/no-such-request/notes')).status).toBe(404);
  expect((await fetch(`${server.url}/api/agent/conversations/${id}/notes`)).status).toBe(401);
  expect(JSON.stringify(readRecords(dataDir, 'notes'))).not.toContain('sneaky');
});

test('when Alice transfers the conversation to Bob, then Bob reads her notes and adds his own after them', async () => {
  expect((await alice.api('POST', `/conversations/${id}/transfer`, { to: 'token:Bob' })).status).toBe(200);
  expect((await alice.api('GET', `/conversations/${id}/notes`)).status).toBe(403);
  expect((await bob.api('POST', `/conversations/${id}/notes`, { text: 'Finance says the balance is right.' })).status).toBe(201);
  const notes = (await bob.api('GET', `/conversations/${id}/notes`)).body.notes as Array<{ agent: string; text: string }>;
  expect(notes.map((n) => [n.agent, n.text])).toEqual([
    ['Alice', 'Checking the balance with finance. Customer read me [code hidden]'],
    ['Bob', 'Finance says the balance is right.'],
  ]);
  expect(JSON.stringify(customer.seen)).not.toContain('Finance says');
});

test('when Sam, a supervisor, reads the notes of Bob\'s conversation, then he may, during and after it, but he cannot write one', async () => {
  const read = async (client: AgentClient) => ((await client.api('GET', `/conversations/${id}/notes`)).body.notes as Array<{ agent: string }>)?.map((n) => n.agent);
  expect(await read(sam)).toEqual(['Alice', 'Bob']);
  expect((await sam.api('POST', `/conversations/${id}/notes`, { text: 'not his to write' })).status).toBe(403);
  expect((await sam.api('GET', `/conversations/${id}/context`)).status).toBe(200);
  expect((await bob.api('POST', `/conversations/${id}/end`)).status).toBe(200);
  expect(await read(sam)).toEqual(['Alice', 'Bob']);
  // Once it has ended, the agent's own routes answer 404 like the rest of a closed conversation.
  expect((await bob.api('GET', `/conversations/${id}/notes`)).status).toBe(404);
});

test('when Alice writes a note, then it arrives live on her stream and a supervisor\'s (Sam), never on Bob\'s, who does not hold the chat', async () => {
  // A chat of its own, so the notes counted by the tests above stay as they were.
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const other = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  const seen = (text: string) => eventually(() => other.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
  try {
    await seen("I'm giftbot");
    await other.say('talk to a person');
    await seen('In one line');
    await other.say('balance still wrong after a day');
    const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === 'balance still wrong after a day'), 8000, 'queued');
    expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
    await noteGoesLive(item.id as string, other);
  } finally {
    other.end();
  }
});

async function noteGoesLive(id: string, customer: Customer): Promise<void> {
  const marks = [alice, bob, sam].map((a) => a.frames.length);
  const added = await alice.api('POST', `/conversations/${id}/notes`, { text: 'Finance says the balance updates overnight.' });
  expect(added.status).toBe(201);
  const live = { type: 'note', id, note: added.body.note };
  expect(await alice.frame((f) => f.type === 'note', "Alice's stream to get her note", marks[0])).toEqual(live);
  expect(await sam.frame((f) => f.type === 'note', "the supervisor's stream to get the note", marks[2])).toEqual(live);
  // A socket's frames keep their order: the pong answers after anything sent before it, so no note came.
  bob.send({ type: 'ping' });
  await bob.frame((f) => f.type === 'pong', "Bob's pong", marks[1]);
  expect(bob.frames.slice(marks[1]).filter((f) => f.type === 'note')).toEqual([]);
  expect(JSON.stringify(customer.seen)).not.toContain('overnight');
}
