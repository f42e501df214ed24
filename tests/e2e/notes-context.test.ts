import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { ROOT } from '../helpers/paths';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15: internal notes and the context side panel in Chromium. A customer on the real Web Chat
 * page asks for a person about a "€50 amazon.de" card; Alice accepts in the console, reads the
 * panel (Amazon, 50 EUR, DE), writes a note (with a code in it) and a message. The customer's Web
 * Chat shows the message and never the note; the note shows in Alice's chat as a note. At phone
 * width the panel is folded and the reply box stays on screen; a note written on one console shows
 * live on another console of the same agent with the chat open.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ALICE = 'alice-notes-e2e-token-0123456789';
const CODE = '4RTZ-X7KQ-2WVB-9PLM';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'giftbot-notes-e2e-')), HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'manual' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.fill(text);
  await box.press('Enter');
}

async function consoleAt(width: number, height: number, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${server.url}/agent#token=${ALICE}`);
  await testid(page, 'agent-name').filter({ hasText: 'Alice' }).waitFor();
  return page;
}

test('when Alice writes a note and a message, then Web Chat shows the message and never the note, and the panel shows what the customer said', async () => {
  const problems: string[] = [];
  const customer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  customer.on('pageerror', (err) => problems.push(err.message));
  await customer.goto(server.url);
  await customer.getByRole('button', { name: 'Chat with us', exact: true }).filter({ visible: true }).last().click();
  await customer.getByText(/Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
  await send(customer, 'talk to a person');
  await customer.getByText(/In one line/).first().waitFor();
  await send(customer, '€50 amazon.de card will not redeem');
  await customer.getByText(/in the queue/).first().waitFor();

  const alice = await consoleAt(1440, 900, problems);
  await testid(alice, 'queue-item').filter({ hasText: 'amazon.de card will not redeem' }).locator('[data-testid="accept"]').click();
  await customer.getByText(/Alice from the support team has joined/).first().waitFor();

  // The panel: what the bot learned, as the customer said it.
  const panel = testid(alice, 'context-panel');
  await testid(alice, 'context-amount').filter({ hasText: '50 EUR' }).waitFor();
  expect(await panel.evaluate((d) => d.hasAttribute('open'))).toBe(true);
  expect(await testid(alice, 'context-brand').innerText()).toBe('Amazon');
  expect(await testid(alice, 'context-country').innerText()).toBe('DE');
  expect(await testid(alice, 'context-channel').innerText()).toBe('directline');
  expect(await panel.innerText()).toContain('No earlier conversations with us');

  // A note: yellow box, marked as for the team; shown in Alice's chat as a note line.
  await testid(alice, 'note-toggle').click();
  const box = testid(alice, 'note-box');
  expect(await box.innerText()).toContain('only your team sees this');
  await testid(alice, 'note-text').fill(`Checked the order page. Customer read me ${CODE}`);
  await testid(alice, 'note-add').click();
  const noteLine = testid(alice, 'chat-log').locator('[data-testid="line"][data-from="note"]');
  await noteLine.filter({ hasText: 'Checked the order page' }).waitFor();
  expect(await noteLine.innerText()).toContain('Internal note · Alice');
  expect(await noteLine.innerText()).toContain('[code hidden]');
  expect(await box.isHidden()).toBe(true);

  // Then a message, which the customer gets; the note never reaches Web Chat.
  await testid(alice, 'composer').fill('Thanks, checking that German card now.');
  await testid(alice, 'send').click();
  await customer.getByText(/checking that German card now/).first().waitFor();
  const webChat = await customer.locator('[role="log"], .webchat__basic-transcript').first().innerText();
  expect(webChat).not.toContain('Checked the order page');
  expect(webChat).not.toContain('code hidden');
  expect(webChat).not.toContain(CODE);
  await alice.screenshot({ path: path.join(ARTIFACTS, 'notes-context-1440x900.png') });

  // A reload reads the note back with the transcript (where the next agent would read it too).
  await alice.reload();
  await testid(alice, 'chat-log').locator('[data-testid="line"][data-from="note"]', { hasText: 'Checked the order page' }).waitFor();

  // Phone: the panel is folded to one line and the reply box is on screen without scrolling.
  const phone = await consoleAt(390, 844, problems);
  await testid(phone, 'conversation-tab').filter({ hasText: 'amazon.de' }).first().click();
  await testid(phone, 'context-panel').locator('.context-brief', { hasText: '50 EUR' }).waitFor({ state: 'attached' });
  expect(await testid(phone, 'context-panel').evaluate((d) => d.hasAttribute('open'))).toBe(false);
  const composer = await testid(phone, 'composer').boundingBox();
  expect(composer).not.toBeNull();
  expect(composer!.y + composer!.height).toBeLessThanOrEqual(844);
  await phone.screenshot({ path: path.join(ARTIFACTS, 'notes-context-390x844.png') });

  // A note written on the wide console shows at once on the phone, where the chat is open: live over the stream, no reload.
  await testid(alice, 'note-toggle').click();
  await testid(alice, 'note-text').fill('Finance confirmed the card is unused.');
  await testid(alice, 'note-add').click();
  const live = testid(phone, 'chat-log').locator('[data-testid="line"][data-from="note"]', { hasText: 'Finance confirmed the card is unused.' });
  await live.waitFor({ timeout: 5000 });
  expect(await live.count()).toBe(1);
  expect(await live.innerText()).toContain('Internal note · Alice');
  // The writer's own console shows it once: its POST answer and the live event are one line.
  expect(await testid(alice, 'chat-log').locator('[data-testid="line"][data-from="note"]', { hasText: 'Finance confirmed' }).count()).toBe(1);
  expect(problems).toEqual([]);
});
