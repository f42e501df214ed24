import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createTeamsSsoVerifier, type SsoResult, type TeamsSsoOptions } from '../../../src/agent/teams-sso';
import { startEntraKeys, type EntraKeys } from '../../helpers/entra-keys';

const CLIENT_ID = '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const OID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const HOST = 'giftbot.contoso.example';
const V2_ISSUER = `https://login.microsoftonline.com/${TENANT_ID}/v2.0`;
const V1_ISSUER = `https://sts.windows.net/${TENANT_ID}/`;

let keys: EntraKeys;

beforeAll(async () => {
  keys = await startEntraKeys();
});

afterAll(async () => {
  await keys.close();
});

function verifier(overrides: Partial<TeamsSsoOptions> = {}) {
  return createTeamsSsoVerifier({ clientId: CLIENT_ID, tenantId: TENANT_ID, jwksUrl: keys.jwksUrl, hostname: HOST, ...overrides });
}

const now = () => Math.floor(Date.now() / 1000);

/** The claims of a Teams SSO v2 access token for CLIENT_ID in TENANT_ID. */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = now();
  return {
    aud: CLIENT_ID,
    iss: V2_ISSUER,
    iat: t - 10,
    nbf: t - 10,
    exp: t + 3600,
    name: 'Alice Agent',
    preferred_username: 'alice@contoso.example',
    oid: OID,
    tid: TENANT_ID,
    scp: 'access_as_user',
    ver: '2.0',
    ...overrides,
  };
}

function without(record: Record<string, unknown>, ...names: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name)));
}

function expectRejected(result: SsoResult): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.reason).toEqual(expect.any(String));
  return result.reason;
}

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');

describe('Teams SSO verifier, with a valid token', () => {
  it('when a v2 token for the client id is verified, then the agent is aad:<oid> with the name claim', async () => {
    const result = await verifier()(keys.sign(claims()));
    expect(result).toEqual({ ok: true, agent: { id: `aad:${OID}`, name: 'Alice Agent' } });
  });

  it('when the token is a v1 token for api://<host>/<clientId>, then it is accepted', async () => {
    const token = keys.sign(claims({ aud: `api://${HOST}/${CLIENT_ID}`, iss: V1_ISSUER, ver: '1.0' }));
    await expect(verifier()(token)).resolves.toEqual({ ok: true, agent: { id: `aad:${OID}`, name: 'Alice Agent' } });
  });

  it('when the audience is api://<clientId>, then it is accepted', async () => {
    const result = await verifier()(keys.sign(claims({ aud: `api://${CLIENT_ID}` })));
    expect(result).toMatchObject({ ok: true, agent: { id: `aad:${OID}` } });
  });

  it('when there is no name claim, then preferred_username is the name, and without either, "Teams agent"', async () => {
    const verify = verifier();
    await expect(verify(keys.sign(without(claims(), 'name')))).resolves.toEqual({
      ok: true,
      agent: { id: `aad:${OID}`, name: 'alice@contoso.example' },
    });
    await expect(verify(keys.sign(without(claims(), 'name', 'preferred_username')))).resolves.toEqual({
      ok: true,
      agent: { id: `aad:${OID}`, name: 'Teams agent' },
    });
  });

  it('when the configured ids are in upper case, then lower-case token claims still match', async () => {
    const verify = verifier({ clientId: CLIENT_ID.toUpperCase(), tenantId: TENANT_ID.toUpperCase() });
    await expect(verify(keys.sign(claims()))).resolves.toMatchObject({ ok: true, agent: { id: `aad:${OID}` } });
    await expect(verify(keys.sign(claims({ aud: `api://${HOST}/${CLIENT_ID}`, iss: V1_ISSUER })))).resolves.toMatchObject({ ok: true });
  });

  it('when the token expired or starts within the 60 s tolerance, then it is accepted', async () => {
    const verify = verifier();
    await expect(verify(keys.sign(claims({ exp: now() - 30 })))).resolves.toMatchObject({ ok: true });
    await expect(verify(keys.sign(claims({ nbf: now() + 30 })))).resolves.toMatchObject({ ok: true });
  });

  it('when many tokens are verified, then the key set is fetched once', async () => {
    const verify = verifier();
    const before = keys.fetches;
    for (let i = 0; i < 5; i++) await expect(verify(keys.sign(claims()))).resolves.toMatchObject({ ok: true });
    expect(keys.fetches - before).toBe(1);
  });
});

