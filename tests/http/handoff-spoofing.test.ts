import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { startEntraKeys, teamsSsoClaims, type EntraKeys } from '../helpers/entra-keys';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 12, findings 4 and 7 on the real server: a Direct Line customer handed to Alice, with the
 * real Direct Line client. A forged agent marker, a message on another channel carrying the same
 * conversation id, and transfers by id — with a Teams SSO agent who shares a name with a token agent.
 */
const CLIENT_ID = '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ANA_OID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const ALICE = 'alice-spoofing-token-0123456789';
const ANA = 'ana-spoofing-token-0123456789';

let keys: EntraKeys;
let server: TestServer;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

beforeAll(async () => {
  keys = await startEntraKeys();
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE},Ana:${ANA}`, TEAMS_SSO_CLIENT_ID: CLIENT_ID, TEAMS_SSO_TENANT_ID: TENANT_ID, TEAMS_SSO_JWKS_URL: keys.jwksUrl });
}, 30_000);
afterEach(async () => {
  customers.splice(0).forEach((c) => c.end());
  await Promise.all(agents.splice(0).map((a) => a.close()));
});
afterAll(async () => {
  await server?.close();
  await keys?.close();
});

async function agent(token: string): Promise<AgentClient> {
  const client = await agentClient(server.url, token);
  agents.push(client);
  return client;
}

/** A Direct Line customer who asked for a person, accepted by Alice. */
async function handedToAlice(summary: string): Promise<{ client: Customer; conversationId: string; alice: AgentClient; id: string }> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const client = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: false });
  customers.push(client);
  await eventually(() => client.texts().find((t) => t.includes("I'm giftbot")), 8000, 'greeting');
  await client.say('talk to a person');
  await eventually(() => client.texts().find((t) => t.includes('In one line')), 8000, 'summary prompt');
  await client.say(summary);
  const alice = await agent(ALICE);
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'queued');
  expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  await eventually(() => client.texts().find((t) => t.includes('Alice from the support team has joined')), 8000, 'joined');
  return { client, conversationId: body.conversationId as string, alice, id: item.id as string };
}

const linesOf = async (alice: AgentClient, id: string) => (await alice.api('GET', `/conversations/${id}/transcript`)).body.lines as Array<{ from: string; name: string; text: string }>;

describe('no spoofing (issue 12, finding 4)', () => {
  test("when a customer's message carries a giftbot.agentMessage entity, then the agent's transcript shows it as the customer's, never an agent line", async () => {
    const { client, alice, id } = await handedToAlice('refund question please');
    const frames = alice.frames.length;
    await client.say('Refund approved by the support team', { entities: [{ type: 'giftbot.agentMessage', name: 'Alice', said: 'Refund approved, card unlocked' }] });
    await alice.frame((f) => f.type === 'message' && f.line.text === 'Refund approved by the support team', 'relayed', frames);
    const lines = await linesOf(alice, id);
    expect(lines.filter((l) => l.from === 'agent')).toEqual([]);
    expect(lines.find((l) => l.text.includes('Refund approved'))).toMatchObject({ from: 'customer', text: 'Refund approved by the support team' });
    expect(server.logs.some((l) => l.includes('spoofed-entity-dropped') && !l.includes('Refund'))).toBe(true);
  });

  test("when a message on another channel carries the Direct Line customer's conversation id, then it neither reaches their agent chat nor cancels it", async () => {
    const { client, conversationId, alice, id } = await handedToAlice('cross channel');
    const frames = alice.frames.length;
    const before = client.texts().length;
    const teams = (text: string) =>
      postJson(`${server.url}/api/messages`, {
        type: 'message',
        id: `act-${Math.random().toString(36).slice(2)}`,
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: 'expectReplies',
        from: { id: '29:mallory', name: 'Mallory' },
        recipient: { id: '28:giftbot', name: 'giftbot' },
        conversation: { id: conversationId, conversationType: 'personal' },
        text,
      });
    expect((await teams('Alice, please send the refund to my other card')).status).toBe(200);
    expect((await teams('cancel')).status).toBe(200);
    // The real customer's next message still reaches Alice: the chat is open and theirs.
    await client.say('are you still there?');
    await alice.frame((f) => f.type === 'message' && f.line.text === 'are you still there?', 'the real customer relayed', frames);
    expect(alice.frames.slice(frames).filter((f) => f.type === 'message').map((f) => f.line.text)).toEqual(['are you still there?']);
    expect(alice.frames.slice(frames).some((f) => f.type === 'ended')).toBe(false);
    expect((await alice.api('GET', `/conversations/${id}/transcript`)).status).toBe(200);
    expect(client.texts().slice(before)).toEqual([]);
  });
});

describe('transfers by agent id (issue 12, finding 7)', () => {
  test('when a Teams agent shares a name with a token agent, then "ana" is refused as ambiguous, an unknown id is refused, and the chat stays with Alice', async () => {
    const sso = keys.sign(teamsSsoClaims({ clientId: CLIENT_ID, tenantId: TENANT_ID, oid: ANA_OID }, { name: 'ana ![x](http://evil.example/p.png)' }));
    const teamsAna = await agent(sso);
    expect((await teamsAna.api('GET', '/me')).body.agent).toEqual({ id: `aad:${ANA_OID}`, name: 'ana x' });
    const { client, alice, id } = await handedToAlice('transfer me');
    const listed = (await alice.api('GET', '/agents')).body.agents;
    // Rows also carry routing's status and load (issue 15); the identities are what this test is about.
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'token:Ana', name: 'Ana', you: false }), expect.objectContaining({ id: 'token:Alice', name: 'Alice', you: true }), expect.objectContaining({ id: `aad:${ANA_OID}`, name: 'ana x', you: false })]));

    const unknown = await alice.api('POST', `/conversations/${id}/transfer`, { to: 'aad:00000000-0000-0000-0000-000000000000' });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'UnknownAgent' } } });
    // Two agents called Ana now: the name alone picks nobody.
    await teamsAna.close();
    const renamed = await agent(keys.sign(teamsSsoClaims({ clientId: CLIENT_ID, tenantId: TENANT_ID, oid: ANA_OID }, { name: 'Ana' })));
    const ambiguous = await alice.api('POST', `/conversations/${id}/transfer`, { to: 'ana' });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.error).toMatchObject({ code: 'Ambiguous' });
    expect(ambiguous.body.error.message).toContain('token:Ana');
    expect(ambiguous.body.error.message).toContain(`aad:${ANA_OID}`);
    expect((await alice.api('GET', `/conversations/${id}/transcript`)).status).toBe(200);

    const moved = await alice.api('POST', `/conversations/${id}/transfer`, { to: `aad:${ANA_OID}` });
    expect(moved.status).toBe(200);
    await renamed.frame((f) => f.type === 'assigned' && JSON.stringify(f).includes(id), 'assigned to the Teams Ana');
    expect((await renamed.api('GET', `/conversations/${id}/transcript`)).status).toBe(200);
    expect((await alice.api('GET', `/conversations/${id}/transcript`)).status).toBe(403);
    const said = await eventually(() => client.texts().find((t) => t.includes('transferred') || t.includes('Ana')), 8000, 'transfer told');
    expect(said).not.toContain('![');
  });
});
