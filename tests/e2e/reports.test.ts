import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { launchChromium } from '../helpers/browser';
import { chartData } from '../helpers/chart-data';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { ROOT } from '../helpers/paths';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * The reports page in Chromium on the real server: a customer is helped (Direct Line client, agent
 * API, End with a reason, the survey), another meets a question the bot can't answer; then the
 * supervisor's page draws every chart with Chart.js, lists the question and downloads the CSV. An
 * agent who is not a supervisor sees the server's refusal.
 */
const ARTIFACTS = path.join(ROOT, 'artifacts');
const SUE = 'sue-token-reports-e2e-0123456789';
const ALICE = 'alice-token-reports-e2e-0123456789';
const CHARTS = ['chart-volume', 'chart-times', 'chart-reasons', 'chart-csat-agent', 'chart-csat-reason'];

let server: TestServer;
let browser: Browser;
const customers: Customer[] = [];
let alice: AgentClient;

async function customer(): Promise<{ client: Customer; saw: (text: string, from?: number) => Promise<string> }> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const client = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(client);
  const saw = (text: string, from = 0) => eventually(() => client.texts().slice(from).find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
  await saw("I'm giftbot");
  return { client, saw };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ AGENT_TOKENS: `Sue:${SUE}:supervisor,Alice:${ALICE}`, HANDOFF_TIMEOUT_SECONDS: '600' });
  browser = await launchChromium();
  alice = await agentClient(server.url, ALICE);
  const reason = ((await alice.api('GET', '/wrap-up')).body.reasons as Array<{ id: string }>)[0]!.id;
  const { client, saw } = await customer();
  await client.say('zorblax quantum fizzwig?');
  await saw('say it another way');
  await client.say('talk to a person');
  await saw('In one line');
  await client.say('my card shows zero');
  await saw('in the queue');
  const item = await eventually(async () => (await alice.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === 'my card shows zero'), 8000, 'request in the queue');
  await alice.api('POST', `/conversations/${item.id}/accept`);
  await alice.api('POST', `/conversations/${item.id}/end`, { reason });
  await saw('How did the support team do?');
  await client.say('4');
  await saw("Anything you'd like to add?");
  await client.say('no');
  await saw('Thank you!');
  await (await customer()).client.say('hello');
}, 60_000);
afterAll(async () => {
  customers.forEach((c) => c.end());
  await alice?.close();
  await browser?.close();
  await server?.close();
});

const testid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** What Chart.js holds for the canvas with this id, and whether anything was painted on it. */
const chartOn = (page: Page, id: string) => chartData(page.locator(`canvas#${id}`));

