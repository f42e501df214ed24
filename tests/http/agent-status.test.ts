import { agentClient, type AgentClient } from '../helpers/agent-client';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Agent status over the API and the stream (issue 15 routing): set and read, shown to colleagues
 * with load, refused when it isn't a status, taken from the sign-in frame, and offline once an
 * available agent's console has been closed past the grace (AGENT_OFFLINE_GRACE_SECONDS).
 */
const ANA = 'ana-token-agent-status-0123456789';
const BO = 'bo-token-agent-status-0123456789';
let server: TestServer;
const agents: AgentClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ AGENT_TOKENS: `Ana:${ANA},Bo:${BO}`, AGENT_OFFLINE_GRACE_SECONDS: '1', AGENT_CAPACITY: '4' });
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await server.close();
});

/** The fields these calls answer with (each read only where that call gives it). */
interface StatusAnswer {
  status?: string;
  load?: number;
  routing?: unknown;
  agents?: unknown[];
  error?: { code: string };
}

async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: StatusAnswer }> {
  const res = await fetch(`${server.url}/api/agent${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as StatusAnswer };
}

test('when an agent sets a status, then they and colleagues see it with the load, and a wrong status is a 400 that changes nothing', async () => {
  expect((await call(ANA, 'GET', '/me/status')).body).toMatchObject({ agent: { id: 'token:Ana' }, status: 'offline', load: 0 });
  const bo = await agentClient(server.url, BO);
  agents.push(bo);
  const set = await call(ANA, 'POST', '/me/status', { status: 'away' });
  expect(set).toMatchObject({ status: 200, body: { status: 'away', load: 0 } });
  await bo.frame((f) => f.type === 'status' && f.agent.id === 'token:Ana' && f.status === 'away', "Bo hears Ana's status");
  const listed = (await call(BO, 'GET', '/agents')).body;
  expect(listed.routing).toEqual({ mode: 'auto', capacity: 4 });
  expect(listed.agents).toEqual([
    { id: 'token:Ana', name: 'Ana', you: false, status: 'away', load: 0 },
    { id: 'token:Bo', name: 'Bo', you: true, status: 'offline', load: 0 },
  ]);
  for (const body of [{ status: 'busy' }, {}, { status: 'away', extra: 1 }]) {
    const refused = await call(ANA, 'POST', '/me/status', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('BadRequest');
  }
  expect((await call(ANA, 'GET', '/me/status')).body.status).toBe('away');
});

test('when the console signs in as available and then closes for longer than the grace, then the agent becomes offline; back within it, they stay available', async () => {
  const ana = await agentClient(server.url, ANA);
  ana.send({ type: 'auth', token: ANA, status: 'available' });
  await ana.frame((f) => f.type === 'status' && f.agent.id === 'token:Ana' && f.status === 'available', 'the sign-in frame to set available');
  await ana.close();
  // Back within the grace (a reload): stays available past when the first close would have counted.
  const again = await agentClient(server.url, ANA);
  agents.push(again);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await call(ANA, 'GET', '/me/status')).body.status).toBe('available');
  await again.close();
  const deadline = Date.now() + 5000;
  while ((await call(ANA, 'GET', '/me/status')).body.status !== 'offline') {
    if (Date.now() > deadline) throw new Error('Ana was not set offline after the grace');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
