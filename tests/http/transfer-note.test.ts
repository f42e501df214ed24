import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { readRecords } from '../helpers/records';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15: a transfer takes a handover note. It is stored with the conversation (the notes log),
 * codes hidden, handed to whoever holds the conversation next in the transcript answer, and never
 * sent to the customer. A refused transfer stores nothing and changes nothing.
 */
const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789abc';
let server: TestServer;
let dataDir: string;
let customer: Customer;
const agents: AgentClient[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-note-'));
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB}`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
});
afterAll(async () => {
  customer?.end();
  await Promise.all(agents.map((a) => a.close()));
  await server.close();
});

const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);

test('when Alice transfers with a note, then Bob reads it (code hidden) in the transcript answer and the customer never gets it', async () => {
  const [alice, bob] = [await agentClient(server.url, ALICE), await agentClient(server.url, BOB)];
  agents.push(alice, bob);
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say('refund for a card');
  await saw('in the queue');
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === 'refund for a card'), 8000, 'queued');
  const id = item.id as string;
  expect((await alice.api('POST', `/conversations/${id}/accept`)).status).toBe(200);

  const refused = await alice.api('POST', `/conversations/${id}/transfer`, { to: 'carol', note: 'should not be kept' });
  expect(refused).toEqual({ status: 404, body: { error: { code: 'UnknownAgent', message: expect.stringContaining('No agent with that id has signed in') } } });
  expect((await alice.api('POST', `/conversations/${id}/transfer`, { to: 'token:Bob', note: 'x'.repeat(1001) })).status).toBe(400);
  expect((await alice.api('GET', `/conversations/${id}/transcript`)).body.handover).toEqual([]);

  const note = 'Customer read me 4RTZ-X7KQ-2WVB-9PLM; wants a refund, not a swap.';
  expect((await alice.api('POST', `/conversations/${id}/transfer`, { to: 'token:Bob', note })).status).toBe(200);
  await saw('Alice is passing you to Bob');
  const transcript = (await bob.api('GET', `/conversations/${id}/transcript`)).body;
  expect(transcript.handover).toEqual([{ at: expect.any(String), from: 'Alice', to: 'Bob', note: expect.stringMatching(/^Customer read me \[code hidden\].* a refund, not a swap\.$/) }]);
  const kept = transcript.handover[0].note as string;

  // Back to the queue with a note: whoever accepts next reads both, oldest first.
  expect((await bob.api('POST', `/conversations/${id}/transfer`, { note: 'Needs a manager.' })).status).toBe(200);
  expect((await alice.api('POST', `/conversations/${id}/accept`)).status).toBe(200);
  expect((await alice.api('GET', `/conversations/${id}/transcript`)).body.handover.map((h: { from: string; to: string | null; note: string }) => [h.from, h.to, h.note])).toEqual([
    ['Alice', 'Bob', kept],
    ['Bob', null, 'Needs a manager.'],
  ]);
  expect(customer.texts().some((t) => t.includes('refund, not a swap') || t.includes('Needs a manager'))).toBe(false);
  const stored = readRecords(dataDir, 'notes').filter((n) => n.log === 'handover');
  expect(stored).toHaveLength(2);
  expect(JSON.stringify(stored)).not.toContain('X7KQ');
});
