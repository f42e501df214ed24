import { AgentAuth, bearerOf } from '../../../src/agent/agent-auth';
import type { SsoResult } from '../../../src/agent/teams-sso';

const tokens = [
  { name: 'Alice', token: '0123456789abcdef' },
  { name: 'Bob Smith', token: 'fedcba9876543210' },
];

/** A Teams SSO verifier: accepts exactly one token, as the real one accepts tokens Entra ID signed. */
function verifier(good: string, agent = { id: 'aad:00000000-0000-0000-0000-00000000c0de', name: 'Carol Jones' }) {
  const seen: string[] = [];
  const verify = async (token: string): Promise<SsoResult> => {
    seen.push(token);
    return token === good ? { ok: true, agent } : { ok: false, reason: 'signature did not verify' };
  };
  return { verify, seen };
}

describe('AgentAuth with tokens', () => {
  test("when an agent sends their token, then they are signed in as token:<name> by token", async () => {
    const auth = new AgentAuth(tokens);

    expect(await auth.signIn('0123456789abcdef')).toEqual({ ok: true, agent: { id: 'token:Alice', name: 'Alice' }, via: 'token', role: 'agent' });
    expect(await auth.signIn('fedcba9876543210')).toEqual({ ok: true, agent: { id: 'token:Bob Smith', name: 'Bob Smith' }, via: 'token', role: 'agent' });
  });

  test('when the token is wrong, almost right, or empty, then nobody is signed in', async () => {
    const auth = new AgentAuth(tokens);

    expect(await auth.signIn('0123456789abcdeX')).toEqual({ ok: false });
    expect(await auth.signIn('0123456789ABCDEF')).toEqual({ ok: false });
    expect(await auth.signIn('0123456789abcdef ')).toEqual({ ok: false });
    expect(await auth.signIn('')).toEqual({ ok: false });
  });

  test('when an agent is looked up by name in any case or with blanks, then they are found; unknown names are not', () => {
    const auth = new AgentAuth(tokens);

    expect(auth.find('alice')).toEqual({ ok: true, agent: { id: 'token:Alice', name: 'Alice' } });
    expect(auth.find('  BOB SMITH ')).toEqual({ ok: true, agent: { id: 'token:Bob Smith', name: 'Bob Smith' } });
    expect(auth.find('Bob')).toEqual({ ok: false, status: 'unknown' });
    expect(auth.find('Carol')).toEqual({ ok: false, status: 'unknown' });
  });

  test('when tokens are configured, then sign-in is enabled', () => {
    expect(new AgentAuth(tokens).enabled).toBe(true);
  });
});

describe('AgentAuth with Teams SSO', () => {
  test('when the verifier accepts the token, then the agent is signed in via teams and becomes findable by name', async () => {
    const { verify } = verifier('eyJ.good.jwt');
    const auth = new AgentAuth(tokens, verify);
    expect(auth.find('carol jones')).toEqual({ ok: false, status: 'unknown' });

    expect(await auth.signIn('eyJ.good.jwt')).toEqual({ ok: true, agent: { id: 'aad:00000000-0000-0000-0000-00000000c0de', name: 'Carol Jones' }, via: 'teams', role: 'agent' });
    expect(auth.find('carol jones')).toEqual({ ok: true, agent: { id: 'aad:00000000-0000-0000-0000-00000000c0de', name: 'Carol Jones' } });
  });

  test('when the verifier refuses the token, then nobody is signed in and the reason goes to onRefused', async () => {
    const { verify } = verifier('eyJ.good.jwt');
    const refused: string[] = [];
    const auth = new AgentAuth(tokens, verify, (reason) => refused.push(reason));

    expect(await auth.signIn('eyJ.forged.jwt')).toEqual({ ok: false });
    expect(refused).toEqual(['signature did not verify']);
    expect(auth.find('carol jones')).toEqual({ ok: false, status: 'unknown' });
  });

  test('when a configured token is sent, then it signs in by token without asking the verifier', async () => {
    const { verify, seen } = verifier('eyJ.good.jwt');
    const auth = new AgentAuth(tokens, verify);

    expect(await auth.signIn('0123456789abcdef')).toMatchObject({ ok: true, via: 'token', role: 'agent' });
    expect(seen).toEqual([]);
  });

  test('when the token is empty, then the verifier is not asked', async () => {
    const { verify, seen } = verifier('eyJ.good.jwt');
    const auth = new AgentAuth([], verify);

    expect(await auth.signIn('')).toEqual({ ok: false });
    expect(seen).toEqual([]);
  });

  test('when only SSO is configured, then sign-in is enabled', () => {
    expect(new AgentAuth([], verifier('x').verify).enabled).toBe(true);
  });
});

