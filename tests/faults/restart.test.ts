import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Message } from 'botframework-directlinejs';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { freePort, startServe, type ServeProcess } from '../helpers/serve-process';
import { eventually, postJson } from '../helpers/server';

/**
 * kill -9 in the middle of three conversations, then start again on the same DATA_DIR and port: the
 * real bin, SQLite (the default), no DIRECTLINE_SECRET — so the token key that signs customers'
 * tokens has to come back from the database too.
 */
const ALICE = 'alice-token-0123456789';

let dataDir: string;
let port: number;
let server: (ServeProcess & { url: string }) | undefined;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

const start = async () => (server = await startServe({ PORT: String(port), DATA_DIR: dataDir, AGENT_TOKENS: `Alice:${ALICE}`, HANDOFF_TIMEOUT_SECONDS: '600' }));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-restart-'));
  port = await freePort();
  await start();
});

afterAll(async () => {
  customers.splice(0).forEach((c) => c.end());
  await Promise.all(agents.splice(0).map((a) => a.close()));
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

type Opened = { token: string; conversationId: string };

/** A customer on the official Direct Line client (WebSocket); `resume` picks up an existing conversation with its token. */
async function customer(resume?: Opened): Promise<Customer & Opened> {
  const opened: Opened = resume ?? (await postJson(`${server!.url}/v3/directline/tokens/generate`, {})).body;
  const client = directLineClient({ domain: `${server!.url}/v3/directline`, token: opened.token, webSocket: true, ...(resume ? { conversationId: resume.conversationId } : {}) });
  customers.push(client);
  if (!resume) await saw(client, "I'm giftbot");
  return Object.assign(client, { token: opened.token, conversationId: opened.conversationId });
}

function saw(client: Customer, text: string, from = 0): Promise<string> {
  return eventually(() => client.texts().slice(from).find((t) => t.includes(text)), 10_000, `customer to see "${text}"`);
}

/** Asks for a person with a one-line summary; resolves with the request's id in the queue. */
async function askForPerson(client: Customer, summary: string, agent: AgentClient): Promise<string> {
  await client.say('talk to a person');
  await saw(client, 'In one line');
  await client.say(summary);
  await saw(client, 'in the queue');
  const item = await eventually(async () => (await agent.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'the request in the queue');
  return item.id as string;
}

/** The conversation as Direct Line keeps it, read over REST with the customer's own token. */
async function stored(c: Opened): Promise<Message[]> {
  const res = await fetch(`${server!.url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: { Authorization: `Bearer ${c.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Message[] }).activities;
}

const said = (activities: Message[]) => activities.filter((a) => a.type === 'message').map((a) => `${a.from.id === 'giftbot' ? 'bot' : 'customer'}: ${a.text ?? ''}`);

test('when giftbot is killed with SIGKILL mid-conversation and started again on the same data, then every conversation carries on where it was', async () => {
  // Customer 1 is at step 2 of Amazon's redeem walkthrough.
  const first = await customer();
  await first.say('redeem my amazon card');
  await saw(first, 'Step 1 of 5: Go to amazon.com/redeem');
  await first.say('next');
  await saw(first, 'Step 2 of 5: Sign in to the Amazon account');

  // Customer 2 waits in the queue; customer 3 is in a live chat with Alice.
  const alice = await agentClient(server!.url, ALICE);
  agents.push(alice);
  const second = await customer();
  const waitingId = await askForPerson(second, 'my balance shows zero since monday', alice);
  const third = await customer();
  const liveId = await askForPerson(third, 'charged twice for one card', alice);
  expect((await alice.api('POST', `/conversations/${liveId}/accept`)).status).toBe(200);
  await saw(third, 'Alice from the support team has joined');
  expect((await alice.api('POST', `/conversations/${liveId}/messages`, { text: 'Which card was it?' })).status).toBe(201);
  await saw(third, 'Alice: Which card was it?');

  const before = said(await stored(first));
  expect(before).toEqual(expect.arrayContaining(['customer: redeem my amazon card', 'customer: next', expect.stringContaining('bot: Step 2 of 5: Sign in to the Amazon account')]));

  // No goodbye: the process is gone between one instruction and the next, connections open.
  const killed = server!;
  killed.child.kill('SIGKILL');
  expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
  // Nothing was checkpointed on the way out: what was said lives in the write-ahead log, which the restart must replay.
  expect(statSync(path.join(dataDir, 'giftbot.db-wal')).size).toBeGreaterThan(0);
  customers.splice(0).forEach((c) => c.end());
  await Promise.all(agents.splice(0).map((a) => a.close()));

  await start();
  expect(server!.url).toBe(`http://localhost:${port}`);

  // Customer 1, same conversation and token: everything said so far is there, and "next" goes on to step 3.
  expect(said(await stored(first))).toEqual(before);
  const again = await customer(first);
  await saw(again, 'Step 2 of 5: Sign in to the Amazon account');
  const seen = again.texts().length;
  await again.say('next');
  expect(await saw(again, 'Step 3 of 5', seen)).toContain('Step 3 of 5: Enter the claim code');
  // Just the next step: no greeting, no walkthrough from the top.
  expect(said(await stored(first)).slice(before.length)).toEqual(['customer: next', expect.stringMatching(/^bot: Step 3 of 5: Enter the claim code/)]);

  // The queue: customer 2 still waiting, customer 3 still Alice's.
  const aliceAgain = await agentClient(server!.url, ALICE);
  agents.push(aliceAgain);
  const queue = (await aliceAgain.api('GET', '/queue')).body;
  expect(queue.waiting.map((w: { id: string; summary: string }) => [w.id, w.summary])).toEqual([[waitingId, 'my balance shows zero since monday']]);
  expect(queue.mine).toEqual([expect.objectContaining({ id: liveId, state: 'active', summary: 'charged twice for one card' })]);

  // Alice and customer 3 go on talking, both ways.
  const thirdAgain = await customer(third);
  await saw(thirdAgain, 'Alice: Which card was it?');
  const heard = thirdAgain.texts().length;
  expect((await aliceAgain.api('POST', `/conversations/${liveId}/messages`, { text: 'Still here after the restart' })).status).toBe(201);
  await saw(thirdAgain, 'Alice: Still here after the restart', heard);
  const frames = aliceAgain.frames.length;
  await thirdAgain.say('it was my steam card');
  const relayed = await aliceAgain.frame((f) => f.type === 'message' && f.id === liveId, 'the customer’s reply on the agent stream', frames);
  expect(relayed.line).toMatchObject({ from: 'customer', text: 'it was my steam card' });
  // The bot stays out of a live chat, restart or not (a post is answered before it returns, so nothing more is coming).
  expect(said(await stored(third)).slice(-2)).toEqual(['bot: Alice: Still here after the restart', 'customer: it was my steam card']);

  // Customer 2 is still waiting: the bot still keeps quiet, and the request keeps its place.
  const secondAgain = await customer(second);
  await saw(secondAgain, 'in the queue');
  await secondAgain.say('hello? anyone?');
  expect(said(await stored(second)).slice(-2)).toEqual([expect.stringMatching(/^bot: .*number 1 in the queue/), 'customer: hello? anyone?']);
  expect((await aliceAgain.api('GET', '/queue')).body.waiting.map((w: { id: string }) => w.id)).toEqual([waitingId]);
}, 90_000);
