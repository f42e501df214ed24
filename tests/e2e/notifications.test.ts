import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';
import { startTeamsHost, TEAMS_ORIGIN, type TeamsHost } from '../helpers/teams-host';

/**
 * Issue 15, notifications in the agent console: a tone and a desktop notification for a chat
 * routed to the agent and for a customer's message in a chat they aren't looking at; unread counts
 * on the tabs and in the title; clicking a notification opens its chat; each can be turned off; a
 * denied permission is asked once and never again. Chromium with the real Notification and
 * AudioContext, wrapped by an init script that records the calls and then calls through; customers
 * on the real Direct Line client; ROUTING=auto assigns them.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const ANA = 'ana-token-notify-0123456789';
const BEA = 'bea-token-notify-0123456789';
let server: TestServer;
let browser: Browser;
let teamsHost: TeamsHost;
const customers: Customer[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ AGENT_TOKENS: `Ana:${ANA},Bea:${BEA}`, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'giftbot-notify-')), HANDOFF_TIMEOUT_SECONDS: '600', ROUTING: 'auto', AGENT_CAPACITY: '3' });
  browser = await launchChromium();
  // No SSO token from this host: the tab falls back to the token sign-in, still inside Teams.
  teamsHost = await startTeamsHost(() => `${server.url}/agent/teams.html`, { oid: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47', upn: 'ana@contoso.example' }, () => null);
});
afterAll(async () => {
  customers.forEach((c) => c.end());
  await browser?.close();
  await teamsHost?.close();
  await server?.close();
});

interface Alerts { notifications: { title: string; body: string; tag: string }[]; tones: number; requests: number }

/** Records what reaches the real APIs and calls through; `__setHidden` stands in for the agent switching tabs. */
const RECORDER = `(() => {
  const alerts = { notifications: [], tones: 0, requests: 0 };
  const instances = [];
  window.__alerts = alerts;
  window.__notificationInstances = instances;
  const Real = window.Notification;
  if (Real) {
    const Recorded = function Notification(title, options) {
      const made = new Real(title, options);
      alerts.notifications.push({ title, body: (options && options.body) || '', tag: (options && options.tag) || '' });
      instances.push(made);
      return made;
    };
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    Recorded.requestPermission = (...args) => { alerts.requests += 1; return Real.requestPermission(...args); };
    Recorded.prototype = Real.prototype;
    window.Notification = Recorded;
  }
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { alerts.tones += 1; return createOscillator.call(this); };
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  window.__setHidden = (value) => { hidden = value; document.dispatchEvent(new Event('visibilitychange')); };
})();`;

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
// Strings, not functions: the tests' TypeScript has no DOM types.
const alerts = (page: Page) => page.evaluate<Alerts>('window.__alerts');
const setHidden = (page: Page, hidden: boolean) => page.evaluate(`window.__setHidden(${hidden})`);
const tab = (page: Page, text: string) => testid(page, 'conversation-tab').filter({ hasText: text });

async function notificationCount(page: Page, count: number): Promise<Alerts> {
  return eventually(async () => {
    const now = await alerts(page);
    return now.notifications.length >= count ? now : undefined;
  }, 8000, `${count} desktop notification(s)`);
}

async function titleIs(page: Page, check: (title: string) => boolean, what: string): Promise<string> {
  return eventually(async () => {
    const title = await page.title();
    return check(title) ? title : undefined;
  }, 5000, what);
}

async function askForPerson(summary: string): Promise<Customer> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(customer);
  const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say(summary);
  await saw('has joined');
  return customer;
}

async function signIn(context: BrowserContext, token: string, name: string): Promise<Page & { problems: string[] }> {
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${server.url}/agent#token=${token}`);
  await testid(page, 'agent-name').filter({ hasText: name }).waitFor();
  return Object.assign(page, { problems });
}

