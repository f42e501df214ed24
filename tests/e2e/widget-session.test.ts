import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { launchChromium } from '../helpers/browser';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * The widget on a help centre with two pages, in Chromium: the conversation is kept in the tab's
 * sessionStorage and carried to the next page (or a refresh) instead of starting over.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ALICE = 'alice-token-0123456789';
let server: TestServer;
let browser: Browser;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, HANDOFF_TIMEOUT_SECONDS: '600' });
  browser = await launchChromium();
});
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Stored {
  token: string;
  conversationId: string;
  watermark: string;
  expiresAt: number;
  lifetime: number;
  open: boolean;
}

const KEY = () => `giftbot-widget:${server.url}/v3/directline`;
// Evaluated in the page as source text: the tests are compiled without the DOM's types.
const stored = async (page: Page): Promise<Stored | null> => JSON.parse((await page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(KEY())})`)) ?? 'null') as Stored | null;
const activities = (page: Page) => page.locator('.webchat__basic-transcript__activity');
const bubbles = (page: Page, text: string | RegExp) => activities(page).filter({ hasText: text });
const suggested = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });

/**
 * A new tab whose sessionStorage holds `value` when its first page loads (set before any script,
 * once: leaving a page saves the widget's own state, so setting it on a live page would be undone).
 */
async function seeded(value: Stored): Promise<{ page: Page; calls: string[] }> {
  const tab = await newPage();
  await tab.page.addInitScript({
    content: `if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); sessionStorage.setItem(${JSON.stringify(KEY())}, ${JSON.stringify(JSON.stringify(value))}); }`,
  });
  await tab.page.goto(server.url);
  return tab;
}

/** A page whose Direct Line calls are recorded as "METHOD path". */
async function newPage(width = 1440, height = 900): Promise<{ page: Page; calls: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  cleanup.push(() => page.close());
  const calls: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/v3/directline')) calls.push(`${req.method()} ${url.pathname.replace(/conversations\/[^/]+/, 'conversations/:id')}`);
  });
  return { page, calls };
}

async function openChat(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Chat with us', exact: true }).click();
  await bubbles(page, /Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.fill(text);
  await box.press('Enter');
}

describe('the widget across pages', () => {
  test('when a visitor talks on one page and opens another, then the chat reopens with each earlier message once, the same conversation, no second greeting, and the bot answers', async () => {
    const { page, calls } = await newPage();
    await openChat(page);
    await suggested(page, 'Redeem a card').click();
    await bubbles(page, 'Which brand is the card for?').first().waitFor({ timeout: 20_000 });
    const before = await eventually(async () => {
      const s = await stored(page);
      return s && Number(s.watermark) > 0 ? s : undefined;
    }, 20_000, 'a watermark kept in sessionStorage');
    const shown = await activities(page).count();

    calls.length = 0;
    await page.getByRole('link', { name: 'Redeeming a gift card' }).first().click();
    await page.waitForURL('**/help/redeem.html');
    // Reopened by itself (it was open), with the history.
    await bubbles(page, 'Which brand is the card for?').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.giftbot-panel').isVisible()).toBe(true);
    expect(await bubbles(page, /Hi, I.m giftbot/).count()).toBe(1);
    expect(await bubbles(page, 'Which brand is the card for?').count()).toBe(1);
    expect(await activities(page).count()).toBe(shown);
    // Reconnected (GET), not started: no new token, no new conversation, so no greeting sent again.
    expect(calls).not.toContain('POST /v3/directline/tokens/generate');
    expect(calls).not.toContain('POST /v3/directline/conversations');
    expect(calls).toContain('GET /v3/directline/conversations/:id');

    await suggested(page, 'Amazon').click();
    await bubbles(page, 'Step 1 of 5').first().waitFor({ timeout: 20_000 });
    const after = await stored(page);
    expect(after?.conversationId).toBe(before.conversationId);
    expect(Number(after?.watermark)).toBeGreaterThan(Number(before.watermark));
    await page.waitForTimeout(500); // a late duplicate would have arrived by now
    expect(await bubbles(page, /Hi, I.m giftbot/).count()).toBe(1);
    expect(await bubbles(page, 'Which brand is the card for?').count()).toBe(1);
    expect(await page.getByText(/could not connect/).count()).toBe(0);
  }, 90_000);

  test('when the stored token is due for renewal, then the next page refreshes it before reconnecting and carries on', async () => {
    const { page: before } = await newPage();
    await openChat(before);
    const first = (await stored(before))!;
    // Five minutes left of thirty: past half its life.
    const { page, calls } = await seeded({ ...first, expiresAt: Date.now() + 5 * 60_000 });
    await bubbles(page, /Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
    expect(calls[0]).toBe('POST /v3/directline/tokens/refresh');
    const renewed = (await stored(page))!;
    expect(renewed.conversationId).toBe(first.conversationId);
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.expiresAt - Date.now()).toBeGreaterThan(25 * 60_000);
    await send(page, 'redeem');
    await bubbles(page, 'Which brand is the card for?').first().waitFor({ timeout: 20_000 });
    expect(await bubbles(page, /Hi, I.m giftbot/).count()).toBe(1);
  }, 90_000);

  test('when the stored token is refused or expired, then a new conversation starts cleanly, with a greeting and no error left on screen', async () => {
    const { page: before } = await newPage();
    await openChat(before);
    const first = (await stored(before))!;
    for (const broken of [{ ...first, token: `${first.token.slice(0, -4)}AAAA` }, { ...first, expiresAt: Date.now() - 1000 }]) {
      const { page } = await seeded(broken);
      await bubbles(page, /Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
      const now = (await stored(page))!;
      expect(now.conversationId).not.toBe(first.conversationId);
      expect(await bubbles(page, /Hi, I.m giftbot/).count()).toBe(1);
      expect(await page.getByText(/could not connect/).count()).toBe(0);
      expect(await page.locator('.giftbot-status').count()).toBe(0);
    }
  }, 90_000);

  test('when a customer waiting for a person moves to another page, then they keep their place in the queue (one request) and the agent reaches them there', async () => {
    const alice: AgentClient = await agentClient(server.url, ALICE);
    cleanup.push(() => alice.close());
    // Someone else is waiting first, so "the same place" is number 2, not just "the only one".
    const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
    const other: Customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
    cleanup.push(() => other.end());
    await eventually(() => other.texts().find((t) => t.includes("I'm giftbot")), 20_000, 'greeting');
    await other.say('talk to a person');
    await eventually(() => other.texts().find((t) => t.includes('In one line')), 20_000, 'summary question');
    await other.say('refund for a gift card');
    await eventually(() => other.texts().find((t) => t.includes('in the queue')), 20_000, 'queued');

    const { page } = await newPage();
    await openChat(page);
    await send(page, 'talk to a person');
    await bubbles(page, 'In one line').first().waitFor({ timeout: 20_000 });
    await send(page, 'charged twice for one card');
    await bubbles(page, 'in the queue').first().waitFor({ timeout: 20_000 });
    const queue = async () => (await alice.api('GET', '/queue')).body.waiting as Array<{ id: string; summary: string; position: number }>;
    const waiting = await eventually(async () => ((await queue()).length === 2 ? queue() : undefined), 20_000, 'two waiting');
    const mine = waiting.find((w) => w.summary === 'charged twice for one card')!;
    expect(mine.position).toBe(2);

    await page.getByRole('link', { name: 'Redeeming a gift card' }).first().click();
    await page.waitForURL('**/help/redeem.html');
    await bubbles(page, 'in the queue').first().waitFor({ timeout: 20_000 });
    expect(await bubbles(page, 'in the queue').count()).toBe(1);
    const after = await queue();
    expect(after).toHaveLength(2); // no orphan and no second request
    expect(after.find((w) => w.summary === 'charged twice for one card')).toMatchObject({ id: mine.id, position: 2 });

    expect((await alice.api('POST', `/conversations/${mine.id}/accept`)).status).toBe(200);
    expect((await alice.api('POST', `/conversations/${mine.id}/messages`, { text: 'Hi, Alice here — let me look at that double charge.' })).status).toBeLessThan(300);
    await bubbles(page, 'Alice here').first().waitFor({ timeout: 15_000 });
    expect(await bubbles(page, 'Alice here').count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-queue-next-page.png') });
  }, 120_000);
});
