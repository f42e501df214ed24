import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { ROOT } from '../helpers/paths';
import { eventually, startTestServer, type TestServer } from '../helpers/server';

/**
 * The agent console and the website widget side by side in Chromium: a customer asks for a person
 * in Web Chat, an agent accepts in /agent and replies, and each sees the other.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const TOKEN = 'alice-token-0123456789';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ AGENT_TOKENS: `Alice:${TOKEN}` });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.fill(text);
  await box.press('Enter');
}

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

describe('the agent console in Chromium', () => {
  test('when a customer asks for a person in Web Chat, then an agent accepts in the console and the two talk', async () => {
    const customer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await customer.goto(server.url);
    await customer.getByRole('button', { name: 'Chat with us', exact: true }).filter({ visible: true }).last().click();
    await customer.getByText(/Hi, I.m giftbot/).first().waitFor({ timeout: 20_000 });
    await say(customer, 'sell my $40 steam card');
    // Web Chat shows the sell link once, as the card's button (the URL is not in the text).
    await customer.getByRole('button', { name: 'Continue on the marketplace', exact: true }).filter({ visible: true }).last().waitFor();
    await say(customer, 'talk to a person');
    await customer.getByText('In one line, what do you need help with?').first().waitFor();
    await say(customer, 'the sell page rejects my card');
    await customer.getByText(/number 1 in the queue/).first().waitFor();

    const agent = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    agent.on('pageerror', (err) => problems.push(err.message));
    agent.on('dialog', (dialog) => void dialog.accept());
    await agent.goto(`${server.url}/agent#token=${TOKEN}`);
    await testid(agent, 'agent-name').filter({ hasText: 'Alice' }).waitFor();
    expect(agent.url()).not.toContain(TOKEN); // the fragment is read, then taken out of the address bar
    const item = testid(agent, 'queue-item').filter({ hasText: 'the sell page rejects my card' });
    await item.waitFor();
    await expect(item.innerText()).resolves.toContain('Steam');
    await item.locator('[data-testid="accept"]').click();

    // The transcript came with it: the customer needn't repeat themselves.
    const log = testid(agent, 'chat-log');
    await log.locator('[data-testid="line"][data-from="customer"]', { hasText: 'sell my $40 steam card' }).waitFor();
    await customer.getByText('Alice from the support team has joined').first().waitFor();

    // Agent → customer, with markup that must stay text.
    await testid(agent, 'composer').fill('Hi, Alice here <img src=x onerror="window.pwned=1"> see https://help.example/sell-steam');
    await testid(agent, 'send').click();
    await log.locator('[data-testid="line"][data-from="agent"]', { hasText: 'Alice here' }).waitFor();
    await customer.getByText(/Alice: Hi, Alice here/).first().waitFor();
    const link = customer.locator('a[href="https://help.example/sell-steam"]');
    await link.first().waitFor();
    expect(await customer.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await customer.locator('img[src="x"]').count()).toBe(0);

    // Customer → agent, live.
    await say(customer, 'thanks, it says card not accepted');
    await log.locator('[data-testid="line"][data-from="customer"]', { hasText: 'it says card not accepted' }).waitFor();

    // Knowledge and links go into the reply in one click.
    await testid(agent, 'kb-query').fill('code not valid');
    await testid(agent, 'kb-query').press('Enter');
    await testid(agent, 'kb-result').first().waitFor();
    await testid(agent, 'kb-insert').first().click();
    const composed = () => testid(agent, 'composer').inputValue();
    await eventually(async () => ((await composed()) !== '' ? true : undefined), 8000, 'knowledge inserted');
    await testid(agent, 'composer').fill('');
    await testid(agent, 'sell-link').click(); // fetches the link, then inserts it
    expect(await eventually(async () => ((await composed()).includes('brand=') ? composed() : undefined), 8000, 'link inserted')).toContain('brand=steam&amount=40.00');
    await testid(agent, 'send').click();
    await customer.getByText(/Alice: .*brand=steam&amount=40\.00/).first().waitFor();

    await agent.screenshot({ path: path.join(ARTIFACTS, 'agent-console.png'), fullPage: true });
    await testid(agent, 'end').click();
    // End asks for a resolution reason now (issue 15), not a yes/no confirm.
    await testid(agent, 'end-reason').first().click();
    await testid(agent, 'end-confirm').click();
    await customer.getByText('Alice has ended the chat').first().waitFor();
    await customer.getByText('How did the support team do?').first().waitFor();
    await customer.screenshot({ path: path.join(ARTIFACTS, 'agent-console-customer.png'), fullPage: true });
    expect(problems).toEqual([]);
    await Promise.all([agent.close(), customer.close()]);
  }, 90_000);

  test('when the console is opened at phone width with a wrong token, then sign-in says so and fits the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await page.goto(`${server.url}/agent/`);
    await testid(page, 'token').fill('not-a-real-token-000000');
    await testid(page, 'signin').locator('button[type="submit"]').click();
    await testid(page, 'status').filter({ hasText: /./ }).waitFor();
    expect(await testid(page, 'signin').isVisible()).toBe(true);
    // The page's own document, read in the browser (the tests' tsconfig has no DOM types).
    const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'agent-console-phone.png') });
    await page.close();
  }, 60_000);
});
