import { directLineClient, type Customer } from '../helpers/directline-client';
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