test('when a supervisor opens the reports, then every chart is drawn with the day’s figures, the unanswered question is listed and the CSV downloads', async () => {
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    await page.goto(`${server.url}/agent/reports.html#token=${SUE}`);
    await testid(page, 'reports-charts').waitFor({ state: 'visible', timeout: 8000 });

    for (const id of CHARTS) {
      const chart = await chartOn(page, id);
      expect({ id, drawn: chart !== null, painted: chart?.painted }).toEqual({ id, drawn: true, painted: true });
      expect(chart!.values.length).toBeGreaterThan(0);
    }
    const volume = (await chartOn(page, 'chart-volume'))!;
    expect(volume.datasets).toBe(2);
    expect(volume.values.reduce<number>((n, v) => n + (v ?? 0), 0)).toBe(2 + 1); // 2 conversations + 1 handoff
    expect((await chartOn(page, 'chart-reasons'))!).toMatchObject({ type: 'doughnut', values: [0, 0, 1, 0] });
    expect((await chartOn(page, 'chart-csat-agent'))!.values).toEqual([4]);
    expect((await chartOn(page, 'chart-csat-reason'))!.values).toEqual([4]);
    expect(await testid(page, 'handoff-rate').textContent()).toBe('50.0% (1 of 2)');
    expect(await testid(page, 'unanswered-table').locator('tbody tr').allTextContents()).toEqual(['zorblax quantum fizzwig?1']);

    await page.screenshot({ path: path.join(ARTIFACTS, `reports-${width}x${height}.png`), fullPage: width < 500 });

    const [download] = await Promise.all([page.waitForEvent('download'), testid(page, 'reports-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^giftbot-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('Handoffs\r\nconversations,handoffs,rate\r\n2,1,0.5\r\n');
    expect(csv).toContain('not-answered,1\r\n');
    expect(problems).toEqual([]);
    await context.close();
  }
});

test('when an agent who is not a supervisor opens them, then the page says reports are for supervisors and their console has no Reports button', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/agent/reports.html#token=${ALICE}`);
  await testid(page, 'reports-message').filter({ hasText: 'Reports are for supervisors' }).waitFor({ timeout: 8000 });
  expect(await testid(page, 'reports-charts').isHidden()).toBe(true);

  // In the console the Reports button is a supervisor's, like the Team button.
  await page.goto(`${server.url}/agent/`);
  await testid(page, 'agent-name').filter({ hasText: 'Alice' }).waitFor();
  await testid(page, 'archive-toggle').waitFor();
  expect(await testid(page, 'reports-toggle').count()).toBe(0);
  await context.close();
});

test('when a supervisor opens Reports in the console, then the reports replace the chats with their charts, Chart.js loads then, and Back returns to the chats', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const chartJs: string[] = [];
  page.on('request', (request) => request.url().endsWith('/agent/chart.js') && chartJs.push(request.url()));
  await page.goto(`${server.url}/agent/#token=${SUE}`);
  await testid(page, 'agent-name').filter({ hasText: 'Sue' }).waitFor();
  await page.waitForTimeout(300);
  expect(chartJs).toEqual([]); // not fetched until the reports are opened

  await testid(page, 'reports-toggle').click();
  await testid(page, 'reports-charts').waitFor({ state: 'visible', timeout: 8000 });
  expect(await page.locator('#console-view').isHidden()).toBe(true);
  for (const id of CHARTS) expect((await chartOn(page, id))?.painted).toBe(true);
  expect(await testid(page, 'handoff-rate').textContent()).toBe('50.0% (1 of 2)');
  expect(chartJs).toHaveLength(1);

  // The Team view takes the page: the reports close; Reports again, then Back, shows the chats.
  await testid(page, 'team-toggle').click();
  await testid(page, 'team-view').waitFor({ state: 'visible' });
  expect(await testid(page, 'reports-view').isHidden()).toBe(true);
  await testid(page, 'reports-toggle').click();
  await testid(page, 'reports-view').waitFor({ state: 'visible' });
  expect(await testid(page, 'team-view').isHidden()).toBe(true);
  await testid(page, 'reports-back').click();
  await page.locator('#console-view').waitFor({ state: 'visible' });
  expect(await testid(page, 'reports-view').isHidden()).toBe(true);
  // Past, then Team: one view at a time here too (the Team view used to open beside Past).
  await testid(page, 'archive-toggle').click();
  await testid(page, 'archive-view').waitFor({ state: 'visible' });
  await testid(page, 'team-toggle').click();
  await testid(page, 'team-view').waitFor({ state: 'visible' });
  expect(await testid(page, 'archive-view').isHidden()).toBe(true);
  await testid(page, 'team-toggle').click();
  await page.locator('#console-view').waitFor({ state: 'visible' });

  // Signing out takes the figures off the page, and the charts with them.
  await testid(page, 'reports-toggle').click();
  await testid(page, 'reports-charts').waitFor({ state: 'visible', timeout: 8000 });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'reports-console-390x844.png') });
  // On a phone the console scrolls as a page (conversation.css): the last table can be reached.
  await testid(page, 'unanswered-table').scrollIntoViewIfNeeded();
  const table = (await testid(page, 'unanswered-table').boundingBox())!;
  expect(table.y).toBeGreaterThanOrEqual(0);
  expect(table.y + table.height).toBeLessThanOrEqual(844);
  await page.locator('#signout').click();
  await page.locator('#signin-view').waitFor({ state: 'visible' });
  expect(await testid(page, 'reports-view').isHidden()).toBe(true);
  expect(await chartOn(page, 'chart-volume')).toBeNull();
  expect(await testid(page, 'unanswered-table').locator('tbody tr').count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});
