import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { TEAMS_HOSTS } from '../../src/channels/web/security-headers';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 12, finding 8: every answer carries a Content-Security-Policy fit for what it is, nobody may
 * frame giftbot but Teams (the Teams tab only), nosniff and no-referrer everywhere, HSTS only with an
 * https PUBLIC_URL; Slack bodies are cut off while they stream.
 */
const SLACK_SECRET = 'headers-slack-signing-secret';
const AGENT = 'headers-agent-token-0123456789';
let server: TestServer;
let https: TestServer;

beforeAll(async () => {
  server = await startTestServer({ AGENT_TOKENS: `Alice:${AGENT}`, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: 'xoxb-headers-token', SLACK_BOT_USER_ID: 'U0GIFTBOT'});
  https = await startTestServer({ PUBLIC_URL: 'https://giftbot.example.com' });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await https?.close();
});

/** The CSP as directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).filter((parts) => parts[0]).map(([name, ...sources]) => [name!, sources]));
}

const get = (base: TestServer, path: string, init: RequestInit = {}) => fetch(`${base.url}${path}`, init);

function expectCommonHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('strict-transport-security')).toBeNull(); // http PUBLIC_URL (unset)
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('pages', () => {
  test('when the help-centre page with the widget is fetched, then its CSP allows only its own scripts, Web Chat and the Direct Line API and stream on its origin, and nobody may frame it', async () => {
    const res = await get(server, '/');
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const policy = csp(res);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]); // no inline or eval: Web Chat's bundle is a file here
    expect(policy.get('connect-src')).toEqual(["'self'"]); // CSP 3: 'self' covers ws:// and wss:// to the same host
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).not.toMatch(/\*|ws:|wss:|unsafe-eval/);
  });

  test('when the agent console is fetched, then the CSP is a header (no <meta>), inline styles are refused too, and it cannot be framed', async () => {
    for (const path of ['/agent/', '/agent/index.html']) {
      const res = await get(server, path);
      expect(res.status).toBe(200);
      expectCommonHeaders(res);
      const policy = csp(res);
      expect(policy.get('style-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(await res.text()).not.toMatch(/http-equiv="Content-Security-Policy"/i);
    }
  });

  test("when the Teams tab is fetched, then only Teams' and Microsoft 365's https hosts may frame it, never '*' or http", async () => {
    const res = await get(server, '/agent/teams.html');
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const ancestors = csp(res).get('frame-ancestors') ?? [];
    expect(ancestors).toEqual([...TEAMS_HOSTS]);
    expect(ancestors).toEqual(expect.arrayContaining(['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com', 'https://outlook.office.com']));
    for (const source of ancestors) expect(source).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(res.headers.get('x-frame-options')).toBeNull(); // it cannot list hosts; frame-ancestors decides
    expect(csp(res).get('connect-src')).toEqual(["'self'", 'https://res.cdn.office.net']);
    expect(await res.text()).not.toMatch(/http-equiv="Content-Security-Policy"/i);
  });

  test('when the console and the Teams tab are fetched, then they are one page (the same HTML, loading the console as a module), each path with its own framing', async () => {
    const [page, tab] = [await get(server, '/agent/'), await get(server, '/agent/teams.html')];
    const [consoleHtml, tabHtml] = [await page.text(), await tab.text()];
    expect(tabHtml).toBe(consoleHtml);
    expect(consoleHtml).toContain('<script type="module" src="/agent/main.js"></script>');
    expect([csp(page).get('frame-ancestors'), csp(tab).get('frame-ancestors')]).toEqual([["'none'"], [...TEAMS_HOSTS]]);
    // The Teams library the tab loads is the package's bundle, served by path; the console page doesn't name it.
    expect(consoleHtml).not.toContain('teams-js');
    const teamsJs = await get(server, '/agent/teams-js.js');
    expect([teamsJs.status, teamsJs.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await teamsJs.text()).toContain('microsoftTeams');
  });

  test('when a path only resembles the Teams tab, then it gets the strict policy, not the framable one', async () => {
    for (const path of ['/agent/teams.html/', '/agent//teams.html', '/AGENT/teams.html', '/agent/teams.html%00']) {
      const res = await get(server, path);
      expect({ path, ancestors: csp(res).get('frame-ancestors') }).toEqual({ path, ancestors: ["'none'"] });
    }
  });

  test('when the widget script or the Web Chat bundle is fetched, then other sites may load it (CORP cross-origin) and it is still nosniff', async () => {
    for (const path of ['/widget.js', '/webchat/webchat.js']) {
      const res = await get(server, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('content-type')).toContain('javascript');
      expectCommonHeaders(res);
    }
    expect((await get(server, '/agent/main.js')).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});

describe('JSON APIs and errors', () => {
  test("when any API answers — success, 401, 404, 413 — then its CSP is default-src 'none' and it cannot be framed", async () => {
    const answers = [
      await get(server, '/healthz'),
      await get(server, '/metrics'),
      await get(server, '/v3/directline/tokens/generate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
      await get(server, '/api/agent/queue', { headers: { Authorization: `Bearer ${AGENT}` } }),
      await get(server, '/api/agent/queue', { headers: { Authorization: 'Bearer wrong-token-000000000' } }),
      await get(server, '/no/such/path'),
      await get(server, '/api/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 401, 404, 413]);
    for (const res of answers) {
      expectCommonHeaders(res);
      expect(Object.fromEntries(csp(res))).toEqual({ 'default-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'frame-ancestors': ["'none'"] });
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('HSTS', () => {
  test('when PUBLIC_URL is https, then every answer carries HSTS for a year, insecure requests are upgraded and the wss:// stream is named', async () => {
    for (const path of ['/', '/agent/', '/agent/teams.html', '/healthz', '/nowhere']) {
      const res = await get(https, path);
      expect({ path, hsts: res.headers.get('strict-transport-security') }).toEqual({ path, hsts: 'max-age=31536000' });
    }
    const page = csp(await get(https, '/'));
    expect(page.get('connect-src')).toEqual(["'self'", 'wss://giftbot.example.com']);
    expect(page.has('upgrade-insecure-requests')).toBe(true);
    expect(csp(await get(server, '/')).has('upgrade-insecure-requests')).toBe(false);
  });
});

// --- Slack -------------------------------------------------------------------------------------

function signed(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature };
}

interface Streamed {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes written before the answer arrived. */
  sentBeforeAnswer: number;
  ms: number;
}

