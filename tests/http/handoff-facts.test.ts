import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * What the agent is handed (issue 15, bugs 5 and 7): the brand and amount read from the one-line
 * summary when the conversation named none, and links that keep the amount and the wanted brand and
 * say they came from an agent. A customer on the official Direct Line client, an agent on the API.
 */
const ALICE = 'alice-facts-token-0123456789';

let server: TestServer;
const customers: Customer[] = [];
let alice: AgentClient;

beforeAll(async () => {
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, HANDOFF_TIMEOUT_SECONDS: '600' });
  alice = await agentClient(server.url, ALICE);
});
afterEach(() => customers.splice(0).forEach((c) => c.end()));
afterAll(async () => {
  await alice.close();
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

// any: the queue item as the API sent it.
async function askForPerson(client: Customer, summary: string): Promise<any> {
  const from = client.texts().length;
  await client.say('talk to a person');
  await saw(client, 'In one line', from);
  await client.say(summary);
  await saw(client, 'in the queue', from);
  return eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'request in the queue');
}

describe('a request whose conversation named no brand', () => {
  test.each([
    ['apple gift card says already redeemed', 'apple', 'Apple', null],
    ['$25 Xbox card will not load', 'xbox', 'Xbox', '25.00'],
    ['Target gift card balance shows zero', 'target', 'Target', null],
  ])('when the summary is "%s", then it queues with the brand (and amount) it names', async (summary, brand, brandName, amount) => {
    const item = await askForPerson(await customer(), summary);
    expect(item).toMatchObject({ brand, brandName });
    // The amount shows in the agent's links once the request is theirs.
    expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
    const sell = new URL((await alice.api('GET', `/conversations/${item.id}/links`)).body.sell);
    expect(sell.searchParams.get('brand')).toBe(brand);
    expect(sell.searchParams.get('amount')).toBe(amount);
    // Ended, so Alice stays within her capacity for the next request.
    expect((await alice.api('POST', `/conversations/${item.id}/end`)).status).toBe(200);
  });

  test('when the summary names no brand, then it queues without one', async () => {
    const item = await askForPerson(await customer(), 'my card is not working at all');
    expect(item).toMatchObject({ brand: null, brandName: null });
  });
});

describe("the agent's links", () => {
  test.each([
    ['I have a $100 amazon card', 'Got it'],
    ['redeem my $100 amazon card', 'Step 1'],
    ['my $100 amazon card says the code was already redeemed', 'Did that work?'],
  ])('when the customer said "%s" and then asked for a person, then the sell link keeps the $100', async (opening, reply) => {
    const client = await customer();
    await client.say(opening);
    await saw(client, reply);
    const item = await askForPerson(client, `the card is stuck (${opening.length})`);
    expect(await alice.api('POST', `/conversations/${item.id}/accept`)).toMatchObject({ status: 200 });
    const sell = new URL((await alice.api('GET', `/conversations/${item.id}/links`)).body.sell);
    expect([sell.searchParams.get('brand'), sell.searchParams.get('amount')]).toEqual(['amazon', '100.00']);
    expect((await alice.api('POST', `/conversations/${item.id}/end`)).status).toBe(200);
  });

  test('when the customer said $100 and wanted an xbox card, then the links carry both and say they are the agent\'s', async () => {
    const client = await customer();
    await client.say('swap my $100 amazon card for xbox');
    await eventually(() => client.links().find((url) => url.includes('want=xbox')), 8000, "the bot's swap link");
    const botLink = new URL(client.links().find((url) => url.includes('want=xbox'))!);
    const item = await askForPerson(client, 'the swap page will not open');
    expect(await alice.api('POST', `/conversations/${item.id}/accept`)).toMatchObject({ status: 200 });
    const { status, body } = await alice.api('GET', `/conversations/${item.id}/links`);
    expect(status).toBe(200);
    const sell = new URL(body.sell);
    const swap = new URL(body.swap);
    expect(sell.searchParams.get('amount')).toBe('100.00');
    expect(sell.searchParams.get('brand')).toBe('amazon');
    expect(swap.searchParams.get('amount')).toBe('100.00');
    expect(swap.searchParams.get('want')).toBe('xbox');
    for (const link of [sell, swap]) {
      expect(link.searchParams.get('utm_source')).toBe('giftbot');
      expect(link.searchParams.get('utm_medium')).toBe('agent');
    }
    expect(botLink.searchParams.get('utm_medium')).not.toBe('agent');
  });
});
