import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { runCli } from '../helpers/cli';
import { ROOT, scratchDir } from '../helpers/paths';
import { startTestServer } from '../helpers/server';

/**
 * `giftbot slack manifest` through the built bin (`npm run build` first), checked against Slack's
 * published app-manifest JSON Schema (tests/fixtures/slack/app-manifest.schema.json, from
 * github.com/slackapi/manifest-schema), and against what the Slack channel really listens to.
 */
const SLACK_DIR = path.join(ROOT, 'src', 'channels', 'slack');
const PUBLIC_URL = 'https://giftbot.example.com';
const schema = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'slack', 'app-manifest.schema.json'), 'utf8'));
// strict off: Slack's schema uses a non-standard `regex` keyword. Formats off: only its `$schema`
// property has one (uri), and the manifest has no `$schema`.
const validManifest = new Ajv({ strict: false, validateFormats: false }).compile(schema);

// A folder with no .env, so nothing but the variables given here reaches the command.
const scratch = scratchDir();
afterAll(() => scratch.cleanup());

// any: the manifest is whatever JSON the command printed; the schema checks its shape.
type Json = any;

function manifest(env: NodeJS.ProcessEnv, args: string[] = []): Json {
  const run = runCli(['slack', 'manifest', ...args], { cwd: scratch.dir, env });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** The manifest for PUBLIC_URL, printed once and shared by the tests that only read it. */
let printedOnce: Json;
const defaultManifest = (): Json => (printedOnce ??= manifest({ PUBLIC_URL }));

const slackSource = (): string => readdirSync(SLACK_DIR).map((file) => readFileSync(path.join(SLACK_DIR, file), 'utf8')).join('\n');

/** The Slack events the channel registers a listener for, as a manifest names them. */
function handledEvents(): string[] {
  const source = slackSource();
  const events = [...source.matchAll(/app\.event\('([\w.]+)'/g)].map((m) => m[1]!);
  expect(events.length).toBeGreaterThan(0);
  // The channel hears `message` only from a direct message (slack-inbound.ts: channel_type 'im'),
  // which is the manifest's `message.im`; any other use of `message` would need its own entry.
  expect(source).toMatch(/channel_type !== 'im'/);
  return events.map((event) => (event === 'message' ? 'message.im' : event)).sort();
}

/** The scope each event and Web API method the channel uses needs (api.slack.com › scopes). */
const SCOPE_FOR: Record<string, string> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
};

describe('giftbot slack manifest', () => {
  test('when PUBLIC_URL is an https address, then it prints a manifest valid by Slack’s published schema', () => {
    const printed = defaultManifest();
    expect(validManifest.errors ?? null).toBeNull();
    expect(validManifest(printed)).toBe(true);
    expect(printed.display_information.name).toBe('giftbot');
    expect(printed.features.bot_user.display_name).toBe('giftbot');
    expect(printed.features.app_home.messages_tab_enabled).toBe(true);
    expect(printed.settings.socket_mode_enabled).toBe(false);
    expect(printed.settings.interactivity.is_enabled).toBe(true);
  });

  test('when the schema is given a broken manifest, then it refuses it (the check can fail)', () => {
    const printed = defaultManifest();
    expect(validManifest({ ...printed, display_information: { description: 'no name' } })).toBe(false);
    expect(validManifest({ ...printed, settings: { ...printed.settings, interactivity: { request_url: 'ftp://x' } } })).toBe(false);
  });

  test('when Slack calls the Request URLs, then they are PUBLIC_URL plus the path the real server answers Slack on', async () => {
    const printed = manifest({ PUBLIC_URL: `${PUBLIC_URL}/support/` });
    const events = new URL(printed.settings.event_subscriptions.request_url);
    expect(events.origin).toBe(PUBLIC_URL);
    expect(events.pathname.startsWith('/support/')).toBe(true);
    expect(printed.settings.interactivity.request_url).toBe(events.href);

    // The path after PUBLIC_URL's own is where a real server with Slack configured takes a signed request.
    const secret = 'slack-signing-secret-manifest';
    const server = await startTestServer({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_BOT_USER_ID: 'U0GIFTBOT' });
    try {
      const body = JSON.stringify({ type: 'url_verification', challenge: 'manifest-check' });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const res = await fetch(`${server.url}${events.pathname.slice('/support'.length)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature },
        body,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ challenge: 'manifest-check' });
    } finally {
      await server.close();
    }
  });

  test('when the channel listens for events and posts replies, then the manifest subscribes exactly those events and asks exactly their scopes', () => {
    const printed = defaultManifest();
    const events = handledEvents();
    expect([...printed.settings.event_subscriptions.bot_events].sort()).toEqual(events);
    const methods = [...new Set([...slackSource().matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))];
    expect(methods.length).toBeGreaterThan(0);
    const needed = [...events, ...methods].map((what) => {
      expect({ what, scope: SCOPE_FOR[what] }).toEqual({ what, scope: expect.any(String) });
      return SCOPE_FOR[what]!;
    });
    expect([...printed.oauth_config.scopes.bot].sort()).toEqual([...new Set(needed)].sort());
  });

  test('when --name is given, then the app and its bot user carry it', () => {
    const printed = manifest({ PUBLIC_URL }, ['--name', 'Gift card help']);
    expect(printed.display_information.name).toBe('Gift card help');
    expect(printed.features.bot_user.display_name).toBe('Gift card help');
    expect(validManifest(printed)).toBe(true);
  });

  test.each([
    ['unset', '', /PUBLIC_URL: is not set/],
    ['http', 'http://giftbot.example.com', /PUBLIC_URL: must be an https URL/],
    ['localhost', 'https://localhost:3978', /PUBLIC_URL: must be a public address/],
    ['not a URL', 'giftbot.example.com', /PUBLIC_URL: must be an https URL/],
  ])('when PUBLIC_URL is %s, then it says what to fix on stderr, prints no manifest and exits 1', (_what, value, message) => {
    const run = runCli(['slack', 'manifest'], { cwd: scratch.dir, env: { PUBLIC_URL: value } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .+\.js:\d+/);
  });

  test('when the name is longer than Slack allows, then it says so and exits 1', () => {
    const run = runCli(['slack', 'manifest', '--name', 'x'.repeat(36)], { cwd: scratch.dir, env: { PUBLIC_URL } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--name: must be at most 35 characters/);
  });
});
