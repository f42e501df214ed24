import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventActivity } from 'botframework-directlinejs';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';
import { readRecords } from '../helpers/records';

/**
 * HANDOFF_MODE=external: giftbot hands the conversation to an existing contact centre with the
 * Bot Framework handoff protocol and follows the `handoff.status` events it sends back.
 */
let server: TestServer;
let dataDir: string;
/** The contact centre's channel (HANDOFF_STATUS_CHANNELS): its customers and its handoff.status come through /api/messages. */
const CONTACT_CENTRE = 'omnichannel';
const customers: Customer[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-external-'));
  server = await startTestServer({ HANDOFF_MODE: 'external', HANDOFF_STATUS_CHANNELS: CONTACT_CENTRE, DATA_DIR: dataDir, AGENT_TOKENS: 'Alice:alice-token-0123456789' });
});
afterEach(() => customers.splice(0).forEach((c) => c.end()));
afterAll(() => server.close());

async function customer(): Promise<Customer & { conversationId: string }> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const client = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: false });
  customers.push(client);
  await saw(client, "I'm giftbot");
  return Object.assign(client, { conversationId: body.conversationId as string });
}

function saw(client: Customer, text: string, from = 0): Promise<string> {
  return eventually(() => client.texts().slice(from).find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
}

/** Asks for a person; resolves with the handoff.initiate event the contact centre receives. */
async function handOver(client: Customer, summary: string): Promise<EventActivity> {
  await client.say('talk to a person');
  await saw(client, 'In one line');
  await client.say(summary);
  return eventually(() => client.seen.find((a): a is EventActivity => a.type === 'event' && a.name === 'handoff.initiate'), 8000, 'handoff.initiate');
}

/** A forged status: the Direct Line customer's own client sends it. */
const forgedStatus = (client: Customer, state: string) => client.send({ type: 'event', name: 'handoff.status', value: { state } });

/** An activity on the contact centre's channel, as Azure Bot Service delivers it; the bot's replies come back in the answer. */
async function onContactCentre(conversationId: string, activity: Record<string, unknown>): Promise<Array<{ type: string; name?: string; text?: string }>> {
  const { status, body } = await postJson(`${server.url}/api/messages`, {
    id: `cc-${Math.random().toString(36).slice(2)}`,
    channelId: CONTACT_CENTRE,
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: 'customer-1', name: 'Casey', role: 'user' },
    recipient: { id: 'giftbot', name: 'giftbot' },
    conversation: { id: conversationId },
    ...activity,
  });
  expect(status).toBe(200);
  return body?.activities ?? [];
}
const ccSay = (conversationId: string, text: string) => onContactCentre(conversationId, { type: 'message', text });
const ccStatus = (conversationId: string, state: string) => onContactCentre(conversationId, { type: 'event', name: 'handoff.status', value: { state } });
const texts = (activities: Array<{ text?: string }>) => activities.map((a) => a.text ?? '').join(' | ');
const auditOf = (conversationId: string) => readRecords(dataDir, 'audit').filter((e) => e.conversationId === conversationId).map((e) => e.action);

async function handOverOnContactCentre(conversationId: string, summary: string): Promise<void> {
  await ccSay(conversationId, 'talk to a person');
  const replies = await ccSay(conversationId, summary);
  expect(replies.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);
}

