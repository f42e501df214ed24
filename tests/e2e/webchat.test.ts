import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { ROOT } from '../helpers/paths';
import { startTestServer, type TestServer } from '../helpers/server';

const ARTIFACTS = path.join(ROOT, 'artifacts');
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

const transcript = (page: Page) => page.locator('[role="log"], .webchat__basic-transcript').first();

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.fill(text);
  await box.press('Enter');
}

/** A desktop page on the help centre with the chat opened and the greeting shown. */
async function openChat(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Chat with us', exact: true }).filter({ visible: true }).last().click();
  await page.getByText(/Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
  return page;
}

describe('the website widget in Chromium', () => {
  test('when a visitor opens the chat on the help centre, then they can redeem, fix an error and sell with clicks and typing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    expect(await page.locator('script[src$="/webchat/webchat.js"]').count()).toBe(0); // loaded only when opened
    await page.getByRole('button', { name: 'Chat with us', exact: true }).filter({ visible: true }).last().click();
    await page.getByText(/Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Redeem a card', exact: true }).filter({ visible: true }).last().click();
    await page.getByText('Which brand is the card for?').first().waitFor();
    await page.getByRole('button', { name: 'Amazon', exact: true }).filter({ visible: true }).last().click();
    await page.getByText('Step 1 of 5: Go to amazon.com/redeem').first().waitFor();
    await page.getByRole('button', { name: 'Done', exact: true }).filter({ visible: true }).last().click();
    await page.getByText('Step 2 of 5').first().waitFor();

    await send(page, 'it says "This code is not valid."');
    await page.getByText('Re-enter carefully').first().waitFor();
    await page.getByText('Now, back to where we were:').first().waitFor();
    await page.getByRole('button', { name: 'Stop', exact: true }).filter({ visible: true }).last().click();
    await page.getByText(/the card isn.t redeemed yet/).first().waitFor();

    await send(page, "actually I'd rather sell my $50 amazon card");
    const link = page.getByRole('link', { name: /Continue on the marketplace/ }).or(page.getByRole('button', { name: /Continue on the marketplace/ }));
    await link.first().waitFor();
    await page.getByText(/Here.s your link for a \$50 Amazon card/).first().waitFor();
    expect(await transcript(page).innerText()).not.toContain('https://marketplace.example/sell'); // the button, not the text, carries it
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-desktop.png'), fullPage: true });
    expect(await transcript(page).innerText()).not.toContain('undefined');
    await page.close();
  }, 60_000);

  test('when the widget is opened at phone width, then the chat fills the screen and still works', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Chat with us', exact: true }).filter({ visible: true }).last().click();
    await page.getByText(/Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
    const panel = await page.locator('.giftbot-panel').boundingBox();
    expect(panel).toMatchObject({ x: 0, y: 0, width: 375, height: 740 });
    await page.getByRole('button', { name: 'Sell or swap a card', exact: true }).filter({ visible: true }).last().tap();
    await page.getByText('Would you like to sell it for cash').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-phone.png') });
    await page.close();
  }, 60_000);
  test('when a visitor asks for someone mid-walkthrough, then the walkthrough stops and the handoff asks what they need', async () => {
    const page = await openChat();
    await send(page, 'help me redeem my amazon gift card');
    await page.getByText('Step 1 of 5').first().waitFor();
    await send(page, 'ugh this is too confusing, could somebody from your team just help me');
    await page.getByText('In one line, what do you need help with?').first().waitFor();
    expect(await transcript(page).innerText()).not.toContain('Tap Done when');
    await page.close();
  }, 60_000);
  test('when a visitor tells a scam story, then the warning comes first and never begins with yes', async () => {
    const page = await openChat();
    await send(page, 'a man from the tax office phoned and says i owe back taxes, he wants 800 dollars in apple cards by tonight or police come');
    await page.getByText(/this sounds like a gift card scam/).first().waitFor();
    const text = await transcript(page).innerText();
    expect(text).not.toMatch(/^\s*Yes\b/m);
    expect(text).not.toContain('Which brand');
    await page.close();
  }, 60_000);
});