test('when chats are routed and customers write in the background, then the agent gets a tone, a desktop notification and unread counts; a click opens the chat; sound can be turned off', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['notifications'], { origin: server.url });
  const page = await signIn(context, ANA, 'Ana');
  await testid(page, 'agent-status').selectOption('available');
  const desktop = testid(page, 'notify-desktop');
  await desktop.click();
  await eventually(async () => ((await desktop.getAttribute('aria-pressed')) === 'true' ? true : undefined), 5000, 'desktop notifications on');
  expect((await alerts(page)).requests).toBe(0); // already granted: nothing to ask

  // The agent is in another tab: the routed chat opens, but counts as unread until they come back.
  await setHidden(page, true);
  const first = await askForPerson('my apple card balance vanished');
  const afterFirst = await notificationCount(page, 1);
  expect(afterFirst.notifications[0]?.title).toMatch(/^New chat: /);
  expect(afterFirst.notifications[0]?.body).toContain('my apple card balance vanished');
  expect(afterFirst.tones).toBeGreaterThan(0);
  await titleIs(page, (t) => t.startsWith('(1) '), 'the title to count the new chat');
  await setHidden(page, false);
  await titleIs(page, (t) => !t.startsWith('('), 'the count to clear once the agent is back');

  // A second chat arrives while the first is open: a background tab marked new.
  const second = await askForPerson('xbox gift card code rejected');
  const afterSecond = await notificationCount(page, 2);
  expect(afterSecond.notifications[1]?.title).toMatch(/^New chat: /);
  expect(afterSecond.tones).toBeGreaterThan(afterFirst.tones);
  await tab(page, 'xbox gift card code rejected').locator('[data-testid="unread"]').waitFor();
  await titleIs(page, (t) => t.startsWith('(1) '), 'the title to count the second chat');

  // Open the second; the first customer writes: that tab counts 1, the title says (1).
  await tab(page, 'xbox gift card code rejected').click();
  await titleIs(page, (t) => !t.startsWith('('), 'the count to clear when the chat is opened');
  await first.say('are you still there?');
  const afterMessage = await notificationCount(page, 3);
  expect(afterMessage.notifications[2]).toMatchObject({ title: expect.stringContaining('new message'), body: 'are you still there?' });
  expect(afterMessage.tones).toBeGreaterThan(afterSecond.tones);
  await tab(page, 'my apple card balance vanished').locator('[data-testid="unread"]', { hasText: '1' }).waitFor();
  await titleIs(page, (t) => t.startsWith('(1) '), 'the title to count the unread message');
  await page.screenshot({ path: path.join(ARTIFACTS, 'notifications-1440x900.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'notifications-390x844.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Clicking that desktop notification opens its chat and clears the count.
  await page.evaluate("window.__notificationInstances[2].dispatchEvent(new Event('click'))");
  await tab(page, 'my apple card balance vanished').and(page.locator('[aria-selected="true"]')).waitFor();
  await testid(page, 'chat-log').locator('[data-testid="line"][data-from="customer"]', { hasText: 'are you still there?' }).waitFor();
  await titleIs(page, (t) => !t.startsWith('('), 'the count to clear after the click');
  expect(await tab(page, 'my apple card balance vanished').locator('[data-testid="unread"]').count()).toBe(0);

  // Sound off: the next background message still notifies on the desktop, but plays nothing.
  const sound = testid(page, 'notify-sound');
  await sound.click();
  expect(await sound.getAttribute('aria-pressed')).toBe('false');
  const tonesBefore = (await alerts(page)).tones;
  await second.say('hello? the code still fails');
  const afterMuted = await notificationCount(page, 4);
  expect(afterMuted.notifications[3]?.body).toBe('hello? the code still fails');
  expect(afterMuted.tones).toBe(tonesBefore);
  expect(await page.evaluate("localStorage.getItem('giftbot-agent-sound')")).toBe('off');
  expect(page.problems).toEqual([]);
  await context.close();
});

/** Autoplay policy as a browser applies it to a page without a gesture: the context stays suspended and resuming is refused. */
const AUDIO_BLOCKED = `(() => {
  class Blocked extends AudioContext {
    get state() { return 'suspended'; }
    resume() { return Promise.reject(new DOMException('The AudioContext was not allowed to start', 'NotAllowedError')); }
  }
  window.AudioContext = Blocked;
})();`;

test('when the browser denies notifications and blocks audio, then turning them on asks once, says where to allow them, never asks again, and nothing breaks', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(AUDIO_BLOCKED);
  const page = await signIn(context, BEA, 'Bea');
  // Not granted: headless Chromium has no prompt to click, so the browser answers "denied" for real.
  expect(await page.evaluate('Notification.permission')).toBe('default');
  const desktop = testid(page, 'notify-desktop');
  await desktop.click();
  await testid(page, 'status').filter({ hasText: 'blocked' }).waitFor();
  expect(await desktop.getAttribute('aria-pressed')).toBe('false');
  expect((await alerts(page)).requests).toBe(1);
  await desktop.click();
  await desktop.click();
  expect((await alerts(page)).requests).toBe(1);
  expect((await alerts(page)).notifications).toEqual([]);
  // Sound off and on again plays a sample tone into the blocked context: skipped, not thrown.
  const sound = testid(page, 'notify-sound');
  await sound.click();
  await sound.click();
  expect(await sound.getAttribute('aria-pressed')).toBe('true');
  await eventually(async () => ((await alerts(page)).tones > 0 ? true : undefined), 5000, 'the sample tone to be tried');
  await page.waitForTimeout(200); // a refused resume() rejects asynchronously: give it time to surface
  expect(page.problems).toEqual([]);
  await context.close();
});

test('when the console is a Teams tab, then the Desktop toggle is not offered (Teams shows its own activity) and the Sound toggle is', async () => {
  const context = await teamsHost.context(browser);
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${TEAMS_ORIGIN}/l/entity/giftbot-agent-console/agent-console`);
  const tab = page.frameLocator('#tab');
  await tab.getByTestId('signin').waitFor({ state: 'visible', timeout: 30_000 });
  await tab.getByTestId('token').fill(BEA);
  await tab.getByTestId('signin').getByRole('button', { name: 'Sign in' }).click();
  await tab.getByTestId('agent-name').filter({ hasText: 'Bea' }).waitFor({ timeout: 30_000 });
  await tab.getByTestId('notify-sound').waitFor({ state: 'visible' });
  expect(await tab.getByTestId('notify-desktop').isHidden()).toBe(true);
  expect(problems).toEqual([]);
  await context.close();
}, 60_000);
