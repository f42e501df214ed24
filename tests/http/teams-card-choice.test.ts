import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { agentClient } from '../helpers/agent-client';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * A Teams card button click arrives on /api/messages as Teams sends an Action.Submit: a message
 * with the choice in `value`, no text, and `replyToId` naming the card. Replies go out through the
 * connector (a loopback server standing in for Teams), so the card's id is the one Teams gave it.
 */
type Card = { contentType: string; content: { body: Array<{ text?: string }>; actions: Array<{ type: string; title: string }> } };
type Posted = { method: string; path: string; body: { id?: string; type: string; text?: string; attachments?: Card[] } };
let server: TestServer;
let teams: Server;
let serviceUrl: string;
const posted: Posted[] = [];

beforeAll(async () => {
  teams = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posted.push({ method: req.method ?? '', path: req.url ?? '', body: JSON.parse(body || '{}') });
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

const conversation = { id: 'a:1teams-card-choice', conversationType: 'personal', tenantId: 'tenant-1' };
const send = (extra: Record<string, unknown>, to = conversation) =>
  postJson(`${server.url}/api/messages`, {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:ana', name: 'Ana' },
    recipient: { id: '28:giftbot', name: 'giftbot' },
    conversation: to,
    ...extra,
  });
const say = (text: string) => send({ text });
const click = (choice: string, cardId: string) => send({ value: { giftbotChoice: choice }, replyToId: cardId });
const cardText = (p: Posted) => p.body.attachments?.[0]?.content.body.map((b) => b.text).join('\n') ?? '';
/** The id Teams gave the last card that asked `prompt` (the loopback answers each POST with sent-N). */
const cardAsking = (prompt: string) => {
  const at = posted.map((p, i) => ({ p, i })).filter(({ p }) => p.method === 'POST' && cardText(p).includes(prompt)).at(-1);
  if (!at) throw new Error(`no card asking ${prompt}`);
  return `sent-${at.i + 1}`;
};

describe('a Teams card click', () => {
  test('when the person clicks a card button, then the card shows their choice, the agent reads it in the transcript, and a code in a click stays hidden', async () => {
    expect((await say('help')).status).toBe(200);
    const menu = cardAsking('What would you like to do?');
    expect((await click('Talk to a person', menu)).status).toBe(200);

    // The clicked card is updated in place: the same question, the choice under it, no buttons left.
    const update = await eventually(() => posted.find((p) => p.method === 'PUT'), 8000, 'the card update');
    expect(update.path).toBe(`/teams/v3/conversations/${encodeURIComponent(conversation.id)}/activities/${menu}`);
    expect(cardText(update)).toBe('What would you like to do?\nTalk to a person');
    expect(update.body.attachments![0]!.content.actions.filter((a) => a.type === 'Action.Submit')).toEqual([]);

    await say('my Steam card says already redeemed');
    const token = new URLSearchParams(new URL(server.agentConsoleUrl).hash.slice(1)).get('token')!;
    const agent = await agentClient(server.url, token);
    try {
      const item = await eventually(async () => (await agent.api('GET', '/queue')).body.waiting.find((w: { channel: string }) => w.channel === 'msteams'), 8000, 'the request');
      expect((await agent.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
      const lines: Array<{ from: string; text: string }> = (await agent.api('GET', `/conversations/${item.id}/transcript`)).body.lines;
      const asked = lines.findIndex((l) => l.from === 'bot' && l.text === 'What would you like to do?');
      expect(asked).toBeGreaterThanOrEqual(0);
      expect(lines[asked + 1]).toMatchObject({ from: 'customer', name: 'Ana', text: 'Talk to a person' });

      // A click's value is redacted at the edge like any other field, before the agent or the transcript sees it.
      const frames = agent.frames.length;
      await send({ value: { giftbotChoice: 'my code is X7KQ-9PLM-4RTZ-2WVB' } });
      const relayed = await agent.frame((f) => f.type === 'message' && f.id === item.id, 'relayed click', frames);
      expect(relayed.line).toMatchObject({ from: 'customer', text: expect.stringContaining('my code is') });
      const after = JSON.stringify((await agent.api('GET', `/conversations/${item.id}/transcript`)).body);
      expect(after).toContain('my code is');
      expect(JSON.stringify(relayed) + after).not.toContain('X7KQ-9PLM-4RTZ-2WVB');
    } finally {
      await agent.close();
    }
  });

  test('when a click names a card that is not the bot’s, or a choice the card never offered, then no card is changed and the turn goes on', async () => {
    const other = { ...conversation, id: 'a:1teams-card-choice-2' };
    const before = posted.filter((p) => p.method === 'PUT').length;
    await send({ text: 'help' }, other);
    const menu = cardAsking('What would you like to do?');
    // A crafted value naming the real card with a choice it never offered: that text must not appear on the bot's card.
    expect((await send({ value: { giftbotChoice: 'Yes, it worked' }, replyToId: menu }, other)).status).toBe(200);
    const res = await send({ value: { giftbotChoice: 'Redeem a card' }, replyToId: 'not-a-card' }, other);
    expect(res.status).toBe(200);
    await eventually(() => posted.find((p) => p.method === 'POST' && cardText(p).includes('Which brand')), 8000, 'the next question');
    expect(posted.filter((p) => p.method === 'PUT').length).toBe(before);
  });

  test('when the person answers "Did that work?" with the card, then the agent reads their answer between the question and the bot’s reply', async () => {
    const third = { ...conversation, id: 'a:1teams-card-choice-3' };
    await send({ text: 'my steam card says already redeemed' }, third);
    await send({ value: { giftbotChoice: 'Yes, it worked' }, replyToId: cardAsking('Did that work?') }, third);
    await send({ value: { giftbotChoice: 'Talk to a person' }, replyToId: cardAsking('anything else') }, third);
    await send({ text: 'a question about the Steam wallet' }, third);
    const token = new URLSearchParams(new URL(server.agentConsoleUrl).hash.slice(1)).get('token')!;
    const agent = await agentClient(server.url, token);
    try {
      const item = await eventually(async () => (await agent.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === 'a question about the Steam wallet'), 8000, 'the request');
      expect((await agent.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
      const lines: Array<{ from: string; text: string }> = (await agent.api('GET', `/conversations/${item.id}/transcript`)).body.lines;
      const asked = lines.findIndex((l) => l.text.endsWith('Did that work?'));
      expect(lines.slice(asked + 1, asked + 3)).toMatchObject([
        { from: 'customer', text: 'Yes, it worked' },
        { from: 'bot', text: 'Great, glad that sorted it!' },
      ]);
    } finally {
      await agent.close();
    }
  });
});
