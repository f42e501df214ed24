import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { agentClient } from '../helpers/agent-client';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * A Teams customer handed to an agent: their turns arrive on /api/messages as Azure Bot Service
 * delivers them; what the agent does reaches them outside those turns, through the connector —
 * POSTs to the conversation's serviceUrl, here a loopback server standing in for Teams.
 */
let server: TestServer;
let teams: Server;
let serviceUrl: string;
const posted: Array<{ path: string; body: { type: string; text?: string; entities?: Array<{ type: string }> } }> = [];

beforeAll(async () => {
  teams = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posted.push({ path: req.url ?? '', body: JSON.parse(body || '{}') });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ id: `sent-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => teams.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(teams.address() as AddressInfo).port}/teams/`;
  server = await startTestServer(); // development: the console's one-off token
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => teams.close(resolve));
});

const conversation = { id: 'a:1teams-handoff-conversation', conversationType: 'personal', tenantId: 'tenant-1' };
const say = (text: string) =>
  postJson(`${server.url}/api/messages`, {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    deliveryMode: 'expectReplies',
    from: { id: '29:ana', name: 'Ana' },
    recipient: { id: '28:giftbot', name: 'giftbot' },
    conversation,
    text,
  });

describe('a Teams customer and an agent', () => {
  test('when an agent accepts and writes, then Teams receives both through the connector, in the conversation', async () => {
    await say('talk to a person');
    const filed = await say('my Xbox card says already redeemed');
    expect(JSON.stringify(filed.body)).toContain('in the queue');
    const token = new URLSearchParams(new URL(server.agentConsoleUrl).hash.slice(1)).get('token')!;
    const agent = await agentClient(server.url, token);
    try {
      const item = (await agent.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === 'my Xbox card says already redeemed');
      expect(item).toMatchObject({ channel: 'msteams' });
      expect((await agent.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
      expect((await agent.api('POST', `/conversations/${item.id}/messages`, { text: 'Hi Ana, which region is the card for?' })).status).toBe(201);
      const reply = await eventually(() => posted.find((p) => p.body.text?.includes('which region')), 8000, 'agent message at Teams');
      // (The connector replies to the continuation's activity id, as in Bot Framework's proactive samples.)
      expect(reply.path.startsWith(`/teams/v3/conversations/${encodeURIComponent(conversation.id)}/activities`)).toBe(true);
      expect(reply.body).toMatchObject({ type: 'message', text: 'Support agent: Hi Ana, which region is the card for?' });
      expect(reply.body.entities?.some((e) => e.type === 'giftbot.agentMessage')).toBe(true);
      expect(posted.some((p) => p.body.text?.includes('Support agent from the support team has joined'))).toBe(true);

      // The customer's reply reaches the agent live; the bot says nothing.
      const frames = agent.frames.length;
      const answer = await say('It is a US card');
      expect(answer.body?.activities ?? []).toEqual([]);
      expect((await agent.frame((f) => f.type === 'message', 'relayed', frames)).line).toMatchObject({ from: 'customer', name: 'Ana', text: 'It is a US card' });
    } finally {
      await agent.close();
    }
  });
});
