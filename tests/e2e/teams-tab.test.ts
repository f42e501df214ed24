import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startEntraKeys, teamsSsoClaims, type EntraKeys } from '../helpers/entra-keys';
import { ROOT, scratchDir } from '../helpers/paths';
import { startTestServer, type TestServer } from '../helpers/server';
import { startTeamsHost, TEAMS_ORIGIN, type TeamsHost } from '../helpers/teams-host';

/**
 * Acceptance: the tab page initialises teams-js and verifies an SSO token server-side (a test with
 * a locally signed token and a stubbed key set).
 *
 * The real /agent/teams.html (with the real @microsoft/teams-js bundle) runs in Chromium inside an
 * iframe of a stand-in Teams host: a page served by a tiny node:http server of this test that
 * answers the teams-js host protocol over postMessage — `initialize`, `getContext`,
 * `authentication.getAuthToken` (with a token signed by the local Entra keys), `registerHandler`
 * and a `themeChange` event — as Teams' web client does.
 *
 * Where the host lives: teams-js accepts a parent's messages only from its own origin, from the
 * origins passed to `app.initialize(validMessageOrigins)` (teams.js passes none), or from an
 * **https** origin on its built-in list (teams.microsoft.com, …). A host at http://127.0.0.1:<port>
 * is therefore ignored (the last test shows it). So the browser addresses the host page as
 * https://teams.microsoft.com — Playwright's request routing fetches it from the tiny server; no
 * request leaves the machine and neither teams-js nor the app is altered. Framing the loopback
 * giftbot from that (public) origin needs Chromium's Local Network Access permission, granted to
 * the context as a user would; a deployed giftbot is on a public https URL, where this doesn't arise.
 */
const CLIENT_ID = '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const OID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const AGENT_TOKEN = 'alice-token-0123456789';
const TAB_PATH = '/l/entity/giftbot-agent-console/agent-console';
const ARTIFACTS = path.join(ROOT, 'artifacts');

// any: tests read whatever JSON the page or the server produced.
type Json = any;

/** What the stand-in host hands out for `authentication.getAuthToken`. */
type TokenMode = 'valid' | 'other-tenant' | 'none';

let keys: EntraKeys;
let server: TestServer;
let host: TeamsHost;
let hostUrl: string;
let browser: Browser;
const scratch = scratchDir();
/** Every SSO token the host has handed out, in order. */
const issued: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  keys = await startEntraKeys();
  server = await startTestServer({
    TEAMS_SSO_CLIENT_ID: CLIENT_ID,
    TEAMS_SSO_TENANT_ID: TENANT_ID,
    TEAMS_SSO_JWKS_URL: keys.jwksUrl,
    AGENT_TOKENS: `Alice:${AGENT_TOKEN}`,
    DATA_DIR: scratch.dir,
  });
  host = await startTeamsHost(() => `${server.url}/agent/teams.html`, { oid: OID, tid: TENANT_ID, upn: 'alice@contoso.example' }, (query) => tokenFor((query.get('token') ?? 'valid') as TokenMode));
  hostUrl = host.url;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
  await keys?.close();
  scratch.cleanup();
});