/**
 * POSTs `total` bytes chunked (no Content-Length), 16 KB at a time with a pause every 64 KB, and
 * stops writing as soon as an answer arrives.
 */
function streamChunked(url: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' }, agent: false }, (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers, sentBeforeAnswer, ms: Date.now() - started }));
    });
    // Writing after the server closed the connection fails; the answer is what counts.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const iterator = chunks[Symbol.iterator]();
    const next = (): void => {
      if (answered || req.destroyed) return;
      const { value, done } = iterator.next();
      if (done) {
        req.end();
        return;
      }
      sent += value.length;
      req.write(value);
      setTimeout(next, sent % (64 * 1024) === 0 ? 5 : 0);
    };
    next();
  });
}

function* pieces(text: string, size = 16 * 1024): Generator<Buffer> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('Slack bodies', () => {
  const events = () => `${server.url}/api/slack/events`;

  test('when a signed 4 MB mention arrives chunked with no Content-Length, then it is cut off with 413 soon after 256 KB, before the rest is read or the signature checked, and no turn runs', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev0CHUNKED1', team_id: 'T0HEADERS', event: { type: 'app_mention', user: 'U0MALLORY', channel: 'C0CHUNKED', ts: '1718000000.000100', text: `<@U0GIFTBOT> ${'a'.repeat(4 * 1024 * 1024)}` } });
    const answer = await streamChunked(events(), signed(body), pieces(body));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'PayloadTooLarge', message: 'The body is larger than 256 KB' } });
    expect(answer.headers.connection).toBe('close');
    expect(answer.sentBeforeAnswer).toBeLessThan(1024 * 1024); // of 4 MB: not read to the end
    expect(answer.ms).toBeLessThan(5000); // not catastrophically slow
    expect(server.logs.filter((l) => l.includes('C0CHUNKED'))).toEqual([]);
    expect(server.logs.filter((l) => l.includes('"event":"slack-turn"'))).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 30_000);

  test('when an unsigned 4 MB body streams in chunked, then it is refused with 413 (the cap comes before the signature check)', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c'.repeat(4 * 1024 * 1024) });
    const answer = await streamChunked(events(), { 'Content-Type': 'application/json' }, pieces(body));
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeLessThan(1024 * 1024);
  }, 30_000);

  test('when a small signed request arrives chunked, then it is read and answered as usual', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'chunked-ok', token: 'x' });
    const answer = await streamChunked(events(), signed(body), pieces(body, 16));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: 'chunked-ok' });
  });

  test('when Bolt refuses a body, then what it logs is one JSON line per call', () => {
    const bolt = server.logs.filter((l) => l.includes('"event":"slack-bolt"'));
    expect(bolt.length).toBeGreaterThan(0);
    for (const line of server.logs) expect(() => JSON.parse(line)).not.toThrow();
    for (const line of bolt) expect(JSON.parse(line)).toMatchObject({ level: 'warn', message: expect.stringMatching(/exceeded the maximum allowed size/) });
  });
});
