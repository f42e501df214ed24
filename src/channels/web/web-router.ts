import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** The repository's root, from the compiled file (dist/src/channels/web) or the source (src/channels/web). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/**
 * A browser file giftbot serves from an npm package: the copy `npm run build` puts in dist/bundles/
 * (scripts/copy-bundles.mjs), so production needs no 177 MB botframework-webchat; else, in a
 * checkout that was never built, the package's own file (its exports hide it from require.resolve,
 * so it goes by path).
 */
function bundledFile(root: string, name: string, ...packagePath: string[]): string {
  const copy = path.join(root, 'dist', 'bundles', name);
  return existsSync(copy) ? copy : path.join(root, 'node_modules', ...packagePath);
}

/**
 * The website side: `/` is a demo help-centre page of the marketplace with the widget on it,
 * `/widget.js` the one-line embed for any site, and `/webchat/webchat.js` the official Web Chat
 * bundle. `/agent/` is the support agent console; the same page is the Teams tab at
 * `/agent/teams.html` (with the Teams JS library at `/agent/teams-js.js`).
 */
export function webRouter(): Router {
  const root = packageRoot();
  const router = Router();
  const webchat = bundledFile(root, 'webchat.js', 'botframework-webchat', 'dist', 'webchat.js');
  router.get('/webchat/webchat.js', (_req, res) => {
    res.sendFile(webchat, { maxAge: '1d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });
  // The agent console as a Teams tab needs the Teams JS library; served like Web Chat.
  const teamsJs = bundledFile(root, 'teams-js.js', '@microsoft', 'teams-js', 'dist', 'umd', 'MicrosoftTeams.min.js');
  router.get('/agent/teams-js.js', (_req, res) => {
    res.sendFile(teamsJs, { maxAge: '1d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });
  // The reports page's charts (Chart.js, its UMD build: a global `Chart`, no bundler needed).
  const chartJs = bundledFile(root, 'chart.js', 'chart.js', 'dist', 'chart.umd.min.js');
  router.get('/agent/chart.js', (_req, res) => {
    res.sendFile(chartJs, { maxAge: '1d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });
  // Non-strict routing would match '/agent/' here too, so only the bare '/agent' redirects (no loop with the static index).
  router.get('/agent', (req, res, next) => {
    if (req.path !== '/agent') return next();
    const query = req.url.slice(req.path.length);
    res.redirect(302, `/agent/${query.startsWith('?') ? query : ''}`);
  });
  // One page is both the console and the Teams tab: it picks its host by this path, and the
  // security headers (by the same path) let only Teams frame it there.
  const consolePage = path.join(root, 'public', 'agent', 'index.html');
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isTeamsTabPath(req.path)) return next();
    res.sendFile(consolePage, { maxAge: '5m' });
  });
  router.use(express.static(path.join(root, 'public'), { index: 'index.html', maxAge: '5m' }));
  return router;
}

/**
 * The spellings the static files answered for the tab's file before it became the console's page
 * (decoded, `//` and dot segments resolved), so none of them changes answer.
 */
function isTeamsTabPath(urlPath: string): boolean {
  try {
    return path.posix.normalize(decodeURIComponent(urlPath)) === '/agent/teams.html';
  } catch {
    return false; // malformed percent-encoding: the static files refused it too
  }
}
