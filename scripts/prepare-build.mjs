// npm's `prepare` (it runs after `npm ci` / `npm install` in a checkout): builds dist/ when the dev
// dependencies are installed, so the README's `npm ci && npm start` still works on a fresh clone.
// A production install (`npm ci --omit=dev`) has no TypeScript: it skips the build, because
// production copies in a dist/ built elsewhere (the Dockerfile's build stage, CI).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

try {
  createRequire(import.meta.url).resolve('typescript');
} catch {
  process.stdout.write('prepare: typescript is not installed (a production install), so dist/ is not built here\n');
  process.exit(0);
}
const npm = process.env.npm_execpath;
// Inside npm, npm_execpath is npm's own CLI script: run it with this node, so no PATH or shell is needed.
const build = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(build.status ?? 1);
