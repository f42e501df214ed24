import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Reports on the real server (SQLite): customers on the official Direct Line client ask for a
 * person, an agent accepts and ends with a wrap-up reason, the customers rate the chat in the
 * survey; then the supervisor's JSON and CSV carry those numbers, and bad ranges are refused.
 */
const SUE = 'sue-token-reports-0123456789';
const ALICE = 'alice-token-reports-0123456789';

// any: the answers are JSON the server sent; their fields are asserted one by one.
type Json = any;

let server: TestServer;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ AGENT_TOKENS: `Sue:${SUE}:supervisor,Alice:${ALICE}`, HANDOFF_TIMEOUT_SECONDS: '600' });
});
afterAll(async () => {
  customers.forEach((c) => c.end());
  await Promise.all(agents.map((a) => a.close()));
  await server.close();
});

async function customer(): Promise<Customer> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const client = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(client);
  await saw(client, "I'm giftbot");
  return client;
}

function saw(client: Customer, text: string, from = 0): Promise<string> {
  return eventually(() => client.texts().slice(from).find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
}

/** Asks for a person, is accepted and ended by `agent` with `reason`, then rates the chat `rating`. */
async function helped(client: Customer, agent: AgentClient, summary: string, reason: string, rating: string): Promise<void> {
  await client.say('talk to a person');
  await saw(client, 'In one line');
  await client.say(summary);
  await saw(client, 'in the queue');
  const item = await eventually(async () => (await agent.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'request in the queue');
  expect((await agent.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  expect((await agent.api('POST', `/conversations/${item.id}/end`, { reason })).status).toBe(200);
  await saw(client, 'How did the support team do?');
  const before = client.texts().length;
  await client.say(rating);
  await saw(client, "Anything you'd like to add?", before);
  await client.say('no');
  await saw(client, 'Thank you!', before);
}

async function get(path: string, token = SUE): Promise<Response> {
  return fetch(`${server.url}/api/agent${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

describe('reports', () => {
  let report: Json;

  beforeAll(async () => {
    const alice = await agentClient(server.url, ALICE);
    agents.push(alice);
    const reasons = (await alice.api('GET', '/wrap-up')).body.reasons as Array<{ id: string }>;
    await helped(await customer(), alice, 'charged twice for one card', reasons[0]!.id, '5');
    // This one first asks what the knowledge base can't answer: the handoff counts as not answered.
    const second = await customer();
    await second.say('zorblax quantum fizzwig?');
    await saw(second, 'say it another way');
    await helped(second, alice, 'refund for a gift card', reasons[1]!.id, '2');
    // A conversation with the bot only.
    await (await customer()).say('hello');
    const res = await eventually(async () => {
      const answer = await get('/reports');
      const body = (await answer.json()) as Json;
      return body.csat?.overall.count === 2 && body.waitSeconds.count === 2 ? body : undefined;
    }, 8000, 'both conversations archived and rated');
    report = res;
    report.reasons = reasons;
  }, 60_000);

  test('when two customers were helped and one only chatted, then the handoff rate is 2 of 3 and each reason is counted', () => {
    expect(report.handoffs).toEqual({
      conversations: 3,
      handoffs: 2,
      rate: 0.6667,
      reasons: [
        { reason: 'asked-for-person', count: 1 },
        { reason: 'fix-did-not-work', count: 0 },
        { reason: 'not-answered', count: 1 },
        { reason: 'unknown', count: 0 },
      ],
    });
    const hour = new Date().getUTCHours();
    const busy = report.volumeByHour.filter((h: { conversations: number }) => h.conversations > 0);
    // Within one UTC hour, unless the test ran across its end.
    expect(busy.reduce((n: number, h: { conversations: number }) => n + h.conversations, 0)).toBe(3);
    expect(busy.map((h: { hour: number }) => h.hour).every((h: number) => h === hour || h === (hour + 23) % 24)).toBe(true);
  });

  test('when the surveys were answered, then CSAT is 3.5 overall, all of it Alice, and split by the End reasons', () => {
    expect(report.csat.overall).toEqual({ average: 3.5, count: 2 });
    expect(report.csat.byAgent).toEqual([{ agent: 'token:Alice', name: 'Alice', average: 3.5, count: 2 }]);
    expect(report.csat.byReason).toEqual(
      [
        { reason: report.reasons[0].id, average: 5, count: 1 },
        { reason: report.reasons[1].id, average: 2, count: 1 },
      ].sort((a, b) => a.reason.localeCompare(b.reason)),
    );
  });

  test('when accepted and ended at once, then wait and handle times are counted and short', () => {
    expect(report.waitSeconds.count).toBe(2);
    expect(report.handleSeconds.count).toBe(2);
    expect(report.waitSeconds.p90).toBeLessThan(30);
    expect(report.handleSeconds.p90).toBeLessThan(30);
    expect(report.unanswered.total).toBe(1);
    expect(report.unanswered.top).toEqual([{ question: 'zorblax quantum fizzwig', count: 1, example: 'zorblax quantum fizzwig?' }]);
  });

  test('when the CSV is downloaded, then it is an attachment with the same figures, section by section', async () => {
    const res = await get('/reports.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?giftbot-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const named = await get('/reports.csv?from=2026-12-01&to=2026-12-07&utcOffset=-300');
    expect(named.headers.get('content-disposition')).toMatch(/filename="?giftbot-report-2026-12-01-to-2026-12-07\.csv"?$/);
    const csv = await res.text();
    expect(csv).toContain('Handoffs\r\nconversations,handoffs,rate\r\n3,2,0.6667\r\n');
    expect(csv).toContain('(all),(all),3.5,2\r\ntoken:Alice,Alice,3.5,2\r\n');
    expect(csv).toContain('not-answered,1\r\n');
    expect(csv).toContain('zorblax quantum fizzwig,1,zorblax quantum fizzwig?\r\n');
  });

  test('when a past range is asked, then nothing of today is in it', async () => {
    const res = await get('/reports?from=2025-01-01&to=2025-01-31&utcOffset=60');
    expect(res.status).toBe(200);
    const old = await res.json();
    expect(old).toMatchObject({ from: '2024-12-31T23:00:00.000Z', to: '2025-01-31T23:00:00.000Z', utcOffsetMinutes: 60, handoffs: { conversations: 0, handoffs: 0, rate: null } });
  });
});

describe('refused report requests', () => {
  test.each([
    ['/reports?from=2026-12-02&to=2026-12-01', 'from: must not be after to'],
    ['/reports?from=2024-01-01&to=2025-12-31', 'at most 366'],
    ['/reports?from=yesterday', 'from: must be a date as YYYY-MM-DD'],
    ['/reports.csv?to=2026-02-30', 'to: is not a real date'],
    ['/reports?utcOffset=9000', 'utcOffset'],
  ])('when %s is asked, then it is a 400 that says why', async (path, why) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.message).toContain(why);
  });

  test('when an agent who is not a supervisor asks, then it is a 403; without a token, a 401', async () => {
    for (const path of ['/reports', '/reports.csv']) {
      const res = await get(path, ALICE);
      expect(res.status).toBe(403);
      expect(((await res.json()) as Json).error.message).toContain('supervisors');
      expect((await fetch(`${server.url}/api/agent${path}`)).status).toBe(401);
    }
  });
});
