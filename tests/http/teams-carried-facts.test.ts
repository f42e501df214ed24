import { agentClient } from '../helpers/agent-client';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15, bug 6: facts from an earlier flow carried into a later one on Teams. Teams-shaped
 * activities on /api/messages (replies in the response), card buttons clicked as Teams sends
 * them: the choice in `value`, no text.
 */
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
let server: TestServer;
beforeAll(async () => (server = await startTestServer({ SERVICE_URL_ALLOWLIST: SERVICE_URL })));
afterAll(() => server.close());

type Reply = { text?: string; summary?: string };
function teams(conversationId: string) {
  const post = async (extra: Record<string, unknown>): Promise<string[]> => {
    const res = await postJson(`${server.url}/api/messages`, {
      type: 'message',
      id: `act-${Math.random().toString(36).slice(2)}`,
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      deliveryMode: 'expectReplies',
      from: { id: '29:ana', name: 'Ana' },
      recipient: { id: '28:giftbot', name: 'giftbot' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
      ...extra,
    });
    expect(res.status).toBe(200);
    return ((res.body?.activities ?? []) as Reply[]).map((r) => r.text || r.summary || '');
  };
  return { say: (text: string) => post({ text }), click: (choice: string) => post({ value: { giftbotChoice: choice } }) };
}

describe('facts from an earlier flow on Teams', () => {
  test('when a Steam fix was tried and the customer then asks a person about an Amazon card, then the request lists no Steam fix as tried', async () => {
    const ana = teams('a:1carried-facts-tried');
    expect((await ana.say('my steam card says already redeemed')).join('\n')).toContain('Did that work?');
    await ana.click('Yes, it worked');
    await ana.click('Redeem another card');
    await ana.click('Amazon');
    await ana.say('talk to a person');
    expect((await ana.say('my amazon card will not redeem')).join('\n')).toContain('in the queue');
    const token = new URLSearchParams(new URL(server.agentConsoleUrl).hash.slice(1)).get('token')!;
    const agent = await agentClient(server.url, token);
    try {
      const item = (await agent.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === 'my amazon card will not redeem');
      expect(item).toMatchObject({ brand: 'amazon' });
      expect(item.tried).toEqual([]);
    } finally {
      await agent.close();
    }
  });

  test('when a Steam flow is finished and the customer picks "Sell or swap a card" from the menu, then the bot asks which card', async () => {
    const ana = teams('a:1carried-facts-sell');
    await ana.say('my steam card says already redeemed');
    await ana.click('Yes, it worked');
    expect((await ana.click('Something else')).join('\n')).toContain('What would you like to do?');
    await ana.click('Sell or swap a card');
    expect((await ana.click('Sell for cash')).join('\n')).toContain('Which brand is the card you have?');
  });

  test('when the customer names the card in the message that asks to sell, then that card is used without asking', async () => {
    const ana = teams('a:1carried-facts-named');
    await ana.say('my steam card says already redeemed');
    await ana.click('Yes, it worked');
    await ana.click('Something else');
    const said = (await ana.say('sell my $40 amazon card')).join('\n');
    expect(said).not.toContain('Which brand is the card you have?');
    expect(said).toMatch(/sell/i);
  });
});
