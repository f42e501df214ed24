import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15, macros and wrap-up in the console: a customer on the real Direct Line client reaches
 * Alice; she types "/", picks a macro filled with the card's brand, sends it after reading it, and
 * the customer gets it; End asks for a reason (required) and tags, and the ended record keeps them.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ALICE = 'alice-token-0123456789';
const SUMMARY = '$25 Xbox card will not load';
let server: TestServer;
let browser: Browser;
let customer: Customer;
let dataDir: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-wrap-up-e2e-'));
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, DATA_DIR: dataDir, HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  browser = await launchChromium();
});
afterAll(async () => {
  customer?.end();
  await browser?.close();
  await server?.close();
});

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);

function storedRecord(): Record<string, any> {
  const db = new Database(path.join(dataDir, 'giftbot.db'), { readonly: true, fileMustExist: true });
  try {
    return JSON.parse((db.prepare('SELECT record FROM handoff_requests').get() as { record: string }).record);
  } finally {
    db.close();
  }
}

test('when Alice types "/" and picks a macro, then the filled text is in the box, unsent, until she sends it; End with a reason and tags stores them', async () => {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say(SUMMARY);
  await saw('in the queue');

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${server.url}/agent#token=${ALICE}`);
  await testid(page, 'agent-name').filter({ hasText: 'Alice' }).waitFor();
  await testid(page, 'queue-item').filter({ hasText: SUMMARY }).locator('[data-testid="accept"]').click();
  await saw('Alice from the support team has joined');

  // "/" lists every macro; typing filters them.
  const composer = testid(page, 'composer');
  await composer.click();
  await composer.pressSequentially('/');
  await testid(page, 'macro-menu').waitFor({ state: 'visible' });
  expect(await testid(page, 'macro-item').count()).toBeGreaterThanOrEqual(5);
  await composer.pressSequentially('ask-r');
  await eventually(async () => ((await testid(page, 'macro-item').count()) === 1 ? true : undefined), 4000, 'menu filtered to one');
  expect(await testid(page, 'macro-item').first().getAttribute('data-id')).toBe('ask-region');
  await page.screenshot({ path: path.join(ARTIFACTS, 'wrap-up-1440x900.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'wrap-up-macros-390x844.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Enter inserts the filled text (it doesn't send it); the brand from the record is in it.
  await composer.press('Enter');
  await testid(page, 'macro-menu').waitFor({ state: 'hidden' });
  const inserted = await composer.inputValue();
  expect(inserted).toContain('your Xbox gift card');
  expect(inserted).not.toMatch(/^\/|\{card\}|undefined/);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(customer.texts().some((t) => t.includes('your Xbox gift card'))).toBe(false);
  await composer.pressSequentially(' Thanks!');
  await testid(page, 'send').click();
  expect(await saw('Which country was your Xbox gift card bought in?')).toContain('Thanks!');

  // Escape closes the menu and leaves what was typed.
  await composer.pressSequentially('/gre');
  await testid(page, 'macro-menu').waitFor({ state: 'visible' });
  await composer.press('Escape');
  await testid(page, 'macro-menu').waitFor({ state: 'hidden' });
  expect(await composer.inputValue()).toBe('/gre');
  await composer.fill('');

  // End: a reason is required, tags are optional (a suggested one clicked, one typed).
  await testid(page, 'end').click();
  const dialog = testid(page, 'end-dialog');
  await dialog.waitFor({ state: 'visible' });
  expect(await testid(page, 'end-confirm').isDisabled()).toBe(true);
  await testid(page, 'end-reason').filter({ hasText: 'Wrong region or marketplace' }).click();
  expect(await testid(page, 'end-confirm').isDisabled()).toBe(false);
  await testid(page, 'end-suggestion').filter({ hasText: 'chargeback-risk' }).click();
  await testid(page, 'end-tag-input').fill('asked for receipt');
  await testid(page, 'end-tag-input').press('Enter');
  expect(await testid(page, 'end-tag').allTextContents()).toEqual(['chargeback-risk×', 'asked for receipt×']);
  expect(await dialog.isVisible()).toBe(true); // Enter in the tag box adds a tag, never ends
  await page.screenshot({ path: path.join(ARTIFACTS, 'wrap-up-end-1440x900.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'wrap-up-390x844.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await testid(page, 'end-confirm').click();

  await saw('How did the support team do?');
  await page.locator('#conv-ended').waitFor({ state: 'visible' });
  expect(storedRecord()).toMatchObject({ state: 'ended', wrapUp: { reason: 'wrong-region', tags: ['chargeback-risk', 'asked for receipt'] } });
  expect(problems).toEqual([]);
  await page.close();
}, 90_000);
