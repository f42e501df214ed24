import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { ROOT } from '../helpers/paths';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The widget on someone else's site: a host page served from a second HTTP server on another origin
 * (http://127.0.0.1:<port>, giftbot being http://localhost:<port>), embedding giftbot with the one
 * documented line. And the widget's look at desktop and phone width, closed and open.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
let host: Server;
let hostOrigin: string;
let allowed: TestServer;
let closed: TestServer;
let browser: Browser;
/** Which giftbot the host page embeds, chosen per request by ?giftbot=allowed|closed. */
const giftbotFor = (which: string | null) => (which === 'closed' ? closed : allowed).url;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = createServer((req, res) => {
    const which = new URL(req.url ?? '/', 'http://host').searchParams.get('giftbot');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Another shop</title></head>
<body><h1>Another shop's help page</h1><p>Questions about your order? Ask below.</p>
<script src="${giftbotFor(which)}/widget.js" data-title="Shop help" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  allowed = await startTestServer({ ALLOWED_ORIGINS: hostOrigin });
  closed = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await allowed?.close();
  await closed?.close();
  await new Promise((resolve) => host?.close(resolve));
});

const bubbles = (page: Page, text: string | RegExp) => page.locator('.webchat__basic-transcript__activity').filter({ hasText: text });
const suggested = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });
const launcher = (page: Page) => page.getByRole('button', { name: 'Chat with us', exact: true });

describe('the widget embedded on another origin', () => {
  test('when the host origin is in ALLOWED_ORIGINS, then the conversation works end to end from that site', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    await page.goto(`${hostOrigin}/?giftbot=allowed`);
    expect(new URL(page.url()).origin).not.toBe(new URL(allowed.url).origin);
    await launcher(page).click();
    await bubbles(page, /Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
    await suggested(page, 'Redeem a card').click();
    await bubbles(page, 'Which brand is the card for?').first().waitFor({ timeout: 20_000 });
    const box = page.getByRole('textbox').last();
    await box.fill('amazon');
    await box.press('Enter');
    await bubbles(page, 'Step 1 of 5').first().waitFor({ timeout: 20_000 });
    expect(failed).toEqual([]);
    // Kept in the host site's sessionStorage, so the host's next page carries on too.
    await page.reload();
    await bubbles(page, 'Step 1 of 5').first().waitFor({ timeout: 20_000 });
    expect(await bubbles(page, /Hi, I.m giftbot/).count()).toBe(1);
    await page.close();
  }, 90_000);

  test('when the host origin is not allowed, then the script loads but the chat says it could not connect, and no conversation is started', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => errors.push(message.text()));
    await page.goto(`${hostOrigin}/?giftbot=closed`);
    await launcher(page).click();
    await page.getByText('Sorry, the chat could not connect. Please try again in a moment.').waitFor({ timeout: 20_000 });
    expect(await page.locator('.webchat__basic-transcript__activity').count()).toBe(0);
    // The browser says why, for whoever embeds it: the preflight was refused (giftbot answers it 403, no Allow-Origin).
    expect(errors.join('\n')).toMatch(/blocked by CORS policy/);
    expect(closed.logs.some((line) => line.includes('directline-conversation'))).toBe(false);
    await page.close();
  }, 60_000);
});

describe('the widget closed and open, desktop and phone', () => {
  for (const [name, width, height] of [['desktop', 1440, 900], ['phone', 390, 844]] as const) {
    test(`when the chat is opened at ${name} width (${width}×${height}), then the launcher is hidden under no panel and the page is clear when it is closed`, async () => {
      const phone = name === 'phone';
      const page = await browser.newPage({ viewport: { width, height }, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
      await page.goto(allowed.url);
      await launcher(page).waitFor();
      const button = (await launcher(page).boundingBox())!;
      if (phone) {
        // A small round button in the corner, not a bar across the page's text.
        expect(button.width).toBeLessThanOrEqual(56);
        expect(button.x + button.width).toBeGreaterThan(width - 20);
        expect(button.y + button.height).toBeGreaterThan(height - 20);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, `widget-${name}-closed.png`) });

      await launcher(page).click();
      await bubbles(page, /Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
      await suggested(page, 'Redeem a card').click();
      await bubbles(page, 'Which brand is the card for?').first().waitFor({ timeout: 20_000 });
      expect(await page.locator('.giftbot-launcher').isVisible()).toBe(false);
      const panel = (await page.locator('.giftbot-panel').boundingBox())!;
      if (phone) expect(panel).toMatchObject({ x: 0, y: 0, width, height });
      else expect(panel.width).toBeLessThan(width / 2); // the page stays readable beside it
      await expect(page.getByRole('button', { name: 'Close chat' }).isVisible()).resolves.toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, `widget-${name}-open.png`) });

      await page.getByRole('button', { name: 'Close chat' }).click();
      expect(await page.locator('.giftbot-panel').isVisible()).toBe(false);
      expect(await launcher(page).isVisible()).toBe(true);
      await page.close();
    }, 60_000);
  }
});
