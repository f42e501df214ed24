import { generateKeyPairSync } from 'node:crypto';
import { CHANNEL_ISSUER, startLocalKeys, type LocalKeys } from '../helpers/bot-framework-keys';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

const APP_ID = '00000000-1111-2222-3333-444444444444';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';

/** An activity as Azure Bot Service delivers it, asking for the replies in the response. */
function activity(channelId: string, text: string, conversation: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId,
    serviceUrl: SERVICE_URL,
    deliveryMode: 'expectReplies',
    from: { id: 'user-1', name: 'Ana' },
    recipient: { id: 'bot-1', name: 'giftbot' },
    conversation: { id: `${channelId}-conversation-${Math.random().toString(36).slice(2)}`, ...conversation },
    text,
    ...extra,
  };
}

type Reply = { text?: string; attachments?: Array<{ contentType: string; content: any }>; channelData?: any; suggestedActions?: unknown };
const replies = (body: any): Reply[] => body?.activities ?? [];

describe('/api/messages without credentials (local development)', () => {
  let server: TestServer;
  // Without credentials, replies may only go to this machine or an allow-listed service URL.
  beforeAll(async () => (server = await startTestServer({ SERVICE_URL_ALLOWLIST: SERVICE_URL })));
  afterAll(() => server.close());
  const send = (body: unknown) => postJson(`${server.url}/api/messages`, body);

  test('when Teams asks to sell, then the choices come as an Adaptive Card with Action.Submit and the link as Action.OpenUrl', async () => {
    const first = await send(activity('msteams', 'I want to sell a card I will never use', { conversationType: 'personal' }));
    expect(first.status).toBe(200);
    const card = replies(first.body).find((r) => r.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive')!;
    expect(card.attachments![0]!.content.actions.map((a: { type: string; title: string }) => [a.type, a.title])).toEqual([
      ['Action.Submit', 'Sell for cash'],
      ['Action.Submit', 'Swap for another card'],
    ]);
    expect(card.attachments![0]!.content.actions[0].data).toEqual({ giftbotChoice: 'Sell for cash' });
    const conversation = first.body.activities[0].conversation;
    // A card button arrives as a message with the choice in `value` and no text.
    await send(activity('msteams', '', conversation, { value: { giftbotChoice: 'Sell for cash' } }));
    await send(activity('msteams', 'steam', conversation));
    const linked = await send(activity('msteams', '40', conversation));
    const open = replies(linked.body).flatMap((r) => r.attachments?.[0]?.content.actions ?? []).find((a: { type: string }) => a.type === 'Action.OpenUrl');
    expect(open.url).toBe('https://marketplace.example/sell?brand=steam&amount=40.00&utm_source=giftbot&utm_medium=msteams');
  });

  test('when Slack through Azure asks for the menu, then Block Kit buttons carry the choices', async () => {
    const res = await send(activity('slack', 'help', { isGroup: false }));
    const menu = replies(res.body).find((r) => r.text === 'What would you like to do?')!;
    const buttons = menu.channelData.blocks.find((b: { type: string }) => b.type === 'actions').elements;
    expect(buttons.map((b: { value: string }) => b.value)).toEqual(['Redeem a card', 'Fix an error', 'Sell or swap a card', 'Ask a question', 'Talk to a person']);
  });

  test('when a channel shows neither buttons nor cards, then the choices stay in the text, numbered', async () => {
    const res = await send(activity('sms', 'help'));
    const menu = replies(res.body).find((r) => r.text?.startsWith('What would you like to do?'))!;
    expect(menu.text).toContain('1. Redeem a card\n2. Fix an error');
    expect(menu.suggestedActions).toBeUndefined();
  });

  test('when a Teams channel message does not mention the bot, then it stays quiet; mentioned, it answers without the mention', async () => {
    const channel = { conversationType: 'channel', isGroup: true };
    const quiet = await send(activity('msteams', 'anyone know where to redeem?', channel));
    expect(replies(quiet.body)).toEqual([]);
    const mention = { type: 'mention', mentioned: { id: 'bot-1', name: 'giftbot' }, text: '<at>giftbot</at>' };
    const asked = await send(activity('msteams', '<at>giftbot</at> redeem my xbox card', channel, { entities: [mention] }));
    expect(replies(asked.body).map((r) => r.text ?? '').join('\n')).toContain("Let's redeem your Xbox card");
  });
});

describe('/api/messages with credentials', () => {
  let keys: LocalKeys;
  let server: TestServer;
  beforeAll(async () => {
    keys = await startLocalKeys();
    server = await startTestServer({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-with-expect-replies', BOT_OPENID_METADATA_URL: keys.metadataUrl });
  });
  afterAll(async () => {
    await server.close();
    await keys.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 600, ...overrides });
  const send = (token: string | undefined) =>
    postJson(`${server.url}/api/messages`, activity('msteams', 'help', { conversationType: 'personal' }), token ? { Authorization: `Bearer ${token}` } : {});

  test('when the JWT is signed by a published key for this app, then the turn runs', async () => {
    const res = await send(keys.sign(claims()));
    expect(res.status).toBe(200);
    expect(replies(res.body).length).toBeGreaterThan(0);
  });

  test.each([
    ['no token', () => undefined],
    ['a token for another app', () => keys.sign(claims({ aud: '99999999-1111-2222-3333-444444444444' }))],
    ['an expired token', () => keys.sign(claims({ nbf: now() - 7200, exp: now() - 3600 }))],
    ['a forged token (signed with another key)', () => keys.sign(claims(), { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })],
  ])('when the request carries %s, then 401 and nothing runs', async (_name, token) => {
    const res = await send(token());
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body ?? '')).not.toMatch(/ at .+\(.+:\d+/);
  });
});
