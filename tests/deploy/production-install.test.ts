import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { ROOT } from '../helpers/paths';
import { freePort } from '../helpers/serve-process';
import { eventually } from '../helpers/server';
import { validateOpenApi } from '../helpers/openapi-validator';

/** Slack's published app-manifest schema (see the fixture's header for where it came from). */
const slackManifestSchema = new Ajv({ strict: false, validateFormats: false }).compile(
  JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'slack', 'app-manifest.schema.json'), 'utf8')) as object,
);

/**
 * The production install path, as a deployment does it: a clean clone of the committed HEAD,
 * `npm ci --omit=dev` (install scripts on: prepare must not need TypeScript, better-sqlite3 must
 * get its binary), the dist/ built elsewhere copied in (here: this checkout's, from
 * `npm run build`), then `NODE_ENV=production giftbot serve` with the credentials production needs.
 * Slow (a minute or more): a real npm ci from the registry.
 */

const DEV_ONLY = ['typescript', 'botframework-webchat', 'react', 'react-dom', '@microsoft/teams-js', 'chart.js', 'jest', 'eslint'];

describe('a production install from a clean clone', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'giftbot-production-'));
  const clone = path.join(work, 'giftbot');
  let server: ChildProcess | undefined;
  let url = '';

  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  test('when npm ci --omit=dev runs on a clean clone, then it succeeds, skips the build and installs no dev dependency', () => {
    const started = Date.now();
    const cloned = spawnSync('git', ['clone', '--quiet', ROOT, clone], { encoding: 'utf8' });
    expect(cloned.stderr).toBe('');
    expect(cloned.status).toBe(0);
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts=false', '--no-audit', '--no-fund'], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${(install.stdout + install.stderr).slice(-4000)}`);
    expect(install.stdout).toContain('typescript is not installed (a production install), so dist/ is not built here');
    for (const devOnly of DEV_ONLY) expect(existsSync(path.join(clone, 'node_modules', devOnly))).toBe(false);
    expect(existsSync(path.join(clone, 'node_modules', 'jszip'))).toBe(true); // `giftbot manifest package` ships
    expect(existsSync(path.join(clone, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(path.join(clone, 'dist'))).toBe(false);
    const size = spawnSync('du', ['-sh', path.join(clone, 'node_modules')], { encoding: 'utf8' }).stdout.split('\t')[0];
    console.info(`production-install: npm ci --omit=dev took ${Math.round((Date.now() - started) / 1000)} s; node_modules is ${size}`);
  }, 10 * 60_000);

  test('when the built dist/ is copied in and NODE_ENV=production giftbot serve starts with credentials, then /healthz, /readyz and the Web Chat bundle (from dist/) answer 200 and the agent API\'s OpenAPI document validates', async () => {
    expect(existsSync(path.join(clone, 'node_modules'))).toBe(true); // the install above
    expect(existsSync(path.join(ROOT, 'dist', 'bundles', 'webchat.js'))).toBe(true); // run `npm run build` first
    cpSync(path.join(ROOT, 'dist', 'src'), path.join(clone, 'dist', 'src'), { recursive: true });
    cpSync(path.join(ROOT, 'dist', 'bundles'), path.join(clone, 'dist', 'bundles'), { recursive: true });
    const port = await freePort();
    // Only what a production host sets: no test variables inherited from this run.
    server = spawn(process.execPath, ['bin/giftbot.js', 'serve'], {
      cwd: clone,
      env: {
        PATH: process.env.PATH,
        HOME: work,
        NODE_ENV: 'production',
        PORT: String(port),
        DATA_DIR: path.join(work, 'data'),
        MicrosoftAppId: '00000000-0000-4000-8000-000000000002',
        MicrosoftAppPassword: 'production-install-test-password',
        AGENT_TOKENS: 'Support agent:production-install-agent-token',
        DIRECTLINE_SECRET: 'production-install-directline-secret',
      },
    });
    let out = '';
    let ended = false;
    server.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.on('exit', () => (ended = true));
    await eventually(() => {
      if (ended) throw new Error(`giftbot serve stopped before listening:\n${out.slice(-3000)}`);
      return out.includes('"event":"listening"') ? true : undefined;
    }, 60_000, 'the production server to listen');
    url = `http://127.0.0.1:${port}`;

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // botframework-webchat is not installed here: the bundle can only come from dist/bundles.
    const webchat = await fetch(`${url}/webchat/webchat.js`);
    expect(webchat.status).toBe(200);
    expect(webchat.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await webchat.arrayBuffer()).byteLength).toBe(statSync(path.join(clone, 'dist', 'bundles', 'webchat.js')).size);
    const teamsJs = await fetch(`${url}/agent/teams-js.js`);
    expect(teamsJs.status).toBe(200);
    // chart.js (the reports page) is a dev dependency too: served from dist/bundles.
    const chart = await fetch(`${url}/agent/chart.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await chart.arrayBuffer()).byteLength).toBe(statSync(path.join(clone, 'dist', 'bundles', 'chart.js')).size);


    // Ready: storage answers a round trip and the knowledge base is loaded.
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { storage: 'ok', knowledge: 'ok' } });

    // The agent API's description, served by the production install, passes an OpenAPI validator.
    const described = await fetch(`${url}/api/agent/openapi.json`);
    expect(described.status).toBe(200);
    const verdict = validateOpenApi(await described.json());
    expect({ valid: verdict.valid, version: verdict.version, errors: verdict.errors }).toEqual({ valid: true, version: '3.1', errors: null });
  }, 2 * 60_000);

  test('when giftbot slack manifest runs in the production install, then it prints a manifest valid against Slack\'s schema', () => {
    expect(existsSync(path.join(clone, 'dist', 'src'))).toBe(true); // the dist/ copied above
    const run = spawnSync(process.execPath, ['bin/giftbot.js', 'slack', 'manifest'], {
      cwd: clone,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: work, NODE_ENV: 'production', PUBLIC_URL: 'https://giftbot.example.com' },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const manifest: unknown = JSON.parse(run.stdout);
    const valid = slackManifestSchema(manifest);
    expect({ valid, errors: slackManifestSchema.errors ?? null }).toEqual({ valid: true, errors: null });
    expect(manifest).toMatchObject({ settings: { event_subscriptions: { request_url: 'https://giftbot.example.com/api/slack/events' } } });
  }, 60_000);
});
