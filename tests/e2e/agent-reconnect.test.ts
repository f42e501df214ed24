import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { launchChromium } from '../helpers/browser';
import { freePort } from '../helpers/serve-process';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * The agent console in Chromium across a server restart (issue 15, bug 4): the server stops and
 * starts again on the same port and SQLite data while an agent holds a chat. When the console is
 * live again, every line shows once — the ones it heard live are not added a second time from the
 * transcript it re-reads — and the "Cannot reach the server" banner is gone beside "Live".
 */
const TOKEN = 'alice-reconnect-token-0123456789';
let port: number;
let dataDir: string;
let server: TestServer | undefined;
let browser: Browser;
const customers: Customer[] = [];

const start = async () => (server = await startTestServer({ PORT: String(port), DATA_DIR: dataDir, AGENT_TOKENS: `Alice:${TOKEN}`, HANDOFF_TIMEOUT_SECONDS: '600' }));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-reconnect-'));
  port = await freePort();
  await start();
  browser = await launchChromium();
});
afterAll(async () => {
  customers.splice(0).forEach((c) => c.end());
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Opened = { token: string; conversationId: string };

function customer(opened: Opened, resume: boolean): Customer {
  const client = directLineClient({ domain: `${server!.url}/v3/directline`, token: opened.token, webSocket: true, ...(resume ? { conversationId: opened.conversationId } : {}) });
  customers.push(client);
  return client;
}

function saw(client: Customer, text: string, from = 0): Promise<string> {
  return eventually(() => client.texts().slice(from).find((t) => t.includes(text)), 10_000, `customer to see "${text}"`);
}

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const customerLines = (page: Page, text: string) => testid(page, 'chat-log').locator('[data-testid="line"][data-from="customer"]', { hasText: text });

test('when the server restarts during a chat, then the console is live again with each line once and no error banner', async () => {
  const opened: Opened = (await postJson(`${server!.url}/v3/directline/tokens/generate`, {})).body;
  const before = customer(opened, false);
  await saw(before, "I'm giftbot");
  await before.say('talk to a person');
  await saw(before, 'In one line');
  await before.say('my steam card shows zero after the restart test');
  await saw(before, 'in the queue');

  const agent = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  agent.on('pageerror', (err) => problems.push(err.message));
  await agent.goto(`${server!.url}/agent#token=${TOKEN}`);
  const item = testid(agent, 'queue-item').filter({ hasText: 'shows zero after the restart test' });
  await item.locator('[data-testid="accept"]').click();
  await saw(before, 'Alice from the support team has joined');
  await before.say('first line before the restart');
  await before.say('second line before the restart');
  // Said twice for real: shown twice, before and after the restart.
  await before.say('same words twice');
  await before.say('same words twice');
  await customerLines(agent, 'same words twice').nth(1).waitFor();
  const connection = agent.locator('#connection');
  await connection.filter({ hasText: 'Live' }).waitFor();

  // While it is down, the agent tries to write: the console says the server can't be reached.
  customers.splice(0).forEach((c) => c.end());
  await server!.close();
  server = undefined;
  await connection.filter({ hasText: 'Reconnecting' }).waitFor();
  await testid(agent, 'composer').fill('are you still there?');
  await testid(agent, 'send').click();
  await testid(agent, 'status').filter({ hasText: 'Cannot reach the server' }).waitFor();

  // The first transcript read once the server is back (the poll's or the reconnect's catch-up) holds
  // the lines the console heard live.
  const reread = agent.waitForResponse((res) => res.url().includes('/transcript') && res.ok(), { timeout: 60_000 });
  await start();
  await connection.filter({ hasText: 'Live' }).waitFor({ timeout: 40_000 });
  await reread;
  const after = customer(opened, true);
  await eventually(() => after.seen.length > 0 || undefined, 10_000, 'the resumed customer to see the conversation');
  await after.say('third line after the restart');
  await customerLines(agent, 'third line after the restart').waitFor();
  for (const text of ['my steam card shows zero', 'first line before the restart', 'second line before the restart', 'third line after the restart']) {
    expect({ text, count: await customerLines(agent, text).count() }).toEqual({ text, count: 1 });
  }
  expect(await customerLines(agent, 'same words twice').count()).toBe(2);
  // What the agent couldn't send is still in the box, and goes now.
  await expect(testid(agent, 'composer').inputValue()).resolves.toBe('are you still there?');
  const heard = after.texts().length;
  await testid(agent, 'send').click();
  await saw(after, 'Alice: are you still there?', heard);
  await expect(testid(agent, 'chat-log').locator('[data-testid="line"][data-from="agent"]', { hasText: 'are you still there?' }).count()).resolves.toBe(1);
  await expect(connection.innerText()).resolves.toBe('Live');
  expect(await agent.locator('#status-bar').isHidden()).toBe(true);
  expect(problems).toEqual([]);
}, 120_000);