describe('Teams SSO verifier, with a token it must refuse', () => {
  it('when the audience is another app, then it is refused', async () => {
    const verify = verifier();
    expect(expectRejected(await verify(keys.sign(claims({ aud: 'ffffffff-1111-4222-8333-444444444444' }))))).toMatch(/aud/);
    expect(expectRejected(await verify(keys.sign(claims({ aud: 'https://graph.microsoft.com' }))))).toMatch(/aud/);
    expect(expectRejected(await verify(keys.sign(claims({ aud: `api://evil.example/${CLIENT_ID}` }))))).toMatch(/aud/);
    expectRejected(await verify(keys.sign(without(claims(), 'aud'))));
  });

  it('when no hostname is configured, then api://<host>/<clientId> is not an audience', async () => {
    const verify = verifier({ hostname: undefined });
    expectRejected(await verify(keys.sign(claims({ aud: `api://${HOST}/${CLIENT_ID}` }))));
    await expect(verify(keys.sign(claims({ aud: `api://${CLIENT_ID}` })))).resolves.toMatchObject({ ok: true });
  });

  it('when the token is from another tenant, then it is refused, by tid and by issuer', async () => {
    const verify = verifier();
    // Wholly another tenant's token: its issuer and tid.
    expectRejected(await verify(keys.sign(claims({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }))));
    expectRejected(await verify(keys.sign(claims({ tid: OTHER_TENANT, iss: `https://sts.windows.net/${OTHER_TENANT}/` }))));
    // Our issuer but another tid, and our tid but another (or the "common") issuer.
    expect(expectRejected(await verify(keys.sign(claims({ tid: OTHER_TENANT }))))).toMatch(/tid/);
    expect(expectRejected(await verify(keys.sign(claims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }))))).toMatch(/iss/);
    expect(expectRejected(await verify(keys.sign(claims({ iss: 'https://login.microsoftonline.com/common/v2.0' }))))).toMatch(/iss/);
    expectRejected(await verify(keys.sign(without(claims(), 'tid'))));
  });

  it('when the token expired more than 60 s ago, then it is refused', async () => {
    const reason = expectRejected(await verifier()(keys.sign(claims({ exp: now() - 120 }))));
    expect(reason).toMatch(/exp/);
  });

  it('when the token is not valid for another 2 minutes, then it is refused', async () => {
    const reason = expectRejected(await verifier()(keys.sign(claims({ nbf: now() + 120 }))));
    expect(reason).toMatch(/nbf/);
  });

  it('when the token has no exp, then it is refused', async () => {
    expectRejected(await verifier()(keys.sign(without(claims(), 'exp'))));
  });

  it('when the token is signed by another key, under the published kid or another, then it is refused', async () => {
    const { privateKey: other } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const verify = verifier();
    expectRejected(await verify(keys.sign(claims(), { key: other })));
    expectRejected(await verify(keys.sign(claims(), { key: other, kid: 'someone-elses-key' })));
  });

  it('when the token says alg "none" or is HS256 signed with the public key, then it is refused without fetching keys', async () => {
    const verify = verifier();
    const before = keys.fetches;
    const none = `${encode({ typ: 'JWT', alg: 'none' })}.${encode(claims())}.`;
    expectRejected(await verify(none));
    const unsignedButShaped = `${encode({ typ: 'JWT', alg: 'none' })}.${encode(claims())}.${Buffer.from('x').toString('base64url')}`;
    expectRejected(await verify(unsignedButShaped));
    for (const secret of [keys.publicKey.export({ format: 'pem', type: 'spki' }), JSON.stringify(keys.publicKey.export({ format: 'jwk' }))]) {
      const body = `${encode({ typ: 'JWT', alg: 'HS256', kid: 'local-entra-key' })}.${encode(claims())}`;
      const forged = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
      expect(expectRejected(await verify(forged))).toMatch(/alg/i);
    }
    expect(keys.fetches).toBe(before);
  });

  it('when the token is app-only (no access_as_user scope), then it is refused: no user is behind it', async () => {
    const verify = verifier();
    expect(expectRejected(await verify(keys.sign(without(claims(), 'scp'))))).toMatch(/scope/);
    expect(expectRejected(await verify(keys.sign(without(claims({ roles: ['Agent.All'], idtyp: 'app' }), 'scp'))))).toMatch(/scope/);
    expect(expectRejected(await verify(keys.sign(claims({ scp: 'User.Read' }))))).toMatch(/scope/);
  });

  it('when the token has no oid, or an oid that is not a GUID, then it is refused', async () => {
    const verify = verifier();
    expect(expectRejected(await verify(keys.sign(without(claims(), 'oid'))))).toMatch(/oid/);
    expect(expectRejected(await verify(keys.sign(claims({ oid: '' }))))).toMatch(/oid/);
    expect(expectRejected(await verify(keys.sign(claims({ oid: 'alice' }))))).toMatch(/oid/);
  });

  it('when the bearer is not a JWT at all, then it is refused without fetching keys', async () => {
    const verify = verifier();
    const before = keys.fetches;
    for (const token of [
      '',
      'garbage',
      'agent-token-0123456789abcdef',
      'not a.jwt at.all',
      'abc.def.ghi', // three base64url parts, but no JSON in them
      `${encode({ alg: 'RS256' })}.${encode(claims())}`, // two parts
      `${keys.sign(claims())}.extra`,
    ]) {
      expectRejected(await verify(token));
    }
    expect(keys.fetches).toBe(before);
  });

  it('when the key set cannot be reached, then it resolves ok:false instead of throwing', async () => {
    const verify = createTeamsSsoVerifier({ clientId: CLIENT_ID, tenantId: TENANT_ID, jwksUrl: 'http://127.0.0.1:1/keys' });
    expectRejected(await verify(keys.sign(claims())));
  });
});