describe('AgentAuth with nothing configured', () => {
  test('when there are no tokens and no SSO, then sign-in is disabled and nothing signs in', async () => {
    const auth = new AgentAuth([]);

    expect(auth.enabled).toBe(false);
    expect(await auth.signIn('0123456789abcdef')).toEqual({ ok: false });
    expect(auth.find('alice')).toEqual({ ok: false, status: 'unknown' });
  });
});

describe('AgentAuth: transfers by id, names shared and names sanitised (issue 12)', () => {
  const ana = { id: 'aad:00000000-0000-0000-0000-0000000000aa', name: 'Ana' };

  test('when a Teams agent signs in with the same name as a token agent, then both stay, by id, and the name is ambiguous', async () => {
    const auth = new AgentAuth([{ name: 'Ana', token: '0123456789abcdef' }], verifier('eyJ.good.jwt', ana).verify);
    await auth.signIn('eyJ.good.jwt');

    expect(auth.agents()).toEqual([{ id: ana.id, name: 'Ana' }, { id: 'token:Ana', name: 'Ana' }]);
    expect(auth.find('ana')).toEqual({ ok: false, status: 'ambiguous', candidates: [{ id: ana.id, name: 'Ana' }, { id: 'token:Ana', name: 'Ana' }] });
    expect(auth.find('token:Ana')).toEqual({ ok: true, agent: { id: 'token:Ana', name: 'Ana' } });
    expect(auth.find(ana.id)).toEqual({ ok: true, agent: ana });
    // The token agent still signs in as themselves.
    expect(await auth.signIn('0123456789abcdef')).toEqual({ ok: true, agent: { id: 'token:Ana', name: 'Ana' }, via: 'token', role: 'agent' });
  });

  test('when an id is unknown, then nobody is found', () => {
    expect(new AgentAuth(tokens).find('aad:00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, status: 'unknown' });
  });

  test('when a Teams display name carries a markdown image, then the agent signs in under the plain name', async () => {
    const auth = new AgentAuth([], verifier('eyJ.good.jwt', { id: ana.id, name: 'Ana ![x](http://evil.example/p.png)' }).verify);
    expect(await auth.signIn('eyJ.good.jwt')).toEqual({ ok: true, agent: { id: ana.id, name: 'Ana x' }, via: 'teams', role: 'agent' });
  });

  test('when an AGENT_TOKENS name carries markup, then people see it plain and the id keeps the configured name', async () => {
    const auth = new AgentAuth([{ name: '[Bo](https://evil.example)', token: '0123456789abcdef' }]);
    expect(await auth.signIn('0123456789abcdef')).toEqual({ ok: true, agent: { id: 'token:[Bo](https://evil.example)', name: 'Bo' }, via: 'token', role: 'agent' });
  });
});

describe('bearerOf', () => {
  test('when the header is "Bearer <token>" in any case, then the token is returned', () => {
    expect(bearerOf('Bearer abc.def-123')).toBe('abc.def-123');
    expect(bearerOf('bearer abc')).toBe('abc');
    expect(bearerOf('BEARER   abc')).toBe('abc');
  });

  test('when the header is missing, another scheme, or not one token, then it is empty', () => {
    expect(bearerOf(undefined)).toBe('');
    expect(bearerOf('')).toBe('');
    expect(bearerOf('Bearer')).toBe('');
    expect(bearerOf('Bearer ')).toBe('');
    expect(bearerOf('Basic dXNlcjpwYXNz')).toBe('');
    expect(bearerOf('Bearer two tokens')).toBe('');
    expect(bearerOf('abc')).toBe('');
  });
});
