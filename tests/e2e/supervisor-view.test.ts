import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15's supervisor view in Chromium: Sam (AGENT_TOKENS Sam:…:supervisor) opens Team, sees
 * Ana's live chat with its handle time ticking, a waiting request and the agents' loads, and takes
 * Ana's chat over: Sam's console opens it, Ana's says a supervisor moved it, and the customer on
 * the real Direct Line client hears it and gets Sam's reply. An agent has no Team button.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ANA = 'ana-token-supervisor-view-0123456789';
const SAM = 'sam-token-supervisor-view-0123456789';
let server: TestServer;
let browser: Browser;
const customers: Customer[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ AGENT_TOKENS: `Ana:${ANA},Sam:${SAM}:supervisor`, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'giftbot-supervisor-view-')), HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const c of customers) c.end();
  await browser?.close();
  await server?.close();
});

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function consoleFor(token: string, name: string): Promise<Page & { problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${server.url}/agent#token=${token}`);
  await testid(page, 'agent-name').filter({ hasText: name }).waitFor();
  return Object.assign(page, { problems });
}

async function customerAsking(summary: string): Promise<Customer> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(customer);
  await saw(customer, "I'm giftbot");
  await customer.say('talk to a person');
  await saw(customer, 'In one line');
  await customer.say(summary);
  await saw(customer, 'in the queue');
  return customer;
}

function saw(customer: Customer, text: string): Promise<string> {
  return eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
}

test("when a supervisor opens Team, then they see Ana's live chat ticking and take it over; Ana's console loses it and the customer gets the supervisor", async () => {
  const customer = await customerAsking('my steam card says invalid');
  const ana = await consoleFor(ANA, 'Ana');
  await testid(ana, 'queue-item').filter({ hasText: 'my steam card says invalid' }).locator('[data-testid="accept"]').click();
  await saw(customer, 'Ana from the support team has joined');
  await customerAsking('refund for a card');

  const sam = await consoleFor(SAM, 'Sam');
  // Only a supervisor gets the Team button.
  await expect(testid(ana, 'team-toggle').count()).resolves.toBe(0);
  await testid(sam, 'team-toggle').click();
  const view = testid(sam, 'team-view');
  await view.waitFor({ state: 'visible' });
  const liveRow = testid(sam, 'team-live').locator('tbody tr', { hasText: 'my steam card says invalid' });
  await liveRow.waitFor();
  await expect(liveRow.textContent()).resolves.toContain('Ana');
  await testid(sam, 'team-waiting').locator('tbody tr', { hasText: 'refund for a card' }).waitFor();
  const anaRow = testid(sam, 'team-agents').locator('tbody tr', { hasText: 'Ana' });
  await expect(anaRow.locator('.team-load').textContent()).resolves.toBe('1');

  // The handle time counts on between reads.
  const handle = liveRow.locator('td.team-time[data-base]');
  const before = await handle.textContent();
  expect(before).toMatch(/^\d+:\d\d$/);
  await eventually(async () => ((await handle.textContent()) !== before ? true : undefined), 4000, 'the handle time to tick');

  await sam.screenshot({ path: path.join(ARTIFACTS, 'supervisor-1440x900.png') });
  await sam.setViewportSize({ width: 390, height: 844 });
  await liveRow.waitFor();
  await sam.screenshot({ path: path.join(ARTIFACTS, 'supervisor-390x844.png') });
  await sam.setViewportSize({ width: 1440, height: 900 });

  await liveRow.locator('[data-testid="take-over"]').click();
  // Sam's console opens the chat with its transcript; Ana's says a supervisor moved it.
  await view.waitFor({ state: 'hidden' });
  await testid(sam, 'chat-log').locator('[data-testid="line"][data-from="customer"]', { hasText: 'my steam card says invalid' }).waitFor();
  await ana.locator('#conv-ended', { hasText: 'A supervisor moved this conversation.' }).waitFor();
  await saw(customer, 'Ana is passing you to Sam');
  await testid(sam, 'composer').fill('Sam here, I will sort this out.');
  await testid(sam, 'send').click();
  await saw(customer, 'Sam here, I will sort this out.');

  // Back in Team, the chat is Sam's now.
  await testid(sam, 'team-toggle').click();
  await expect(testid(sam, 'team-live').locator('tbody tr', { hasText: 'my steam card says invalid' }).locator('[data-testid="take-over"]').textContent()).resolves.toBe('Yours');
  expect(ana.problems).toEqual([]);
  expect(sam.problems).toEqual([]);
});
