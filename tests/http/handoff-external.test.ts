import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity, EventActivity } from 'botframework-directlinejs';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';
import { readRecords } from '../helpers/records';

/**
 * HANDOFF_MODE=external: giftbot hands the conversation to an existing contact centre with the
 * Bot Framework handoff protocol and follows the `handoff.status` events it sends back.
 */
let server: TestServer;
let dataDir: string;
const customers: Customer[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-external-'));
  server = await startTestServer({ HANDOFF_MODE: 'external', DATA_DIR: dataDir, AGENT_TOKENS: 'Alice:alice-token-0123456789' });
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

const status = (client: Customer, state: string) => client.send({ type: 'event', name: 'handoff.status', value: { state } } as Partial<Activity>);

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
    await status(client, 'accepted');
    await status(client, 'completed');
    await saw(client, 'The support team has finished', before);
    expect(client.texts().slice(before)[0]).toContain('The support team has finished');
    await saw(client, 'How did the support team do?', before);
    const audit = readRecords(dataDir, 'audit').filter((e) => e.conversationId === client.conversationId);
    expect(audit.map((e) => e.action)).toEqual(['external-filed', 'external-accepted', 'external-completed']);
  });

  test('when the contact centre says failed, then the customer is told and offered to leave a message', async () => {
    const client = await customer();
    await handOver(client, 'balance disappeared');
    const before = client.texts().length;
    await status(client, 'failed');
    await saw(client, "couldn't reach the support team", before);
    await saw(client, 'Would you like to leave a message?', before);
    // A status for a conversation that is no longer handed over changes nothing.
    const after = client.texts().length;
    await status(client, 'completed');
    await client.say('No thanks');
    await saw(client, 'No problem', after);
    expect(client.texts().slice(after).some((t) => t.includes('The support team has finished'))).toBe(false);
  });

  test('when a handoff.status is unreadable, then it is ignored and the conversation stays handed over', async () => {
    const client = await customer();
    await handOver(client, 'odd status');
    await client.send({ type: 'event', name: 'handoff.status', value: { state: 'exploded' } } as Partial<Activity>);
    await eventually(() => (server.logs.some((l) => l.includes('handoff-status-unreadable')) ? true : undefined), 8000, 'log line');
    const before = client.texts().length;
    await status(client, 'completed');
    await saw(client, 'The support team has finished', before);
  });
});
