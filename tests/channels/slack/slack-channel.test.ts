import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import express from 'express';
import { createGiftbot } from '../../../src/app/create-giftbot';
import { jsonLogger } from '../../../src/app/logger';
import { createSlackChannel, SLACK_EVENTS_PATH, type SlackChannel } from '../../../src/channels/slack/slack-channel';
import { loadConfig } from '../../../src/config/config';
import { MemoryLog } from '../../../src/core/record-log';
import { ROOT } from '../../helpers/paths';
import { close, listen, startFakeSlackApi, type ApiCall, type FakeSlackApi } from './fake-slack-api';

/**
 * The Slack channel over real HTTP: signed requests shaped like Slack's recorded payloads go to
 * the channel's router in an express app on loopback; Bolt's Web API client posts the replies to
 * a fake Slack API, also on loopback, whose recorded calls the tests wait for.
 */
const SECRET = 'test-signing-secret-8f14e45fceea167a';
const TOKEN = 'xoxb-test-token-0001';
const BOT = 'U0GIFTBOT';
const TEAM = 'T0GIFT';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

let api: FakeSlackApi;
let server: Server;
let channel: SlackChannel;
let giftbot: ReturnType<typeof createGiftbot>;
let endpoint: string;
const logs: Array<Record<string, unknown>> = [];
let nextEvent = 1;
let nextTs = 1;

beforeAll(async () => {
  api = await startFakeSlackApi();
  const log = jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  giftbot = createGiftbot(loadConfig({}), { root: ROOT, log, storage: new SlowStorage(), audit: new MemoryLog(), notes: new MemoryLog() });
  channel = createSlackChannel({ signingSecret: SECRET, botToken: TOKEN, botUserId: BOT, slackApiUrl: api.url, giftbot, log });
  giftbot.routes.register('slack', (reference, run) => channel.continueConversation(reference, run)); // as the server does
  const app = express();
  app.use(channel.router);
  server = await listen(app);
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SLACK_EVENTS_PATH}`;
});

afterAll(async () => {
  await channel.stop();
  await close(server);
  await api.close();
});

describe('requests', () => {
  test('when Slack verifies the URL, then the challenge is answered', async () => {
    const response = await post(JSON.stringify({ token: 'legacy', challenge: 'c-3a7d9f', type: 'url_verification' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-3a7d9f' });
  });

  test('when a request is not signed, then it gets 401 and no turn runs', async () => {
    const body = mention('C0UNSIGNED', ts(), 'sell my $20 steam card');
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(401);
    await settle();
    expect(turnsIn('C0UNSIGNED')).toEqual([]);
    expect(callsIn('C0UNSIGNED')).toEqual([]);
  });

  test('when a request is signed with another secret, then it gets 401 and no turn runs', async () => {
    const response = await post(mention('C0FORGED', ts(), 'sell my $20 steam card'), { secret: 'not-the-signing-secret' });
    expect(response.status).toBe(401);
    await settle();
    expect(turnsIn('C0FORGED')).toEqual([]);
    expect(callsIn('C0FORGED')).toEqual([]);
  });

  test('when a signed body is altered, then it gets 401 and no turn runs', async () => {
    const original = mention('C0ALTERED', ts(), 'hello');
    const headers = signature(original, SECRET, now());
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: original.replace('hello', 'sell my $20 steam card') });
    expect(response.status).toBe(401);
    await settle();
    expect(turnsIn('C0ALTERED')).toEqual([]);
  });

  test('when a correctly signed request is older than five minutes, then it gets 401 and no turn runs', async () => {
    const response = await post(mention('C0REPLAYED', ts(), 'sell my $20 steam card'), { timestamp: now() - 5 * 60 - 30 });
    expect(response.status).toBe(401);
    await settle();
    expect(turnsIn('C0REPLAYED')).toEqual([]);
    expect(callsIn('C0REPLAYED')).toEqual([]);
  });

  test('when a body parser mounted earlier has read the request, then it is refused and the log says to mount the router first', async () => {
    const app = express();
    app.use(express.json());
    app.use(channel.router);
    const misordered = await listen(app);
    try {
      const body = JSON.stringify({ token: 'legacy', challenge: 'c-misordered', type: 'url_verification' });
      const url = `http://127.0.0.1:${(misordered.address() as AddressInfo).port}${SLACK_EVENTS_PATH}`;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signature(body, SECRET, now()) }, body });
      expect(response.status).toBe(500);
      expect(logs).toContainEqual(expect.objectContaining({ level: 'error', event: 'slack-body-already-read' }));
    } finally {
      await close(misordered);
    }
  });
});