function tokenFor(mode: TokenMode): string | null {
  if (mode === 'none') return null;
  const ids = { clientId: CLIENT_ID, tenantId: TENANT_ID, oid: OID };
  const overrides = mode === 'other-tenant' ? { tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` } : {};
  const token = keys.sign(teamsSsoClaims(ids, overrides));
  issued.push(token);
  return token;
}

/** A browser context where https://teams.microsoft.com is the stand-in host (see the top of the file). */
const teamsContext = (): Promise<BrowserContext> => host.context(browser);

const hostLog = (page: Page) => page.evaluate<Json[]>('window.hostLog');
const funcs = async (page: Page) => (await hostLog(page)).map((message) => message.func as string);
const theme = (tab: FrameLocator) => tab.locator('html').getAttribute('data-theme');

/** The console's own GET /api/agent/me, from inside the tab. */
function meResponse(page: Page) {
  return page.waitForResponse((response) => response.url() === `${server.url}/api/agent/me`, { timeout: 30_000 });
}

describe('the agent console as a Teams tab, in Chromium', () => {
  test('when Teams hosts the tab, then teams-js initialises, the SSO token is verified server-side, and the console signs in as the Entra user', async () => {
    const context = await teamsContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    try {
      const before = issued.length;
      const me = meResponse(page);
      await page.goto(`${TEAMS_ORIGIN}${TAB_PATH}`);
      const tab = page.frameLocator('#tab');

      // The console signs in with what the server says about the token.
      const meRes = await me;
      expect(meRes.status()).toBe(200);
      expect(await meRes.json()).toEqual({ via: 'teams', role: 'agent', agent: { id: `aad:${OID}`, name: 'Alice Agent' } });
      // … and the token it sent is the one the host handed out, not a stored or typed one.
      expect(issued.length).toBeGreaterThan(before);
      expect(meRes.request().headers().authorization).toBe(`Bearer ${issued[issued.length - 1]}`);

      const name = tab.getByTestId('agent-name');
      await name.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await name.textContent()).toBe('Alice Agent');
      expect(await tab.getByTestId('signin').isHidden()).toBe(true);
      expect(await tab.locator('#signout').isHidden()).toBe(true); // Teams owns the session
      expect(await theme(tab)).toBe('dark');
      // The same token opened the live stream (the indicator says Live only after {type:'ready'}).
      await tab.locator('#connection[data-state="live"]').waitFor({ state: 'visible', timeout: 30_000 });

      // The host protocol as teams-js spoke it.
      const log = await hostLog(page);
      const init = log.find((message) => message.func === 'initialize');
      expect(init).toMatchObject({ id: expect.any(Number), uuidAsString: expect.any(String), apiVersionTag: expect.stringMatching(/^v\d+_/) });
      expect(init.args.slice(0, 2)).toEqual([expect.stringMatching(/^2\.\d+\.\d+$/), 4]); // teams-js version, runtime API version
      expect(await funcs(page)).toEqual(expect.arrayContaining(['initialize', 'appInitialization.success', 'getContext', 'registerHandler', 'authentication.getAuthToken']));
      expect(await page.evaluate<string[]>('window.registered')).toContain('themeChange');
      await page.screenshot({ path: path.join(ARTIFACTS, 'teams-tab.png') });

      // Teams switches theme: the handler the tab registered applies it.
      await page.evaluate('window.sendTheme("contrast")');
      await tab.locator('html[data-theme="contrast"]').waitFor({ state: 'attached', timeout: 10_000 });

      // The server verified a Teams token and refused none.
      expect(server.logs.filter((line) => line.includes('agent-sso-refused'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  test('when Teams hands the tab a token of another tenant, then the server refuses it and the tab offers the token sign-in', async () => {
    const context = await teamsContext();
    const page = await context.newPage();
    try {
      const logged = server.logs.length;
      const me = meResponse(page);
      await page.goto(`${TEAMS_ORIGIN}${TAB_PATH}?token=other-tenant`);
      expect((await me).status()).toBe(401);
      const tab = page.frameLocator('#tab');
      await tab.getByTestId('signin').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await tab.getByTestId('status').textContent()).toMatch(/not set up as a support agent/);
      expect(await tab.getByTestId('agent-name').isHidden()).toBe(true);
      expect(await funcs(page)).toContain('authentication.getAuthToken');
      const refusals = server.logs.slice(logged).filter((line) => line.includes('agent-sso-refused'));
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.join('')).toMatch(/iss|tid/);
    } finally {
      await context.close();
    }
  }, 60_000);

  test('when Teams cannot give a token, then the tab says so and offers the token sign-in, which works', async () => {
    const context = await teamsContext();
    const page = await context.newPage();
    try {
      await page.goto(`${TEAMS_ORIGIN}${TAB_PATH}?token=none`);
      const tab = page.frameLocator('#tab');
      await tab.getByTestId('signin').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await tab.getByTestId('status').textContent()).toMatch(/single sign-on is not available \(resourceRequiresConsent\)/);
      expect(await theme(tab)).toBe('dark'); // still in Teams: its theme applies
      const me = meResponse(page);
      await tab.getByTestId('token').fill(AGENT_TOKEN);
      await tab.getByTestId('signin').getByRole('button', { name: 'Sign in' }).click();
      expect(await (await me).json()).toEqual({ via: 'token', role: 'agent', agent: { id: 'token:Alice', name: 'Alice' } });
      await tab.getByTestId('agent-name').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await tab.getByTestId('agent-name').textContent()).toBe('Alice');
    } finally {
      await context.close();
    }
  }, 60_000);

  test('when teams.html is opened directly, outside Teams, then it falls back to the token sign-in form, which works', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/agent/teams.html`);
      await page.getByTestId('signin').waitFor({ state: 'visible', timeout: 15_000 });
      expect(await page.getByTestId('agent-name').isHidden()).toBe(true);
      const me = meResponse(page);
      await page.getByTestId('token').fill(AGENT_TOKEN);
      await page.getByTestId('token').press('Enter');
      expect(await (await me).json()).toEqual({ via: 'token', role: 'agent', agent: { id: 'token:Alice', name: 'Alice' } });
      await page.getByTestId('agent-name').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.getByTestId('agent-name').textContent()).toBe('Alice');
    } finally {
      await context.close();
    }
  }, 60_000);

  // teams-js would also ignore such a host's answers; since issue 12 the browser stops it earlier:
  // the tab's frame-ancestors lists only Teams' and Microsoft 365's https hosts.
  test('when the host is not Teams (plain http), then the browser refuses to frame the tab at all, so the host gets no message and no sign-in form', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const page = await context.newPage();
    try {
      const refused = page.waitForEvent('console', { predicate: (message) => /frame-ancestors/.test(message.text()), timeout: 30_000 });
      await page.goto(`${hostUrl}/`);
      expect((await refused).text()).toContain('https://teams.microsoft.com');
      await page.waitForTimeout(3500); // teams.js waits 3 s for a Teams host before showing the sign-in
      expect(await funcs(page)).toEqual([]);
      expect(await page.frameLocator('#tab').getByTestId('signin').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
