import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { ROOT } from '../helpers/paths';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The rendering faults of issue 13 in the real widget, on a real server, in Chromium: the
 * "You'll need:" list is a list, the sell link is one button (no raw URL broken mid-word), and a
 * resolved flow ends with next-step buttons that work. Screenshots of each state at desktop and
 * phone width go to artifacts/rendering-*.png.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const SELL_URL = 'https://marketplace.example/sell?brand=amazon&amount=50.00&utm_source=giftbot&utm_medium=directline';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const transcript = (page: Page) => page.locator('.webchat__basic-transcript').first();
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).filter({ visible: true }).last();

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.fill(text);
  await box.press('Enter');
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `rendering-${name}.png`) });
}

const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, mobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
] as const;

describe.each(SIZES)('the widget at $name width ($viewport.width×$viewport.height) in Chromium', ({ name, viewport, mobile }) => {
  test('when a card is redeemed, sold and a fix works, then the list is a list, the link is one button, and next steps follow as working buttons', async () => {
    const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
    // No internet here: the marketplace answers from this stub, so clicking the button really opens it.
    await context.route('https://marketplace.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Marketplace</title><h1>Sell your card</h1>' }));
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await button(page, 'Chat with us').click();
      await page.getByText(/Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });

      // 1. "You'll need:" renders as <ul> with one <li> a need.
      await send(page, 'how do i redeem my amazon gift card');
      const item = transcript(page).locator('li', { hasText: 'An Amazon account' }).first();
      await item.waitFor();
      const list = item.locator('xpath=..');
      expect(await list.evaluate((el) => el.tagName)).toBe('UL');
      expect(await list.locator('li').allInnerTexts()).toEqual(['The claim code (back of the card or in your gift email)', 'An Amazon account', 'A browser or the Amazon app']);
      await page.getByText('Step 1 of 5').first().waitFor();
      await list.scrollIntoViewIfNeeded();
      await shoot(page, `list-${name}`);
      await button(page, 'Stop').click();
      await page.getByText(/the card isn.t redeemed yet/).first().waitFor();

      // 2. The sell link: one button, the URL nowhere in the text (so never broken mid-word).
      await send(page, "I'd rather sell my $50 amazon card");
      await page.getByText(/Here.s your link for a \$50 Amazon card, with the details filled in\./).first().waitFor();
      const linkButton = button(page, 'Continue on the marketplace');
      await linkButton.waitFor();
      // One among the shown activities (Web Chat also keeps a copy in its screen-reader live region).
      expect(await transcript(page).locator('.webchat__basic-transcript__activity').getByRole('button', { name: 'Continue on the marketplace' }).count()).toBe(1);
      const html = await transcript(page).innerHTML();
      expect(html).not.toContain('marketplace.example');
      expect(html).not.toContain('utm_sour');
      await page.getByText('Is there anything else I can help with?').last().waitFor();
      await linkButton.scrollIntoViewIfNeeded();
      await shoot(page, `link-${name}`);
      const [opened] = await Promise.all([context.waitForEvent('page'), linkButton.click()]);
      await opened.waitForLoadState();
      expect(opened.url()).toBe(SELL_URL);
      await opened.close();

      // 3. A fix that works ends with next-step buttons, and one of them works when clicked.
      await send(page, 'amazon says This code is not valid.');
      await page.getByText('Did that work?').last().waitFor();
      await button(page, 'Yes, it worked').click();
      await page.getByText('Great, glad that sorted it!').first().waitFor();
      for (const label of ['Redeem another card', 'Sell or swap a card', 'Talk to a person', 'Something else', "That's all"]) await button(page, label).waitFor();
      await shoot(page, `next-steps-${name}`);
      await button(page, 'Redeem another card').click();
      await page.getByText('Which brand is the card for?').last().waitFor();
      await button(page, 'Steam').waitFor();
      const said = await transcript(page).innerText();
      expect(said).not.toContain('undefined');
      // Nobody pasted a code in this chat: Web Chat's own fields (localTimestamp) must not set off the notice.
      expect(said).not.toContain("I've hidden");
    } finally {
      await context.close();
    }
  }, 90_000);
});
