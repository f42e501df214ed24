import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';

/** Where the browser finds the stand-in host: Teams' own origin, routed to the local host server. */
export const TEAMS_ORIGIN = 'https://teams.microsoft.com';

/** Who the host says is signed in (the SSO token's subject). */
export interface TeamsUser {
  oid: string;
  tid: string;
  upn: string;
}

export interface TeamsHost {
  /** The local address of the host server (for pages that must not be Teams). */
  url: string;
  /** A browser context where https://teams.microsoft.com is the stand-in host. */
  context(browser: Browser, viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * The stand-in Teams web client, served by a tiny node:http server: a page that frames `tabUrl()`
 * and answers the teams-js host protocol over postMessage (initialize, getContext,
 * authentication.getAuthToken with `tokenFor(query)`, registerHandler, themeChange), as Teams' web
 * client does. Why it is addressed as https://teams.microsoft.com: see tests/e2e/teams-tab.test.ts.
 */
export async function startTeamsHost(tabUrl: () => string, user: TeamsUser, tokenFor: (query: URLSearchParams) => string | null): Promise<TeamsHost> {
  const host: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (req.method !== 'GET' || url.pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(hostPage(tabUrl(), user, tokenFor(url.searchParams)));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  return {
    url: hostUrl,
    async context(browser, viewport = { width: 1280, height: 820 }) {
      const context = await browser.newContext({ viewport, permissions: ['local-network-access'] });
      await context.route(`${TEAMS_ORIGIN}/**`, async (route) => {
        const requested = new URL(route.request().url());
        const response = await route.fetch({ url: `${hostUrl}${requested.pathname}${requested.search}` });
        await route.fulfill({ response });
      });
      return context;
    },
    close: () => new Promise<void>((resolve) => host.close(() => resolve())),
  };
}

/** JSON safe inside an inline <script>. */
const inline = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The stand-in Teams web client: frames the tab and answers teams-js requests. teams-js posts
 * `{id, uuidAsString, func, args, apiVersionTag, timestamp, …}` to window.parent; a reply is
 * `{id, uuidAsString, args}` and an event from the host is `{func, args}` (no id).
 */
function hostPage(tabUrl: string, user: TeamsUser, token: string | null): string {
  const tabOrigin = new URL(tabUrl).origin;
  // Runtime config (apiVersion 4) with the capabilities the console uses.
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isNAAChannelRecommended: false,
    supports: { authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {}, logs: {} },
  };
  // The "legacy" context object the host sends; teams-js turns it into app.Context.
  const context = {
    theme: 'dark',
    locale: 'en-us',
    entityId: 'agent-console',
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
    appSessionId: 'test-app-session',
    userObjectId: user.oid,
    userPrincipalName: user.upn,
    loginHint: user.upn,
    tid: user.tid,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Microsoft Teams (test host)</title>
<style>
  html, body { margin: 0; height: 100%; background: #1f1f1f; color: #fff; font: 14px system-ui, sans-serif; }
  header { height: 40px; line-height: 40px; padding: 0 16px; background: #2b2b40; }
  iframe { display: block; border: 0; width: 100%; height: calc(100% - 40px); }
</style>
</head>
<body>
<header>Microsoft Teams — stand-in host for the giftbot tab</header>
<iframe id="tab" title="giftbot agent console" src="${tabUrl}" allow="clipboard-write"></iframe>
<script>
  const TAB_ORIGIN = ${inline(tabOrigin)};
  const TOKEN = ${inline(token)};
  const RUNTIME = ${inline(runtime)};
  const CONTEXT = ${inline(context)};
  const frame = document.getElementById('tab');
  window.hostLog = [];
  window.registered = [];
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== TAB_ORIGIN) return;
    const request = event.data;
    if (!request || typeof request.func !== 'string') return;
    window.hostLog.push({ id: request.id, uuidAsString: request.uuidAsString, func: request.func, args: request.args, apiVersionTag: request.apiVersionTag });
    const reply = (args) => frame.contentWindow.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, TAB_ORIGIN);
    switch (request.func) {
      case 'initialize':
        // [frameContext, hostClientType, runtimeConfig (JSON), clientSupportedSDKVersion]
        return reply(['content', 'web', JSON.stringify(RUNTIME), request.args[0]]);
      case 'getContext':
        return reply([CONTEXT]);
      case 'authentication.getAuthToken':
        // [success, token or reason]
        return reply(TOKEN ? [true, TOKEN] : [false, 'resourceRequiresConsent']);
      case 'registerHandler':
        window.registered.push(request.args[0]);
        return; // one-way
      default:
        return; // appInitialization.success and the like are one-way
    }
  });
  window.sendTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, TAB_ORIGIN);
</script>
</body>
</html>`;
}
