import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { TokenService } from '../../src/channels/directline/token-service';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

// The official client needs these in Node; without them it sits in "Connecting" forever.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- xhr2 ships no types; required, it stays an opaque value
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = require('xhr2');
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

const SECRET = 'test-directline-secret-0123456789';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DIRECTLINE_SECRET: SECRET });
});
afterAll(() => server.close());

const domain = () => `${server.url}/v3/directline`;
const generate = async () => (await postJson(`${domain()}/tokens/generate`, {}, { Authorization: `Bearer ${SECRET}` })).body as { token: string; conversationId: string };

/** The official client, collecting every activity it sees. */
function client(options: { token: string; webSocket: boolean; conversationId?: string; watermark?: string }) {
  const directLine = new DirectLine({ ...options, domain: domain(), pollingInterval: 100 });
  const seen: Activity[] = [];
  const subscription = directLine.activity$.subscribe((a) => seen.push(a));
  return {
    directLine,
    seen,
    texts: () => seen.filter((a): a is Message => a.type === 'message' && a.from.id === 'giftbot').map((a) => a.text ?? ''),
    say: (text: string, extra: Partial<Message> = {}) =>
      new Promise<string>((resolve, reject) => {
        directLine.postActivity({ type: 'message', from: { id: 'visitor', name: 'Visitor' }, text, ...extra }).subscribe(resolve, reject);
      }),
    end: () => {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('the official Direct Line client over %s', (_name, webSocket) => {
  test('when a visitor connects and asks to sell, then they are greeted and get the link', async () => {
    const { token } = await generate();
    const visitor = client({ token, webSocket });
    try {
      await eventually(() => (visitor.texts().some((t) => t.includes("I'm giftbot")) ? true : undefined), 8000, 'greeting');
      const id = await visitor.say('sell my $20 steam card');
      expect(id).toMatch(/\|\d{7}$/);
      // The link is the hero card's button (shown once), not text.
      const link = await eventually(() => visitor.seen.flatMap((a) => ((a as { attachments?: Array<{ content?: { buttons?: Array<{ value: string }> } }> }).attachments ?? []).flatMap((c) => c.content?.buttons ?? [])).map((b) => b.value).find((url) => url.includes('marketplace.example/sell')), 8000, 'link');
      expect(link).toContain('brand=steam&amount=20.00&utm_source=giftbot&utm_medium=directline');
      const echo = visitor.seen.find((a) => a.id === id)!;
      // The user is who the token says, not who the client claims to be.
      expect(echo.from.id).toMatch(/^dl_/);
      expect(echo.from.id).not.toBe('visitor');
    } finally {
      visitor.end();
    }
  });
});

describe('reconnecting and refreshing', () => {
  test('when a client reconnects with its watermark, then the conversation carries on where it was', async () => {
    const { token, conversationId } = await generate();
    const first = client({ token, webSocket: true });
    await eventually(() => (first.texts().length >= 2 ? true : undefined), 8000, 'greeting and menu');
    await first.say('redeem my amazon card');
    await eventually(() => first.texts().find((t) => t.startsWith('Step 1 of 5')), 8000, 'first step');
    const watermark = String(first.seen.length);
    first.end();

    const again = client({ token, webSocket: true, conversationId, watermark });
    try {
      await again.say('done');
      const step = await eventually(() => again.texts().find((t) => t.startsWith('Step 2 of 5')), 8000, 'second step');
      expect(step).toContain('Sign in to the Amazon account');
      expect(again.texts().some((t) => t.startsWith('Step 1 of 5'))).toBe(false);
    } finally {
      again.end();
    }
  });

  test('when a token is refreshed before it expires, then the new one works and the old conversation goes on', async () => {
    const { token, conversationId } = await generate();
    await postJson(`${domain()}/conversations`, {}, { Authorization: `Bearer ${token}` });
    const refreshed = await postJson(`${domain()}/tokens/refresh`, {}, { Authorization: `Bearer ${token}` });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ conversationId, expires_in: 1800 });
    const visitor = client({ token: refreshed.body.token, webSocket: false, conversationId });
    try {
      await visitor.say('help');
      await eventually(() => visitor.texts().find((t) => t === 'What would you like to do?'), 8000, 'menu');
    } finally {
      visitor.end();
    }
  });

  test('when a token has expired, then it can neither refresh nor open its conversation', async () => {
    const { token, conversationId } = await generate();
    await postJson(`${domain()}/conversations`, {}, { Authorization: `Bearer ${token}` });
    const past = new TokenService(SECRET, () => Math.floor(Date.now() / 1000) - 3600).issue(conversationId, 'dl_someone').token;
    expect((await postJson(`${domain()}/tokens/refresh`, {}, { Authorization: `Bearer ${past}` })).status).toBe(403);
    const read = await fetch(`${domain()}/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${past}` } });
    expect(read.status).toBe(403);
  });
});

