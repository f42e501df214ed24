import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { queuedCustomer } from '../helpers/queued-customer';

/**
 * Issue 15, routing in the console: the agent picks a status in the header; available, routing
 * (ROUTING=auto) opens a customer's chat in their console by itself; the choice survives a reload;
 * away, nothing new comes and the customer hears nobody is available. Chromium, the real server,
 * a customer on the real Direct Line client.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ANA = 'ana-token-status-0123456789';
let server: TestServer;
let browser: Browser;
const customers: Customer[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ AGENT_TOKENS: `Ana:${ANA}`, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'giftbot-status-')), HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'auto', AGENT_CAPACITY: '2' });
  browser = await launchChromium();
});
afterAll(async () => {
  customers.forEach((c) => c.end());
  await browser?.close();
  await server?.close();
});

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function askForPerson(summary: string): Promise<Customer> {
  return queuedCustomer(server.url, summary, customers);
}

async function statusOnServer(): Promise<string> {
  const res = await fetch(`${server.url}/api/agent/me/status`, { headers: { Authorization: `Bearer ${ANA}` } });
  return ((await res.json()) as { status: string }).status;
}

test('when the agent sets themself available, then routing opens a customer in their console, the choice survives a reload, and away stops new ones', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${server.url}/agent#token=${ANA}`);
  await testid(page, 'agent-name').filter({ hasText: 'Ana' }).waitFor();
  const picker = testid(page, 'agent-status');
  // Never chosen: the server's status (offline) shows, and nothing is routed to her.
  await eventually(async () => ((await picker.inputValue()) === 'offline' ? true : undefined), 5000, 'the picker to show offline');

  await picker.selectOption('available');
  await eventually(async () => ((await statusOnServer()) === 'available' ? true : undefined), 5000, 'the server to hold available');
  const first = await askForPerson('my apple card balance vanished');
  // Routed: the chat opens in the console by itself, and the customer hears she joined.
  await testid(page, 'chat-log').locator('[data-testid="line"][data-from="customer"]', { hasText: 'my apple card balance vanished' }).waitFor({ timeout: 8000 });
  await eventually(() => first.texts().find((t) => t.includes('Ana from the support team has joined')), 8000, 'the customer to hear Ana joined');
  await page.screenshot({ path: path.join(ARTIFACTS, 'agent-status-1440x900.png') });

  // A reload signs in again with the same choice.
  await page.reload();
  await testid(page, 'agent-name').filter({ hasText: 'Ana' }).waitFor();
  await eventually(async () => ((await picker.inputValue()) === 'available' ? true : undefined), 5000, 'the picker to keep available');

  // Away: the next customer is told nobody is available and waits in the queue.
  await picker.selectOption('away');
  await eventually(async () => ((await statusOnServer()) === 'away' ? true : undefined), 5000, 'the server to hold away');
  const second = await askForPerson('target card not accepted online');
  await eventually(() => second.texts().find((t) => t.includes('Nobody from the support team is available right now')), 8000, 'the second customer to hear nobody is available');
  await testid(page, 'queue-item').filter({ hasText: 'target card not accepted online' }).waitFor();
  expect(second.texts().some((t) => t.includes('has joined'))).toBe(false);
  expect(problems).toEqual([]);
  await context.close();
});