describe('channels', () => {
  test('when the bot is mentioned with a card to sell, then the reply in the thread has the deep link button', async () => {
    const root = ts();
    const response = await post(mention('C0SUPPORT', root, `<@${BOT}> sell my $20 steam card`));
    expect(response.status).toBe(200);

    const linked = await until(() => callsIn('C0SUPPORT').find((call) => linkButtons(call).length > 0));
    const [url] = linkButtons(linked);
    expect(linked.method).toBe('chat.postMessage');
    expect(linked.token).toBe(TOKEN);
    expect(linked.args.thread_ts).toBe(root);
    expect(url).toContain('https://marketplace.example/sell?');
    expect(url).toContain('brand=steam');
    expect(url).toContain('amount=20.00');
    expect(url).toContain('utm_medium=slack');
    for (const call of callsIn('C0SUPPORT')) expect(call.args.thread_ts).toBe(root);
    expect(turnsIn('C0SUPPORT')).toEqual([{ conversation: `slack:${TEAM}:C0SUPPORT:${root}`, kind: 'mention' }]);
  });

  test('when a code is pasted in a channel, then only its sender is warned that it is exposed, and no message carries it', async () => {
    const code = 'ABCDE-12345-FGHJK-67890-LMNPQ';
    const root = ts();
    await post(mention('C0CODES', root, `<@${BOT}> is this code ok? ${code}`, BOB));

    const warning = await until(() => callsIn('C0CODES').find((call) => call.method === 'chat.postEphemeral'));
    expect(warning.args).toMatchObject({ channel: 'C0CODES', user: BOB, thread_ts: root });
    expect(String(warning.args.text)).toContain('Treat that code as exposed');
    await until(() => callsIn('C0CODES').some((call) => call.method === 'chat.postMessage'));
    await settle();
    for (const call of api.calls) expect(JSON.stringify(call.args)).not.toContain('12345');
    const publicly = callsIn('C0CODES').filter((call) => call.method === 'chat.postMessage');
    for (const call of publicly) expect(String(call.args.text)).not.toContain('exposed');
  });

  test('when a channel message does not mention the bot, or comes from a bot, then no turn runs', async () => {
    await post(envelope({ type: 'message', channel_type: 'channel', channel: 'C0CHATTER', user: ALICE, text: 'sell my $20 steam card', ts: ts() }));
    await post(envelope({ type: 'app_mention', channel: 'C0CHATTER', user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: `<@${BOT}> sell`, ts: ts() }));
    // A message that does reach the bot, as a marker that the ones before it have been handled.
    await post(mention('C0CHATTER', ts(), `<@${BOT}> hello`));
    await until(() => callsIn('C0CHATTER').length > 0);
    expect(turnsIn('C0CHATTER').map((turn) => turn.kind)).toEqual(['mention']);
  });
});

