import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startPlayground, type RunningPlayground } from '../helpers/agents-playground';
import { ROOT } from '../helpers/paths';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15, bug 3: a card click in Teams (Action.Submit) shows the person no bubble of their own.
 * Through the Microsoft 365 Agents Playground (offline, -c msteams) against the real /api/messages,
 * each clicked card is updated in place to show the choice.
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

test('when a Teams user clicks card buttons, then each clicked card shows their choice and loses its buttons, and the conversation goes on', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(playgroundUrl);
  const menu = page.locator('.ac-adaptiveCard').filter({ hasText: 'What would you like to do?' }).last();
  await menu.waitFor({ timeout: 30_000 });
  await menu.getByRole('button', { name: 'Redeem a card' }).click();
  const brands = page.locator('.ac-adaptiveCard').filter({ hasText: 'Which brand is the card for?' }).last();
  await brands.waitFor();
  // The menu card now says what was picked, in place of its buttons.
  await menu.getByRole('button').first().waitFor({ state: 'detached' });
  expect((await menu.innerText()).split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['What would you like to do?', 'Redeem a card']);
  await brands.getByRole('button', { name: 'Steam' }).click();
  await page.getByText("Let's redeem your Steam card").first().waitFor();
  await brands.getByRole('button').first().waitFor({ state: 'detached' });
  await expect(brands.innerText()).resolves.toContain('Steam');
  await page.screenshot({ path: path.join(ROOT, 'artifacts', 'teams-choices.png') });
  await page.close();
}, 90_000);
