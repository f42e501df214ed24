import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startPlayground, type RunningPlayground } from '../helpers/agents-playground';
import { ROOT } from '../helpers/paths';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Teams rendering through the Microsoft 365 Agents Playground (offline, -c msteams) against the
 * real /api/messages: the menu arrives as an Adaptive Card whose buttons work.
 */
let server: TestServer;
let playground: RunningPlayground | undefined;
let browser: Browser;
let playgroundUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  playground = await startPlayground(server.url);
  playgroundUrl = playground.url;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  playground?.stop();
  await server?.close();
});

test('when the Playground talks to giftbot as Teams, then the menu is an Adaptive Card and its buttons drive the conversation', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(playgroundUrl);
  const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'What would you like to do?' }).last();
  await card.waitFor({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Redeem a card' }).click();
  const brands = page.locator('.ac-adaptiveCard').filter({ hasText: 'Which brand is the card for?' }).last();
  await brands.waitFor();
  await brands.getByRole('button', { name: 'Amazon' }).click();
  await page.getByText("Let's redeem your Amazon card").first().waitFor();
  const step = page.locator('.ac-adaptiveCard').filter({ hasText: 'Step 1 of 5' }).last();
  await step.getByRole('button', { name: 'Done' }).click();
  await page.locator('.ac-adaptiveCard').filter({ hasText: 'Step 2 of 5' }).last().waitFor();
  await page.screenshot({ path: path.join(ROOT, 'artifacts', 'teams-playground.png') });
  await page.close();
}, 90_000);
