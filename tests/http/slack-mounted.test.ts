import { createHmac } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';

const SECRET = 'slack-signing-secret-for-tests';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_BOT_USER_ID: 'U0GIFTBOT' });
});
afterAll(() => server.close());

function signed(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature };
}

describe('Slack on the real server (SLACK_* set)', () => {
  test('when Slack verifies the URL with a signed request, then the challenge is answered', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    const res = await fetch(`${server.url}/api/slack/events`, { method: 'POST', headers: signed(body), body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  test('when a request is unsigned or replayed, then 401 and the server keeps serving', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-456' });
    expect((await fetch(`${server.url}/api/slack/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status).toBe(401);
    const old = signed(body, Math.floor(Date.now() / 1000) - 6 * 60);
    expect((await fetch(`${server.url}/api/slack/events`, { method: 'POST', headers: old, body })).status).toBe(401);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