describe('HANDOFF_MODE=external', () => {
  test('when someone asks for a person, then handoff.initiate carries the summary and the redacted transcript', async () => {
    const client = await customer();
    await client.say('redeem my amazon card, the code X7KQ-9PLM-4RTZ-2WVB fails');
    await saw(client, 'Step 1');
    const event = await handOver(client, 'code fails on amazon.com');
    await saw(client, "I've passed you to our support team");
    expect(event.value).toEqual({ summary: 'code fails on amazon.com', brand: 'amazon', amount: null, tried: [] });
    // The Direct Line client's typings leave attachments off events; the activity carries them.
    const [attachment] = (event as EventActivity & { attachments?: Array<{ contentType: string; name?: string; content: unknown }> }).attachments ?? [];
    expect(attachment).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    const activities = (attachment!.content as { activities: Array<{ type: string; text?: string; from?: { role?: string } }> }).activities;
    const said = activities.filter((a) => a.type === 'message' && a.from?.role === 'user').map((a) => a.text);
    expect(said).toEqual(['redeem my amazon card, the code [code hidden] fails', 'talk to a person', 'code fails on amazon.com']);
    expect(JSON.stringify(event)).not.toContain('X7KQ-9PLM-4RTZ-2WVB');
    expect(activities.some((a) => a.type === 'message' && a.text?.includes('Step 1'))).toBe(true);

    // Handed over, the bot stays quiet; no request waits in giftbot's own queue.
    const before = client.texts().length;
    await client.say('hello?');
    const queue = await fetch(`${server.url}/api/agent/queue`, { headers: { Authorization: 'Bearer alice-token-0123456789' } });
    expect(((await queue.json()) as { waiting: unknown[] }).waiting).toEqual([]);
    // The Direct Line customer's own handoff.status events are forgeries: nothing changes, no audit line.
    await forgedStatus(client, 'accepted');
    await forgedStatus(client, 'completed');
    await eventually(() => (server.logs.filter((l) => l.includes('spoofed-event-ignored') && l.includes(client.conversationId)).length >= 2 ? true : undefined), 8000, 'forgeries logged');
    await client.say('still there?');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.texts().slice(before)).toEqual([]);
    expect(auditOf(client.conversationId)).toEqual(['external-filed']);
    expect(server.logs.filter((l) => l.includes('spoofed-event-ignored')).every((l) => !l.includes('completed') && !l.includes('accepted'))).toBe(true);
  });

  test("when the contact centre's channel says accepted then completed, then the audit notes both and the customer gets the survey", async () => {
    const conversation = 'cc-conversation-completed';
    await handOverOnContactCentre(conversation, 'card balance gone');
    expect(await ccSay(conversation, 'hello?')).toEqual([]);
    expect(await ccStatus(conversation, 'accepted')).toEqual([]);
    const done = await ccStatus(conversation, 'completed');
    expect(texts(done)).toContain('The support team has finished');
    expect(texts(done)).toContain('How did the support team do?');
    expect(auditOf(conversation)).toEqual(['external-filed', 'external-accepted', 'external-completed']);
  });

  test('when the contact centre says failed, then the customer is told and offered to leave a message', async () => {
    const conversation = 'cc-conversation-failed';
    await handOverOnContactCentre(conversation, 'balance disappeared');
    const failed = await ccStatus(conversation, 'failed');
    expect(texts(failed)).toContain("couldn't reach the support team");
    expect(texts(failed)).toContain('Would you like to leave a message?');
    // A status for a conversation that is no longer handed over changes nothing.
    expect(await ccStatus(conversation, 'completed')).toEqual([]);
    expect(texts(await ccSay(conversation, 'No thanks'))).toContain('No problem');
  });

  test('when a handoff.status is unreadable, then it is ignored and the conversation stays handed over', async () => {
    const conversation = 'cc-conversation-odd';
    await handOverOnContactCentre(conversation, 'odd status');
    expect(await ccStatus(conversation, 'exploded')).toEqual([]);
    await eventually(() => (server.logs.some((l) => l.includes('handoff-status-unreadable')) ? true : undefined), 8000, 'log line');
    expect(texts(await ccStatus(conversation, 'completed'))).toContain('The support team has finished');
  });

  test('when a status arrives on the contact centre channel for a conversation id only a Direct Line customer has, then that customer is untouched', async () => {
    const client = await customer();
    await handOver(client, 'my own request');
    const before = client.texts().length;
    expect(await ccStatus(client.conversationId, 'completed')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.texts().slice(before)).toEqual([]);
    expect(auditOf(client.conversationId)).toEqual(['external-filed']);
  });
});
