import { startServer, type RunningServer } from '../../src/app/server';
import { jsonLogger } from '../../src/app/logger';
import { loadConfig } from '../../src/config/config';
import type { ArchivedConversation } from '../../src/handoff/conversation-archive';
import { memoryBackend, type Backend } from '../../src/storage/backend';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import type { Customer } from '../helpers/directline-client';
import { LOOPBACK_LIMITS } from '../helpers/loopback-limits';
import { ROOT } from '../helpers/paths';
import { eventually } from '../helpers/server';
import { queuedCustomer } from '../helpers/queued-customer';

/**
 * Issue 15: the context side panel. What the bot learned reaches the agent (currency and country as
 * the customer gave them, null otherwise), and the same customer's earlier conversations with people
 * are listed from the archive — not another customer's, not this one. The server runs on a backend the
 * test holds, so earlier conversations can be put in its archive as closed ones would be.
 */
const ALICE = 'alice-context-token-0123456789';
const BOB = 'bob-context-token-0123456789ab';
let server: RunningServer;
let backend: Backend;
let alice: AgentClient;
let bob: AgentClient;
const customers: Customer[] = [];

beforeAll(async () => {
  backend = memoryBackend();
  const config = loadConfig({ PORT: '0', ...LOOPBACK_LIMITS, AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB}`, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  server = await startServer(config, { root: ROOT, log: jsonLogger(() => undefined, { level: 'error' }), backend });
  [alice, bob] = [await agentClient(server.url, ALICE), await agentClient(server.url, BOB)];
});
afterAll(async () => {
  customers.forEach((c) => c.end());
  await Promise.all([alice?.close(), bob?.close()]);
  await server.close();
});

/** A customer on Direct Line who asks for a person with `summary`; Alice accepts. The request's id. */
async function accepted(summary: string): Promise<string> {
  await queuedCustomer(server.url, summary, customers);
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'queued');
  expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  return item.id as string;
}

function archived(over: Partial<ArchivedConversation>): ArchivedConversation {
  return {
    handoffId: 'h-old', conversationId: 'c-old', channel: 'directline', userId: null, brand: 'steam', amount: 20, currency: 'USD', country: 'US',
    agent: { id: 'token:Bob', name: 'Bob' }, state: 'ended', reason: 'resolved', tags: [], summary: 'old problem',
    filedAt: Date.UTC(2026, 0, 1), acceptedAt: Date.UTC(2026, 0, 1), closedAt: Date.UTC(2026, 0, 1, 1), text: 'old problem',
    ...over,
  };
}

test('when the customer said "€50 amazon.de", then the panel has amazon, 50, EUR and DE, and lists their earlier conversations only', async () => {
  const id = await accepted('€50 amazon.de card will not redeem');
  const record = await backend.handoff.get(id);
  const userId = (record?.reference as { user?: { id?: string } }).user?.id;
  expect(userId).toEqual(expect.any(String));
  await backend.archive.save(archived({ handoffId: 'h-mine-1', conversationId: 'c-1', userId: userId!, summary: 'steam code said invalid', closedAt: Date.UTC(2026, 5, 1) }));
  await backend.archive.save(archived({ handoffId: 'h-mine-2', conversationId: 'c-2', userId: userId!, summary: 'wanted to swap for xbox', state: 'timed-out', reason: null, agent: null, closedAt: Date.UTC(2026, 8, 1) }));
  await backend.archive.save(archived({ handoffId: 'h-other-user', userId: 'someone-else', summary: 'not theirs' }));
  await backend.archive.save(archived({ handoffId: 'h-other-channel', channel: 'msteams', userId: userId!, summary: 'same id on teams is someone else' }));
  await backend.archive.save(archived({ handoffId: id, conversationId: record!.conversationId, userId: userId!, summary: 'this very request' }));

  const context = await alice.api('GET', `/conversations/${id}/context`);
  expect(context).toEqual({
    status: 200,
    body: {
      id, channel: 'directline', brand: 'amazon', brandName: 'Amazon', amount: 50, currency: 'EUR', country: 'DE',
      earlier: [
        { handoffId: 'h-mine-2', closedAt: '2026-09-01T00:00:00.000Z', brand: 'steam', summary: 'wanted to swap for xbox', state: 'timed-out', reason: null, agent: null },
        { handoffId: 'h-mine-1', closedAt: '2026-06-01T00:00:00.000Z', brand: 'steam', summary: 'steam code said invalid', state: 'ended', reason: 'resolved', agent: 'Bob' },
      ],
    },
  });
  expect((await bob.api('GET', `/conversations/${id}/context`)).status).toBe(403);
  expect((await alice.api('GET', '/conversations/nope/context')).status).toBe(404);
});

test('when the customer named no currency, country or earlier conversation, then the panel says null and lists nothing — nothing guessed', async () => {
  const id = await accepted('my card balance is wrong');
  const context = (await alice.api('GET', `/conversations/${id}/context`)).body;
  expect(context).toMatchObject({ brand: null, amount: null, currency: null, country: null, earlier: [] });
});
