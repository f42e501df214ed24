import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15, bug 1: a refused transfer left the console saying "This conversation has already
 * ended" and locked the chat while the server still had it with the agent. Now a transfer is
 * picked from a list of colleagues (or back to the queue) with an optional handover note; a refusal
 * shows the server's words and the chat stays usable; the note reaches the colleague, never the
 * customer. Two agents in Chromium, a customer on the real Direct Line client.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789abc';
let server: TestServer;
let browser: Browser;
let customer: Customer;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Manual routing: the test decides who accepts.
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE},Bob:${BOB}`, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'giftbot-transfer-')), HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  browser = await launchChromium();
});
afterAll(async () => {
  customer?.end();
  await browser?.close();
  await server?.close();
});

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function consoleFor(token: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${server.url}/agent#token=${token}`);
  await testid(page, 'agent-name').filter({ hasText: name }).waitFor();
  return Object.assign(page, { problems });
}

function saw(text: string): Promise<string> {
  return eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
}

test('when a transfer is refused, then the console shows why and the chat stays usable; a transfer with a note lands with the colleague, who reads the note', async () => {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say('my steam card says invalid');
  await saw('in the queue');

  const alice = await consoleFor(ALICE, 'Alice');
  const bob = await consoleFor(BOB, 'Bob');
  const item = testid(alice, 'queue-item').filter({ hasText: 'my steam card says invalid' });
  await item.locator('[data-testid="accept"]').click();
  await saw('Alice from the support team has joined');
  const log = testid(alice, 'chat-log');
  await log.locator('[data-testid="line"][data-from="customer"]', { hasText: 'my steam card says invalid' }).waitFor();

  // 1. A colleague who was listed but is gone by the time Alice picks him: the list she got is
  // made stale on purpose (Carol added to the real answer), and the real server refuses the transfer.
  await alice.route('**/api/agent/agents', async (route) => {
    const response = await route.fetch();
    const listed = await response.json();
    listed.agents.push({ id: 'token:Carol', name: 'Carol', you: false, status: 'available', load: 0 });
    await route.fulfill({ response, json: listed });
  });
  await testid(alice, 'transfer').click();
  const picker = testid(alice, 'transfer-picker');
  await picker.waitFor({ state: 'visible' });
  await picker.locator('[data-testid="transfer-option"][data-id="token:Carol"]').click();
  await testid(alice, 'transfer-confirm').click();
  await alice.locator('#status').filter({ hasText: 'No agent with that id has signed in' }).waitFor();
  expect(await alice.locator('#status').innerText()).toContain('The conversation is still yours.');
  expect(await alice.locator('#status').innerText()).not.toContain('already ended');
  expect(await alice.locator('#conv-ended').isVisible()).toBe(false);
  expect(await testid(alice, 'composer').isDisabled()).toBe(false);
  await testid(alice, 'composer').fill('Still with you, one moment');
  await testid(alice, 'send').click();
  await saw('Alice: Still with you, one moment');
  await alice.unroute('**/api/agent/agents');

  // 2. The picker lists the colleagues (not Alice herself) and the queue; Bob gets it with a note.
  await testid(alice, 'transfer').click();
  await picker.waitFor({ state: 'visible' });
  const options = await picker.locator('[data-testid="transfer-option"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
  expect(options).toEqual(['token:Bob', '']);
  await picker.locator('[data-testid="transfer-option"][data-id="token:Bob"]').click();
  await testid(alice, 'transfer-note').fill('Tried the app already; wants a refund, not a swap.');
  await alice.screenshot({ path: path.join(ARTIFACTS, 'agent-transfer-picker-desktop.png') });
  await testid(alice, 'transfer-confirm').click();
  await saw('Alice is passing you to Bob');
  await alice.locator('#conv-ended').filter({ hasText: 'transferred' }).waitFor();

  await testid(bob, 'conversation-tab').filter({ hasText: 'my steam card says invalid' }).first().click();
  const note = testid(bob, 'handover-note');
  await note.filter({ hasText: 'Handover note from Alice: Tried the app already; wants a refund, not a swap.' }).waitFor();
  await testid(bob, 'chat-log').locator('[data-testid="line"]', { hasText: 'Still with you, one moment' }).waitFor();
  await bob.screenshot({ path: path.join(ARTIFACTS, 'agent-transfer-note-desktop.png') });
  await testid(bob, 'composer').fill('Bob here, I can help with the refund');
  await testid(bob, 'send').click();
  await saw('Bob: Bob here');
  expect(customer.texts().some((t) => t.includes('wants a refund, not a swap') || t.includes('Handover'))).toBe(false);
  expect([...(alice as Page & { problems: string[] }).problems, ...(bob as Page & { problems: string[] }).problems]).toEqual([]);
});
