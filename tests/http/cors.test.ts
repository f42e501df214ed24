import { loadConfig } from '../../src/config/config';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

const SITE = 'https://help.example.com';
const OTHER = 'https://evil.example';
let server: TestServer;
let closed: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ALLOWED_ORIGINS: `${SITE}, http://localhost:8080` });
  closed = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await closed?.close();
});

function preflight(base: string, path: string, origin: string, method = 'POST'): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization,content-type,x-ms-bot-agent,x-requested-with' } });
}

describe('ALLOWED_ORIGINS', () => {
  test('when an allowed site preflights the token endpoint, then it gets 204 with its own origin, the methods and headers, and Vary: Origin', async () => {
    const res = await preflight(server.url, '/v3/directline/tokens/generate', SITE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with']));
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('when an allowed site calls Direct Line for real, then the answers carry its origin (token, conversation, activities)', async () => {
    const token = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Origin: SITE, 'Content-Type': 'application/json' }, body: '{}' });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBe(SITE);
    const { token: bearer, conversationId } = (await token.json()) as { token: string; conversationId: string };
    const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { Origin: SITE, Authorization: `Bearer ${bearer}` } });
    expect(started.headers.get('access-control-allow-origin')).toBe(SITE);
    expect((await preflight(server.url, `/v3/directline/conversations/${conversationId}/activities`, SITE, 'GET')).status).toBe(204);
    const activities = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { Origin: SITE, Authorization: `Bearer ${bearer}` } });
    expect(activities.status).toBe(200);
    expect(activities.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(activities.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  test('when a site that is not listed preflights, then it is refused with no Allow-Origin, and its real calls get none either', async () => {
    const res = await preflight(server.url, '/v3/directline/tokens/generate', OTHER);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'OriginNotAllowed' }) });
    const posted = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Origin: OTHER, 'Content-Type': 'application/json' }, body: '{}' });
    expect(posted.headers.get('access-control-allow-origin')).toBeNull();
    // A near miss (another port, a subdomain) is another origin.
    expect((await preflight(server.url, '/v3/directline/tokens/generate', 'http://localhost:8081')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(server.url, '/v3/directline/tokens/generate', 'https://x.help.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('when ALLOWED_ORIGINS is unset, then no origin gets CORS and the same-origin widget still works', async () => {
    const res = await preflight(closed.url, '/v3/directline/tokens/generate', SITE);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.status).toBe(403);
    const own = await postJson(`${closed.url}/v3/directline/tokens/generate`, {}, { Origin: closed.url });
    expect(own.status).toBe(200);
    expect(typeof own.body.token).toBe('string');
  });

  test('when the widget script and the Web Chat bundle are loaded from another site, then their headers allow it', async () => {
    for (const path of ['/widget.js', '/webchat/webchat.js']) {
      const res = await fetch(`${server.url}${path}`, { headers: { Origin: SITE } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      await res.arrayBuffer();
    }
  });

  test('when ALLOWED_ORIGINS holds a path, a trailing slash or a non-http scheme, then start-up stops naming the variable', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://help.example.com/support' })).toThrow(/ALLOWED_ORIGINS: .*origin only.*https:\/\/help\.example\.com/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://help.example.com/' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://files.example.com' })).toThrow(/ALLOWED_ORIGINS: .*not an http\(s\) origin/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'help.example.com' })).toThrow(/ALLOWED_ORIGINS/);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, http://localhost:3000' }).ALLOWED_ORIGINS).toEqual(['https://a.example', 'http://localhost:3000']);
    expect(loadConfig({}).ALLOWED_ORIGINS).toBeUndefined();
  });
});
