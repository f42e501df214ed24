import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { fromAddress, networkAddress } from '../helpers/from-address';

/**
 * Development mode (issue 12, finding 6): without MicrosoftAppId, /api/messages runs turns for
 * anyone who can reach it and POSTs replies wherever `serviceUrl` says. Now only this machine may
 * send, replies go only to this machine or an allow-listed URL, and metric labels can't be invented.
 */
let server: TestServer;
let trap: Server;
let trapPort: number;
const trapped: string[] = [];
const NETWORK = networkAddress();

beforeAll(async () => {
  server = await startTestServer({ SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/amer/' });
  // Stands for whatever a serviceUrl points at: it records every call giftbot makes to it.
  trap = createServer((req, res) => {
    trapped.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"1"}');
  });
  await new Promise<void>((resolve) => trap.listen(0, '0.0.0.0', resolve));
  trapPort = (trap.address() as AddressInfo).port;
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => trap.close(resolve));
});

let n = 0;
function activity(serviceUrl: string, extra: Record<string, unknown> = {}) {
  n++;
  return {
    type: 'message',
    id: `dev-${n}`,
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', name: 'Ana' },
    recipient: { id: 'bot-1', name: 'giftbot' },
    conversation: { id: `dev-conversation-${n}` },
    text: 'help',
    ...extra,
  };
}
const turns = (conversation: string) => server.logs.filter((l) => l.includes('"event":"turn"') && l.includes(`"conversation":"${conversation}"`)).length;
const send = (from: string, body: unknown, headers: Record<string, string> = {}) => fromAddress(from, `${server.url}/api/messages`, { body, headers });

test('when an anonymous activity comes from this machine with a loopback serviceUrl, then it runs and the replies go there', async () => {
  const before = trapped.length;
  const res = await send('127.0.0.1', activity(`http://127.0.0.1:${trapPort}/`));
  expect(res.status).toBe(200);
  await eventually(() => (trapped.length > before ? true : undefined), 8000, 'the reply POSTed to the loopback serviceUrl');
  expect(trapped.slice(before).every((call) => call.startsWith('POST /v3/conversations/'))).toBe(true);
});

test('when an anonymous activity comes from another machine, then 403 JSON and no turn runs, X-Forwarded-For notwithstanding', async () => {
  for (const headers of [{}, { 'X-Forwarded-For': '127.0.0.1' }] as Array<Record<string, string>>) {
    const body = activity('http://localhost:3978/', { deliveryMode: 'expectReplies' });
    const res = await send(NETWORK, body, headers);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: { code: 'Forbidden', message: expect.stringContaining('this machine only') } });
    expect(turns(body.conversation.id)).toBe(0);
  }
});

test.each([
  ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
  ['another host on the network', `http://${NETWORK}:PORT/`],
  ['loopback as userinfo before another host', `http://127.0.0.1@${NETWORK}:PORT/`],
  ['an https URL outside the allow-list', 'https://smba.trafficmanager.net/emea/'],
  ['a non-http scheme', 'file:///etc/passwd'],
])('when the serviceUrl is %s, then 403 before any outbound call, and no turn runs', async (_what, template) => {
  const before = trapped.length;
  const body = activity(template.replace('PORT', String(trapPort)));
  const res = await send('127.0.0.1', body);
  expect(res.status).toBe(403);
  expect(res.json.error.code).toBe('Forbidden');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(trapped.length).toBe(before);
  expect(turns(body.conversation.id)).toBe(0);
});

test('when the serviceUrl is under SERVICE_URL_ALLOWLIST, then the activity runs (replies asked for in the response)', async () => {
  const body = activity('https://smba.trafficmanager.net/amer/', { deliveryMode: 'expectReplies' });
  const res = await send('127.0.0.1', body);
  expect(res.status).toBe(200);
  expect(res.json.activities.length).toBeGreaterThan(0);
  // The "no turn runs" checks above count these log lines: an accepted activity does write one.
  expect(turns(body.conversation.id)).toBeGreaterThan(0);
});

test('when 50 activities invent channel ids, then /metrics labels them all "other" and hardly grows', async () => {
  const sizeBefore = (await (await fetch(`${server.url}/metrics`)).text()).length;
  for (let i = 0; i < 50; i++) {
    expect((await send('127.0.0.1', activity('http://localhost:3978/', { channelId: `invented-channel-${i}`, deliveryMode: 'expectReplies' }))).status).toBe(200);
  }
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).not.toContain('invented-channel');
  expect(metrics).toMatch(/giftbot_turns_total\{channel="other"\} (?:[5-9]\d|\d{3,})/);
  // One new series ("other") for the counter and the histogram's buckets, not fifty.
  expect(metrics.length - sizeBefore).toBeLessThan(5000);
});
