import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { launchChromium } from '../helpers/browser';
import type { Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { queuedCustomer } from '../helpers/queued-customer';

/**
 * Issue 15, past conversations in the console: two customers on the real Direct Line client reach
 * Alice and are ended (one with a reason and a tag); in Chromium, Bob opens Past, sees both newest
 * first, narrows them by words, and downloads the transcript with the pasted code hidden.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789abc';
const CODE = 'X7KQ-9PLM-4RTZ-2WVB';
let server: TestServer;
let browser: Browser;
let alice: AgentClient;
let dataDir: string;
const customers: Customer[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-archive-e2e-'));
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB}`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  alice = await agentClient(server.url, ALICE);
  browser = await launchChromium();
});
afterAll(async () => {
  customers.forEach((c) => c.end());
  await alice?.close();
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** A customer asks for a person with `summary`, says `said` to Alice, and Alice ends it with `end`. */
async function chat(summary: string, said: string, end: unknown): Promise<void> {
  const customer = await queuedCustomer(server.url, summary, customers);
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'queued');
  expect((await alice.api('POST', `/conversations/${item.id}/accept`)).status).toBe(200);
  await customer.say(said);
  await eventually(async () => (await alice.api('GET', `/conversations/${item.id}/transcript`)).body.lines.find((l: { text: string }) => l.text.startsWith(said.slice(0, 12))), 8000, 'Alice to see it');
  expect((await alice.api('POST', `/conversations/${item.id}/end`, end)).status).toBe(200);
}

test('when Bob opens Past, then closed chats are listed newest first, filtered by words, and a transcript downloads with the code hidden', async () => {
  await chat('my $50 Amazon card says already redeemed', `the claim code is ${CODE} please check`, { reason: 'code-already-used', tags: ['chargeback-risk'] });
  await chat('$25 Xbox card will not load', 'it says wrong region', {});

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${server.url}/agent#token=${BOB}`);
  await testid(page, 'agent-name').filter({ hasText: 'Bob' }).waitFor();
  await testid(page, 'archive-toggle').click();
  await testid(page, 'archive-view').waitFor({ state: 'visible' });
  expect(await page.locator('#console-view').isHidden()).toBe(true);
  const rows = testid(page, 'archive-row');
  await eventually(async () => ((await rows.count()) === 2 ? true : undefined), 8000, 'two rows');
  expect(await rows.nth(0).textContent()).toContain('Xbox card will not load');
  const amazon = rows.nth(1);
  for (const shown of ['directline', 'amazon 50', 'Alice', 'code-already-used', 'chargeback-risk', 'already redeemed']) expect(await amazon.textContent()).toContain(shown);
  await page.screenshot({ path: path.join(ARTIFACTS, 'archive-1440x900.png') });

  await testid(page, 'archive-q').fill('claim CODE');
  await testid(page, 'archive-search').click();
  await eventually(async () => ((await rows.count()) === 1 ? true : undefined), 8000, 'one row');
  expect(await rows.first().textContent()).toContain('already redeemed');
  expect(await testid(page, 'archive-count').textContent()).toBe('1 conversation, newest first.');

  const [download] = await Promise.all([page.waitForEvent('download'), rows.first().locator('[data-testid="archive-export-text"]').click()]);
  expect(download.suggestedFilename()).toMatch(/^conversation-[\w-]+\.txt$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toContain('the claim code is');
  expect(text).not.toContain(CODE);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'archive-390x844.png'), fullPage: true });

  // Back to the chats; and nothing of the search stays on the page after signing out.
  await testid(page, 'archive-toggle').click();
  expect(await page.locator('#console-view').isVisible()).toBe(true);
  await testid(page, 'archive-toggle').click();
  await page.locator('#signout').click();
  await page.locator('#signin-view').waitFor({ state: 'visible' });
  expect(await testid(page, 'archive-view').isHidden()).toBe(true);
  expect(await rows.count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
}, 90_000);