describe('direct messages', () => {
  test('when a person messages the bot and clicks one of its buttons, then the click is answered in the same conversation', async () => {
    const dm = 'D0ALICE';
    await post(direct(dm, 'hi'));
    const menu = await until(() => callsIn(dm).find((call) => choiceButtons(call).includes('Sell or swap a card')));
    expect(menu.args.thread_ts).toBeUndefined();

    const before = callsIn(dm).length;
    const response = await post(click(dm, menu, 'Sell or swap a card'), { form: true });
    expect(response.status).toBe(200);
    const answer = await until(() => callsIn(dm).slice(before).find((call) => String(call.args.text).includes("don't redeem it")));
    expect(answer.args.thread_ts).toBeUndefined();
    expect(turnsIn(dm)).toEqual([
      { conversation: `slack:${TEAM}:${dm}`, kind: 'direct' },
      { conversation: `slack:${TEAM}:${dm}`, kind: 'button' },
    ]);
  });

  test('when a code is pasted in a direct message, then the warning is an ordinary message', async () => {
    const dm = 'D0CAROL';
    await post(direct(dm, 'my code ABCDE-12345-FGHJK-67890-LMNPQ says already redeemed'));
    const warning = await until(() => callsIn(dm).find((call) => String(call.args.text).includes('keep those private')));
    expect(warning.method).toBe('chat.postMessage');
    expect(api.calls.filter((call) => call.args.channel === dm && call.method === 'chat.postEphemeral')).toEqual([]);
  });

  test('when a direct message is an edit, a bot message or a join, then no turn runs', async () => {
    const dm = 'D0DAVE';
    await post(direct(dm, 'hello', { subtype: 'message_changed' }));
    await post(direct(dm, 'hello', { bot_id: 'B0OTHER', subtype: 'bot_message' }));
    await post(direct(dm, 'hello', { user: BOT }));
    await post(direct(dm, 'hello'));
    await until(() => callsIn(dm).length > 0);
    expect(turnsIn(dm).length).toBe(1);
  });

  test('when a link button is clicked, then it is acknowledged and no turn runs', async () => {
    const dm = 'D0ERIN';
    const message: ApiCall = { method: 'chat.postMessage', args: { channel: dm, blocks: [] }, token: TOKEN, ts: ts() };
    const response = await post(click(dm, message, undefined), { form: true });
    expect(response.status).toBe(200);
    await settle();
    expect(turnsIn(dm)).toEqual([]);
  });
});

