import { AgentAuth } from '../../../src/agent/agent-auth';
import { createTeamsSsoVerifier } from '../../../src/agent/teams-sso';
import { ConfigError, loadConfig } from '../../../src/config/config';
import { startEntraKeys, type EntraKeys } from '../../helpers/entra-keys';

const CLIENT_ID = '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GROUP = '6c1f0d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const OTHER_GROUP = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** The ConfigError's message for `env`; fails the test if loading succeeds. */
function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('AGENT_TOKENS roles', () => {
  test('when an entry ends in :supervisor, then that agent is a supervisor and the others stay agents', () => {
    expect(loadConfig({ AGENT_TOKENS: 'Ana:0123456789abcdef,Sam:fedcba9876543210:supervisor, Bo : aaaaaaaaaaaaaaaa : Supervisor ' }).AGENT_TOKENS).toEqual([
      { name: 'Ana', token: '0123456789abcdef' },
      { name: 'Sam', token: 'fedcba9876543210', role: 'supervisor' },
      { name: 'Bo', token: 'aaaaaaaaaaaaaaaa', role: 'supervisor' },
    ]);
  });

  test('when a token holds colons, then only a plain word after the last colon is read as a role, and :agent keeps a word-ending token whole', () => {
    expect(loadConfig({ AGENT_TOKENS: 'Ana:abc:def:0123456789abcdef1' }).AGENT_TOKENS).toEqual([{ name: 'Ana', token: 'abc:def:0123456789abcdef1' }]);
    expect(loadConfig({ AGENT_TOKENS: 'Ana:0123456789abcdef:xyz:agent' }).AGENT_TOKENS).toEqual([{ name: 'Ana', token: '0123456789abcdef:xyz' }]);
    expect(loadConfig({ AGENT_TOKENS: 'Sam:0123:456789abcdef:supervisor' }).AGENT_TOKENS).toEqual([{ name: 'Sam', token: '0123:456789abcdef', role: 'supervisor' }]);
  });

  test('when the role is not supervisor or agent, then start-up stops naming the agent, never the token', () => {
    const message = errorOf({ AGENT_TOKENS: 'Ana:0123456789abcdef,Sam:fedcba9876543210:admin' });
    expect(message).toMatch(/AGENT_TOKENS: the entry of Sam ends in an unknown role: only supervisor \(or agent\)/);
    expect(message).not.toContain('fedcba9876543210');
  });

  test('when a supervisor entry has no token, then it must be name:token', () => {
    expect(errorOf({ AGENT_TOKENS: 'Sam::supervisor' })).toMatch(/AGENT_TOKENS: entry 1 must be name:token or name:token:supervisor/);
    expect(errorOf({ AGENT_TOKENS: 'Sam:short:supervisor' })).toMatch(/the token of Sam must be at least 16 characters/);
  });

  test('when AgentAuth signs a token in, then it answers the role of its entry', async () => {
    const auth = new AgentAuth(loadConfig({ AGENT_TOKENS: 'Ana:0123456789abcdef,Sam:fedcba9876543210:supervisor' }).AGENT_TOKENS ?? []);
    expect(await auth.signIn('0123456789abcdef')).toEqual({ ok: true, agent: { id: 'token:Ana', name: 'Ana' }, via: 'token', role: 'agent' });
    expect(await auth.signIn('fedcba9876543210')).toEqual({ ok: true, agent: { id: 'token:Sam', name: 'Sam' }, via: 'token', role: 'supervisor' });
    // The role word is not part of the token.
    expect(await auth.signIn('fedcba9876543210:supervisor')).toEqual({ ok: false });
  });
});

describe('TEAMS_SUPERVISOR_GROUPS', () => {
  let keys: EntraKeys;
  beforeAll(async () => {
    keys = await startEntraKeys();
  });
  afterAll(async () => {
    await keys.close();
  });

  const sso = { TEAMS_SSO_CLIENT_ID: CLIENT_ID, TEAMS_SSO_TENANT_ID: TENANT_ID };

  test('when set, then group object ids are read (any case) and a non-GUID or missing Teams SSO is named', () => {
    expect(loadConfig({ ...sso, TEAMS_SUPERVISOR_GROUPS: ` ${GROUP.toUpperCase()} , ${OTHER_GROUP}` }).TEAMS_SUPERVISOR_GROUPS).toEqual([GROUP, OTHER_GROUP]);
    expect(errorOf({ ...sso, TEAMS_SUPERVISOR_GROUPS: 'Supervisors' })).toMatch(/TEAMS_SUPERVISOR_GROUPS: supervisors is not a group object id/);
    expect(errorOf({ TEAMS_SUPERVISOR_GROUPS: GROUP })).toMatch(/TEAMS_SUPERVISOR_GROUPS: needs Teams SSO/);
  });

  function token(groups: unknown): string {
    const t = Math.floor(Date.now() / 1000);
    return keys.sign({ aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`, iat: t - 10, nbf: t - 10, exp: t + 3600, name: 'Sam Lead', oid: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', tid: TENANT_ID, scp: 'access_as_user', ...(groups === undefined ? {} : { groups }) });
  }

  test("when a Teams user's groups claim holds a supervisor group, then they sign in as a supervisor; otherwise as an agent", async () => {
    const verify = createTeamsSsoVerifier({ clientId: CLIENT_ID, tenantId: TENANT_ID, jwksUrl: keys.jwksUrl, supervisorGroups: [GROUP] });
    const auth = new AgentAuth([], verify);
    expect(await auth.signIn(token([OTHER_GROUP, GROUP.toUpperCase()]))).toMatchObject({ ok: true, via: 'teams', role: 'supervisor' });
    expect(await auth.signIn(token([OTHER_GROUP]))).toMatchObject({ ok: true, via: 'teams', role: 'agent' });
    // No groups claim (not configured, or Entra's overage for users in many groups): an agent, still signed in.
    expect(await auth.signIn(token(undefined))).toMatchObject({ ok: true, role: 'agent' });
    expect(await auth.signIn(token('not-a-list'))).toMatchObject({ ok: true, role: 'agent' });
  });
});
