// Part of `npm run build`: copies the browser files giftbot serves from npm packages into
// dist/bundles/, so a production install needs neither package (botframework-webchat alone is
// 177 MB of node_modules for one 3.9 MB file). src/channels/web/web-router.ts serves these copies
// when present, else the packages' own files (a checkout that was never built, tests from src/).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What is copied: the served name in dist/bundles/ ← the file inside node_modules. */
const BUNDLES = {
  'webchat.js': ['botframework-webchat', 'dist', 'webchat.js'],
  'teams-js.js': ['@microsoft', 'teams-js', 'dist', 'umd', 'MicrosoftTeams.min.js'],
  'chart.js': ['chart.js', 'dist', 'chart.umd.min.js'],
};

const out = path.join(root, 'dist', 'bundles');
mkdirSync(out, { recursive: true });
for (const [name, parts] of Object.entries(BUNDLES)) {
  const from = path.join(root, 'node_modules', ...parts);
  // A build without the dev dependencies would ship a widget that can't load: stop it here.
  if (!existsSync(from)) {
    process.stderr.write(`copy-bundles: ${path.relative(root, from)} is missing; install the dev dependencies (npm ci) before npm run build\n`);
    process.exit(1);
  }
  copyFileSync(from, path.join(out, name));
}