describe('delivery', () => {
  test('when Slack retries an event already received, then its turn runs once', async () => {
    const body = mention('C0RETRY', ts(), `<@${BOT}> sell my $20 steam card`);
    expect((await post(body)).status).toBe(200);
    expect((await post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    await until(() => logs.some((line) => line.event === 'slack-duplicate' && String(line.conversation).includes('C0RETRY')));
    await until(() => callsIn('C0RETRY').some((call) => linkButtons(call).length > 0));
    await settle();
    expect(turnsIn('C0RETRY').length).toBe(1);
    expect(callsIn('C0RETRY').filter((call) => linkButtons(call).length > 0).length).toBe(1);
  });

  test('when messages of one conversation arrive together, then their turns run one after the other', async () => {
    const dm = 'D0FRANK';
    await Promise.all([post(direct(dm, 'I want to sell my amazon card')), post(direct(dm, 'help'))]);
    const said = (text: string) => () => callsIn(dm).some((call) => String(call.args.text).includes(text));
    await until(said('What would you like to do?'));
    await until(said("What's the balance on the card?"));
    await settle();
    // The second turn read what the first saved, so the greeting came exactly once.
    const greetings = callsIn(dm).filter((call) => String(call.args.text).includes("Hi, I'm giftbot"));
    expect(greetings.length).toBe(1);
  });

  test('when Slack refuses a post, then the error is logged and the channel keeps answering', async () => {
    api.failNext('chat.postMessage', 'channel_not_found');
    const root = ts();
    await post(mention('C0REFUSED', root, `<@${BOT}> sell my $20 steam card`));
    await until(() => callsIn('C0REFUSED').some((call) => linkButtons(call).length > 0));
    const error = logs.find((line) => line.event === 'slack-api-error' && String(line.conversation).includes('C0REFUSED'));
    expect(error).toMatchObject({ method: 'chat.postMessage', error: 'channel_not_found' });
    const response = await post(JSON.stringify({ token: 'legacy', challenge: 'still-up', type: 'url_verification' }));
    expect(await response.json()).toEqual({ challenge: 'still-up' });
  });

  test('when the channel logs, then no line holds message text or the token', async () => {
    const lines = logs.filter((line) => String(line.event).startsWith('slack')).map((line) => JSON.stringify(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain('steam');
      expect(line).not.toContain('12345');
      expect(line).not.toContain(TOKEN);
    }
  });
});

describe('a support agent reaching a Slack conversation', () => {
  test('when an agent accepts and writes, then the customer gets both in their direct message, in order', async () => {
    await post(direct('D0HANDOFF', 'talk to a person'));
    await until(() => callsIn('D0HANDOFF').find((c) => String(c.args.text).includes('In one line')));
    await post(direct('D0HANDOFF', 'my card was charged twice'));
    await until(() => callsIn('D0HANDOFF').find((c) => String(c.args.text).includes('in the queue')));
    const request = (await giftbot.handoff.waiting()).find((r) => r.summary === 'my card was charged twice')!;
    const alice = { id: 'token:Alice', name: 'Alice' };
    expect(await giftbot.handoff.accept(alice, request.id)).toMatchObject({ ok: true });
    expect(await giftbot.handoff.agentSays(alice, request.id, 'Hello from support <b>team</b>')).toMatchObject({ ok: true });
    const texts = () => callsIn('D0HANDOFF').map((c) => String(c.args.text));
    await until(() => texts().some((t) => t.includes('Alice: Hello from support team')));
    const joined = texts().findIndex((t) => t.includes('Alice from the support team has joined'));
    expect(joined).toBeGreaterThan(-1);
    expect(joined).toBeLessThan(texts().findIndex((t) => t.includes('Alice: Hello from support')));
    expect(callsIn('D0HANDOFF').every((c) => c.method === 'chat.postMessage' && c.args.thread_ts === undefined)).toBe(true);
  });

  test('when the request came from a channel thread, then the agent messages go into that thread', async () => {
    const thread = ts();
    await post(mention('C0HANDOFF', thread, `<@${BOT}> talk to a person`));
    await until(() => callsIn('C0HANDOFF').find((c) => String(c.args.text).includes('In one line')));
    const reply = ts();
    await post(envelope({ type: 'app_mention', client_msg_id: `m-${reply}`, channel: 'C0HANDOFF', user: ALICE, text: `<@${BOT}> wrong region on my card`, ts: reply, thread_ts: thread }));
    await until(() => callsIn('C0HANDOFF').find((c) => String(c.args.text).includes('in the queue')));
    const request = (await giftbot.handoff.waiting()).find((r) => r.summary === 'wrong region on my card')!;
    const bob = { id: 'token:Bob', name: 'Bob' };
    await giftbot.handoff.accept(bob, request.id);
    await giftbot.handoff.agentSays(bob, request.id, 'Which country is the card from?');
    const said = await until(() => callsIn('C0HANDOFF').find((c) => String(c.args.text).includes('Bob: Which country')));
    expect(said.args.thread_ts).toBe(thread);
  });
});

/**
 * State that takes a few milliseconds to read and write, as a database does: turns of one
 * conversation that ran side by side would both read the state before either saved it.
 */
class SlowStorage extends MemoryStorage {
  override async read(keys: string[]): Promise<StoreItems> {
    await pause(10);
    return super.read(keys);
  }

  override async write(changes: StoreItems): Promise<void> {
    await pause(10);
    return super.write(changes);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// --- payloads, shaped like the ones Slack sends ---

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function ts(): string {
  return `1718000000.${String(nextTs++).padStart(6, '0')}`;
}

function envelope(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEAM,
    context_team_id: TEAM,
    api_app_id: 'A0GIFTBOT',
    event: { team: TEAM, event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: `Ev0${String(nextEvent++).padStart(8, '0')}`,
    event_time: 1718000000,
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  });
}

function mention(channelId: string, messageTs: string, text: string, user = ALICE): string {
  return envelope({ type: 'app_mention', client_msg_id: `m-${messageTs}`, channel: channelId, user, text, ts: messageTs });
}

function direct(channelId: string, text: string, extra: Record<string, unknown> = {}): string {
  return envelope({ type: 'message', channel_type: 'im', client_msg_id: `m-${nextTs}`, channel: channelId, user: ALICE, text, ts: ts(), ...extra });
}

/** A block_actions payload for a click on `label` (or on a link button when undefined) in `message`. */
function click(channelId: string, message: ApiCall, label: string | undefined): string {
  const action = label === undefined
    ? { action_id: 'link', block_id: 'b1', type: 'button', text: { type: 'plain_text', text: 'Continue on the marketplace' }, url: 'https://marketplace.example/sell', action_ts: '1718000200.000001' }
    : { action_id: 'choice-2', block_id: 'b1', type: 'button', text: { type: 'plain_text', text: label }, value: label, action_ts: '1718000200.000001' };
  return JSON.stringify({
    type: 'block_actions',
    user: { id: ALICE, username: 'alice', name: 'alice', team_id: TEAM },
    api_app_id: 'A0GIFTBOT',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: channelId, is_ephemeral: false },
    trigger_id: '1718000200.1.abcdef',
    team: { id: TEAM, domain: 'giftco' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'directmessage' },
    message: { type: 'message', user: BOT, ts: message.ts, bot_id: 'B0GIFTBOT', text: message.args.text, team: TEAM, blocks: message.args.blocks },
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${TEAM}/1/abc`,
    actions: [action],
  });
}

// --- HTTP ---

function signature(body: string, secret: string, timestamp: number): Record<string, string> {
  const hash = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${hash}` };
}

/** Posts `payload` signed as Slack does: JSON for events, `payload=` form encoding for interactivity. */
function post(payload: string, options: { secret?: string; timestamp?: number; form?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  const body = options.form ? `payload=${encodeURIComponent(payload)}` : payload;
  const contentType = options.form ? 'application/x-www-form-urlencoded' : 'application/json';
  const headers = { 'content-type': contentType, ...signature(body, options.secret ?? SECRET, options.timestamp ?? now()), ...options.headers };
  return fetch(endpoint, { method: 'POST', headers, body });
}

// --- what happened ---

function callsIn(channelId: string): ApiCall[] {
  return api.calls.filter((call) => call.args.channel === channelId);
}

function turnsIn(channelId: string): Array<{ conversation: unknown; kind: unknown }> {
  return logs
    .filter((line) => line.event === 'slack-turn' && String(line.conversation).includes(`:${channelId}`))
    .map((line) => ({ conversation: line.conversation, kind: line.kind }));
}

type Button = { type: string; value?: string; url?: string; action_id?: string };

function buttons(call: ApiCall): Button[] {
  const blocks = Array.isArray(call.args.blocks) ? (call.args.blocks as Array<{ type: string; elements?: Button[] }>) : [];
  return blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);
}

function linkButtons(call: ApiCall): string[] {
  return buttons(call).flatMap((button) => (button.url ? [button.url] : []));
}

function choiceButtons(call: ApiCall): string[] {
  return buttons(call).flatMap((button) => (button.value ? [button.value] : []));
}

/** Polls until `check` returns something truthy; fails after `timeoutMs`. */
async function until<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; calls so far: ${JSON.stringify(api.calls.map((c) => [c.method, c.args.channel, c.args.text]))}`);
    await pause(20);
  }
}

/** Gives anything still in flight time to (wrongly) happen before asserting that it did not. */
function settle(): Promise<void> {
  return pause(150);
}
