import { directLineClient, type Customer } from '../helpers/directline-client';
import { loadConfig } from '../../src/config/config';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/** What operators get: Prometheus metrics at /metrics, and JSON logs that never hold a code or a token. */
let server: TestServer;
let customer: Customer;
const AGENT_TOKEN = 'ops-agent-token-0123456789';

beforeAll(async () => {
  server = await startTestServer({ AGENT_TOKENS: `Olga:${AGENT_TOKEN}` });
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: false });
  await eventually(() => customer.texts().find((t) => t.includes("I'm giftbot")), 8000, 'greeting');
});
afterAll(async () => {
  customer.end();
  await server.close();
});

const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `"${text}"`);
const metric = (body: string, name: string) => Number(new RegExp(`^${name.replace(/[{}"=]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(body)?.[1] ?? NaN);

describe('GET /metrics', () => {
  test('when customers talk, then turns, latency, look-ups, handoffs and the queue are counted in Prometheus format', async () => {
    await customer.say('how long does a gift card last');
    await saw('?');
    await customer.say('qwzx plorb vintage tractor');
    await customer.say('talk to a person');
    await saw('In one line');
    await customer.say('my card X7KQ-9PLM-4RTZ-2WVB was charged twice');
    await saw('in the queue');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(metric(body, 'giftbot_turns_total{channel="directline"}')).toBeGreaterThanOrEqual(4);
    expect(metric(body, 'giftbot_turn_seconds_count{channel="directline"}')).toBe(metric(body, 'giftbot_turns_total{channel="directline"}'));
    expect(body).toMatch(/^giftbot_turn_seconds_bucket\{le="0\.1",channel="directline"\} \d+$/m);
    expect(metric(body, 'giftbot_matches_total{decision="abstain"}')).toBeGreaterThanOrEqual(1);
    expect(metric(body, 'giftbot_handoff_events_total{action="filed"}')).toBe(1);
    expect(metric(body, 'giftbot_handoff_queue_length')).toBe(1);
    expect(body).toMatch(/^giftbot_process_resident_memory_bytes \d+/m);
    expect(body).not.toContain('X7KQ');
  });
});

describe('logs', () => {
  test('when a code is typed and tokens are used, then no log line holds either', async () => {
    await customer.say('cancel');
    await customer.say('the code 4RTZ-X7KQ-2WVB-9PLM did not work');
    await eventually(() => server.logs.find((l) => l.includes('"event":"turn"') && l.includes('did not work')), 8000, 'turn logged');
    await fetch(`${server.url}/api/agent/queue`, { headers: { Authorization: `Bearer ${AGENT_TOKEN}` } });
    await fetch(`${server.url}/api/agent/queue`, { headers: { Authorization: 'Bearer wrong-token-0000000000' } });
    const all = server.logs.join('\n');
    for (const secret of ['4RTZ-X7KQ-2WVB-9PLM', 'X7KQ-9PLM-4RTZ-2WVB', AGENT_TOKEN, 'wrong-token-0000000000']) expect(all).not.toContain(secret);
    for (const line of server.logs) expect(JSON.parse(line)).toMatchObject({ level: expect.stringMatching(/^(info|warn|error)$/), time: expect.any(String), event: expect.any(String) });
  });
});

describe('GET /metrics in production (NODE_ENV=production)', () => {
  const METRICS_TOKEN = 'metrics-scrape-token-0123456789';
  const production = { NODE_ENV: 'production', MicrosoftAppId: '00000000-1111-2222-3333-444444444444', MicrosoftAppPassword: 'not-used-here', AGENT_TOKENS: `Olga:${AGENT_TOKEN}` };
  const scrape = (base: TestServer, authorization?: string) => fetch(`${base.url}/metrics`, authorization ? { headers: { Authorization: authorization } } : {});

  test('when METRICS_TOKEN is set, then only its bearer reads the metrics; no token, a wrong one, another scheme or an agent token get 401 as JSON', async () => {
    const prod = await startTestServer({ ...production, METRICS_TOKEN });
    try {
      for (const authorization of [undefined, 'Bearer wrong-metrics-token-000000', `Bearer ${METRICS_TOKEN}x`, `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}`, METRICS_TOKEN, `Bearer ${AGENT_TOKEN}`]) {
        const res = await scrape(prod, authorization);
        expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
        const body = await res.text();
        expect(JSON.parse(body)).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
        expect(body).not.toContain('giftbot_');
      }
      const res = await scrape(prod, `Bearer ${METRICS_TOKEN}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^giftbot_process_resident_memory_bytes \d+/m);
      expect(prod.logs.join('\n')).not.toContain(METRICS_TOKEN);
    } finally {
      await prod.close();
    }
  });

  test('when METRICS_TOKEN is unset, then /metrics is off: 404 like any unknown path, with or without a token', async () => {
    const prod = await startTestServer(production);
    try {
      for (const authorization of [undefined, `Bearer ${METRICS_TOKEN}`]) {
        const res = await scrape(prod, authorization);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: { code: 'NotFound', message: 'No route for GET /metrics' } });
      }
      expect((await fetch(`${prod.url}/healthz`)).status).toBe(200);
    } finally {
      await prod.close();
    }
  });

  test('when METRICS_TOKEN is shorter than 16 characters, then start-up stops naming it', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  });
});
