import { generateKeyPairSync } from 'node:crypto';
import WebSocket from 'ws';
import { startEntraKeys, teamsSsoClaims, type EntraKeys } from '../helpers/entra-keys';
import { scratchDir } from '../helpers/paths';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Teams SSO on the real server: the agent console's Bearer token may be an Entra ID access token
 * (what `microsoftTeams.authentication.getAuthToken()` gives the Teams tab), checked against a
 * local key set standing in for login.microsoftonline.com. The agent tokens of AGENT_TOKENS keep
 * working beside it.
 */
const CLIENT_ID = '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const OID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const AGENT_TOKEN = 'alice-token-0123456789';
const IDS = { clientId: CLIENT_ID, tenantId: TENANT_ID, oid: OID };

// any: tests read whatever JSON the server answered.
type Json = any;

let keys: EntraKeys;
let server: TestServer;
const scratch = scratchDir();

beforeAll(async () => {
  keys = await startEntraKeys();
  server = await startTestServer({
    TEAMS_SSO_CLIENT_ID: CLIENT_ID,
    TEAMS_SSO_TENANT_ID: TENANT_ID,
    TEAMS_SSO_JWKS_URL: keys.jwksUrl,
    AGENT_TOKENS: `Alice:${AGENT_TOKEN}`,
    DATA_DIR: scratch.dir,
  });
});
afterAll(async () => {
  await server?.close();
  await keys?.close();
  scratch.cleanup();
});

const now = () => Math.floor(Date.now() / 1000);
const ssoToken = (overrides: Record<string, unknown> = {}) => keys.sign(teamsSsoClaims(IDS, overrides));

async function me(token: string): Promise<{ status: number; headers: Headers; text: string; body: Json }> {
  const res = await fetch(`${server.url}/api/agent/me`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

type StreamOutcome = { ready: Json; ws: WebSocket } | { closed: { code: number; reason: string }; frames: Json[] };

/** Opens /api/agent/stream, signs in with the first frame, and reports the first answer: a frame, or the close. */
function streamSignIn(token: string): Promise<StreamOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/agent/stream`);
    const frames: Json[] = [];
    ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    // Text frames arrive as one Buffer (binaryType is left at its default, 'nodebuffer').
    ws.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8'));
      frames.push(frame);
      if (frame.type === 'ready') resolve({ ready: frame, ws });
    });
    ws.once('close', (code, reason) => resolve({ closed: { code, reason: reason.toString() }, frames }));
    ws.once('error', reject);
  });
}

function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

describe('Teams SSO on the agent API', () => {
  test('when the tab sends a valid SSO token, then /api/agent/me answers the Entra user, via teams', async () => {
    const res = await me(ssoToken());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ via: 'teams', role: 'agent', agent: { id: `aad:${OID}`, name: 'Alice Agent' } });
  });

  test('when the same SSO token signs in on the WebSocket, then the stream is ready for that agent', async () => {
    const outcome = await streamSignIn(ssoToken());
    if (!('ready' in outcome)) throw new Error(`stream closed: ${JSON.stringify(outcome.closed)}`);
    try {
      expect(outcome.ready).toEqual({ type: 'ready', agent: { id: `aad:${OID}`, name: 'Alice Agent' } });
    } finally {
      await closeSocket(outcome.ws);
    }
  });

  test('when the SSO token has no name claim, then the agent is named by preferred_username', async () => {
    const res = await me(ssoToken({ name: undefined }));
    expect(res.body).toEqual({ via: 'teams', role: 'agent', agent: { id: `aad:${OID}`, name: 'alice@contoso.example' } });
  });

  test('when an agent signs in with an AGENT_TOKENS token beside SSO, then it still works, via token, on HTTP and the stream', async () => {
    const res = await me(AGENT_TOKEN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ via: 'token', role: 'agent', agent: { id: 'token:Alice', name: 'Alice' } });
    const outcome = await streamSignIn(AGENT_TOKEN);
    if (!('ready' in outcome)) throw new Error(`stream closed: ${JSON.stringify(outcome.closed)}`);
    expect(outcome.ready).toMatchObject({ type: 'ready', agent: { id: 'token:Alice', name: 'Alice' } });
    await closeSocket(outcome.ws);
  });
});

describe('Teams SSO tokens the server must refuse', () => {
  const refused: Array<[string, () => Promise<string>, RegExp | null]> = [
    ['an expired token (past the 60 s clock tolerance)', async () => ssoToken({ iat: now() - 4000, nbf: now() - 4000, exp: now() - 600 }), /exp/],
    ['a token of another tenant', async () => ssoToken({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), /iss|tid/],
    ['a token for another app (wrong audience)', async () => ssoToken({ aud: 'ffffffff-1111-4222-8333-444444444444' }), /aud/],
    ['an app-only token (no scp)', async () => ssoToken({ scp: undefined }), /scope/],
    ['a token signed by another key under the published kid', async () => keys.sign(teamsSsoClaims(IDS), { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }), /signature/i],
    [
      "a customer's Direct Line token",
      async () => {
        const generated = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
        expect(generated.status).toBe(200);
        return generated.body.token as string;
      },
      null, // not JWT-shaped: turned away before the verifier looks at it
    ],
  ];

  test.each(refused)('when the Bearer is %s, then /api/agent/me is 401 Unauthorized JSON without a stack', async (_what, make, reason) => {
    const token = await make();
    const logged = server.logs.length;
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(res.body).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
    // Nothing of the verifier's reasoning, nor a stack, reaches the caller.
    expect(res.text).not.toMatch(/stack|\bat \S+ \(|ERR_JWT|jose|claim|signature|tenant|scope/i);
    const newLines = server.logs.slice(logged).join('');
    if (reason) {
      // The reason goes to the server log instead, without the token.
      const refusal = server.logs.slice(logged).map((line) => JSON.parse(line)).find((entry) => entry.event === 'agent-sso-refused');
      expect(refusal?.reason).toMatch(reason);
    }
    expect(newLines).not.toContain(token);
  });

  test.each(refused)('when the stream is signed in with %s, then it is closed with 4401 and sends no ready', async (_what, make) => {
    const outcome = await streamSignIn(await make());
    if ('ready' in outcome) {
      await closeSocket(outcome.ws);
      throw new Error('the stream accepted a token it must refuse');
    }
    expect(outcome.closed.code).toBe(4401);
    expect(outcome.frames.filter((frame) => frame.type === 'ready')).toEqual([]);
  });

  test('when the stream is signed in with garbage, then it is closed with 4401 too', async () => {
    const outcome = await streamSignIn('not-a-token');
    expect('closed' in outcome && outcome.closed.code).toBe(4401);
  });

  test('when a refused token was tried, then a valid SSO token and the agent token still sign in', async () => {
    expect((await me(ssoToken({ aud: 'https://graph.microsoft.com' }))).status).toBe(401);
    expect((await me(ssoToken())).body).toMatchObject({ via: 'teams' });
    expect((await me(AGENT_TOKEN)).body).toMatchObject({ via: 'token' });
  });
});