describe('Direct Line rules and bad input', () => {
  test('when a token is used on another conversation, then it is refused with 403', async () => {
    const mine = await generate();
    const theirs = await generate();
    await postJson(`${domain()}/conversations`, {}, { Authorization: `Bearer ${theirs.token}` });
    const res = await postJson(`${domain()}/conversations/${theirs.conversationId}/activities`, { type: 'message', text: 'hi' }, { Authorization: `Bearer ${mine.token}` });
    expect(res).toEqual({ status: 403, body: { error: { code: 'WrongConversation', message: expect.any(String) } } });
  });

  test('when a post is retried with the same clientActivityID, then it is processed once', async () => {
    const { token, conversationId } = await generate();
    await postJson(`${domain()}/conversations`, {}, { Authorization: `Bearer ${token}` });
    const auth = { Authorization: `Bearer ${token}` };
    const activity = { type: 'message', text: 'sell my $30 target card', channelData: { clientActivityID: 'client-1' } };
    const first = await postJson(`${domain()}/conversations/${conversationId}/activities`, activity, auth);
    const retry = await postJson(`${domain()}/conversations/${conversationId}/activities`, activity, auth);
    expect(retry.body.id).toBe(first.body.id);
    const read = (await (await fetch(`${domain()}/conversations/${conversationId}/activities?watermark=0`, { headers: auth })).json()) as { activities: Array<Message & { channelData: { clientActivityID?: string } }> };
    const echoes = read.activities.filter((a) => a.type === 'message' && a.text === activity.text);
    expect(echoes).toHaveLength(1);
    expect(echoes[0]!.channelData.clientActivityID).toBe('client-1');
    // One sell link, processed once (the link is the card's button, so look in the whole activity).
    expect(read.activities.filter((a) => JSON.stringify(a.attachments ?? []).includes('amount=30.00'))).toHaveLength(1);
  });

  test('when tokens are asked for without the configured secret, then 401/403', async () => {
    expect((await postJson(`${domain()}/tokens/generate`, {})).status).toBe(401);
    expect((await postJson(`${domain()}/tokens/generate`, {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  test.each([
    ['no token', 401, {}],
    ['a forged token', 401, { Authorization: 'Bearer eyJjb252ZXJzYXRpb25JZCI6IngifQ.forged' }],
  ])('when a conversation is started with %s, then %d', async (_name, status, headers) => {
    expect((await postJson(`${domain()}/conversations`, {}, headers)).status).toBe(status);
  });

  test('when the body is too large, malformed, not an activity, or the route unknown, then 413, 400, 400, 404 as JSON', async () => {
    const { token, conversationId } = await generate();
    await postJson(`${domain()}/conversations`, {}, { Authorization: `Bearer ${token}` });
    const url = `${domain()}/conversations/${conversationId}/activities`;
    const auth = { Authorization: `Bearer ${token}` };
    const big = await postJson(url, { type: 'message', text: 'x'.repeat(300 * 1024) }, auth);
    expect(big).toEqual({ status: 413, body: { error: { code: 'PayloadTooLarge', message: expect.any(String) } } });
    expect((await postJson(url, '{"type": "message", "text": ', auth)).status).toBe(400);
    const wrong = await postJson(url, { type: 'deleteUserData' }, auth);
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).not.toMatch(/at \w+ \(|node_modules/);
    const missing = await fetch(`${server.url}/v3/directline/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NotFound', message: 'No route for GET /v3/directline/nope' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
