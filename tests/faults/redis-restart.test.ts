import { Redis } from 'ioredis';
import { silentLogger } from '../../src/core/logger';
import { RedisConnection } from '../../src/storage/redis/redis-connection';
import { RedisTranscriptStore } from '../../src/storage/redis/redis-transcript-store';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { eventually, postJson } from '../helpers/server';
import { startDurableRedis, type DurableRedis } from './durable-redis';
import { buildIfStale, startInstance, type GiftbotInstance } from './giftbot-instance';

/**
 * Redis dies under load and comes back, and giftbot is not restarted. Two instances (separate
 * processes of the real bin) share one Redis; six customers keep talking, each post landing on
 * either instance. Redis is SIGKILLed while turns are in flight and stays down a few seconds, then
 * starts again on the same port with the same data. While it is down every post is refused 503 in
 * the documented JSON, and both processes keep running and answering /healthz; afterwards they
 * reconnect by themselves and each conversation goes on from the step it was at, with nothing
 * half-written left behind by the turns the crash cut short.
 *
 * Redis runs with its append-only file on (see durable-redis.ts): without it a restart comes back
 * empty, and "the same conversations continue" could not even be asked of giftbot.
 */
const CUSTOMERS = 6;
/** How long Redis stays down: long enough for every customer to be refused a few times. */
const OUTAGE_MS = 3000;
/** Between one customer's posts: two instances × 2 posts a second stays within the per-conversation rate limit. */
const PACE_MS = 250;
const RETRY_MS = 150;

// A redeem walkthrough is a conversation whose every answer depends on the state the turn before
// saved: a lost, doubled or half-applied turn shows as a step skipped or repeated.
const CYCLE = ['redeem my steam card', 'done', 'done', 'done', 'done', 'done'];
const REPLIES = ['Step 1 of 5:', 'Step 2 of 5:', 'Step 3 of 5:', 'Step 4 of 5:', 'Step 5 of 5:', 'All done!'];

type Activity = { id: string; type: string; text?: string; replyToId?: string; from: { id: string }; channelData?: { attempt?: string; clientActivityID?: string } };

interface Attempt {
  /** Sent in channelData, to find the post in the conversation afterwards. */
  tag: string;
  /** The message it is a try of: the same on every try, as Web Chat sends it. */
  message: string;
  status: number;
  retryAfter: string | null;
  body: string;
}

interface Talker {
  name: string;
  token: string;
  id: string;
  attempts: Attempt[];
  /** Posts answered 200. */
  answered: number;
}

let redis: DurableRedis;
let a: GiftbotInstance;
let b: GiftbotInstance;
let watcher: Customer | undefined;
/** For reading transcripts with giftbot's own store: what an agent would be shown. */
let connection: RedisConnection | undefined;

beforeAll(async () => {
  await buildIfStale();
  redis = await startDurableRedis();
  [a, b] = await Promise.all([startInstance({ REDIS_URL: redis.url }), startInstance({ REDIS_URL: redis.url })]);
}, 90_000);

afterAll(async () => {
  watcher?.end();
  await connection?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
}, 30_000);

/** Everyone's pause between posts ends early when `wake` is called: how the test makes a burst. */
let wake: () => void = () => undefined;
let woken = new Promise<void>((resolve) => (wake = resolve));
function burst(): void {
  wake();
  woken = new Promise<void>((resolve) => (wake = resolve));
}
const pause = (ms: number, early = false) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
    if (early) void woken.then(resolve);
  });

/**
 * Wakes every customer at once and SIGKILLs Redis part way through their commands (seen with
 * MONITOR), at a moment a turn surely holds its conversation's lock. MONITOR lines arrive late, so
 * "a lock was just granted" can be stale by the time the test reads it (on a loaded machine the burst
 * was sometimes over, and no turn was cut short). So, past `commands`, Redis is frozen (SIGSTOP:
 * nothing more runs), the lines it already sent are let in, and it is killed only if some lock
 * taken (SET … NX) has not been released (a script on its key) — else thawed to try again.
 */
async function crashMidBurst(commands: number): Promise<void> {
  const monitor = await new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null }).monitor();
  monitor.on('error', () => undefined);
  let seen = 0;
  let checking = false;
  const held = new Set<string>();
  const crashed = new Promise<void>((resolve) => {
    const check = async () => {
      redis.freeze();
      await pause(200);
      if (held.size > 0) return void redis.crash().then(resolve);
      redis.thaw();
      checking = false;
    };
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      // Commands a script runs inside Redis are shown too ("lua"); only giftbot's own count.
      if (source === 'lua') return;
      const command = String(args[0]).toLowerCase();
      if (command === 'set' && args.some((arg) => String(arg).toUpperCase() === 'NX')) held.add(String(args[1]));
      else if (command.startsWith('eval')) for (const arg of args) held.delete(String(arg));
      if (++seen >= commands && held.size > 0 && !checking) {
        checking = true;
        void check();
      }
    });
  });
  burst();
  await crashed;
  monitor.disconnect();
}

async function open(name: string, issuer: GiftbotInstance, starter: GiftbotInstance): Promise<Talker> {
  const { body } = await postJson(`${issuer.url}/v3/directline/tokens/generate`, {});
  const started = await postJson(`${starter.url}/v3/directline/conversations`, {}, { Authorization: `Bearer ${body.token}` });
  expect(started.status).toBe(201);
  return { name, token: body.token, id: body.conversationId, attempts: [], answered: 0 };
}

/**
 * Posts the walkthrough's next answer, alternating instances, until told to stop. Like the website's
 * Web Chat, each message carries a clientActivityID and a refused one is sent again with the same
 * one: so when Redis kept a post but died before it could say so (the reply is what got lost), the
 * retry is told the post's id instead of posting it twice. A 409 (a retry while the first try's
 * claim is still being freed) is tried again too.
 */
async function talk(talker: Talker, stopped: () => boolean): Promise<void> {
  for (let n = 0; !stopped(); n++) {
    const text = CYCLE[talker.answered % CYCLE.length]!;
    const tag = `${talker.name}-${n}`;
    const on = n % 2 === 0 ? a : b;
    const message = `${talker.name}-message-${talker.answered}`;
    let attempt: Attempt;
    try {
      const res = await fetch(`${on.url}/v3/directline/conversations/${talker.id}/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${talker.token}` },
        body: JSON.stringify({ type: 'message', from: { id: 'u' }, text, channelData: { attempt: tag, clientActivityID: message } }),
      });
      attempt = { tag, message, status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
    } catch (err) {
      // The instance itself could not be reached: recorded, and the assertions below fail on it.
      attempt = { tag, message, status: 0, retryAfter: null, body: String(err) };
    }
    talker.attempts.push(attempt);
    if (attempt.status === 200) talker.answered++;
    await pause(attempt.status === 200 ? PACE_MS : RETRY_MS, true);
  }
}

async function activities(on: GiftbotInstance, talker: Talker): Promise<Activity[]> {
  const res = await fetch(`${on.url}/v3/directline/conversations/${talker.id}/activities`, { headers: { Authorization: `Bearer ${talker.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Activity[] }).activities;
}

const refusedSince = (talker: Talker, from: number) => talker.attempts.slice(from).filter((x) => x.status === 503).length;

describe('Redis restarts under load', () => {
  test('when Redis is killed mid-turn and comes back, then posts meanwhile get 503 JSON, nothing dies, and every conversation goes on where it was with nothing half-written', async () => {
    const talkers = await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => open(`c${i}`, i % 2 === 0 ? a : b, i % 2 === 0 ? b : a)));
    // One customer also listens on A's WebSocket, as the website widget does.
    watcher = directLineClient({ domain: `${a.url}/v3/directline`, token: talkers[0]!.token, conversationId: talkers[0]!.id, webSocket: true });
    let stopped = false;
    const talking = talkers.map((talker) => talk(talker, () => stopped));

    try {
      await eventually(() => talkers.every((t) => t.answered >= 3) || undefined, 15_000, 'every customer to be answered a few times');
      // Everyone posts at once, and Redis dies part way through the commands their turns send: turns
      // are cut short at every stage, some after reading their state, some holding their lock.
      await crashMidBurst(CUSTOMERS * 5);
      const downSince = Date.now();
      const atCrash = talkers.map((t) => t.attempts.length);

      // While Redis is down: every customer is refused, the processes live and say they're up.
      await eventually(() => talkers.every((t, i) => refusedSince(t, atCrash[i]!) >= 3) || undefined, OUTAGE_MS + 5000, 'every customer to be refused a few times');
      for (const instance of [a, b]) {
        const health = await fetch(`${instance.url}/healthz`);
        expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });
        expect(instance.alive()).toBe(true);
      }
      await pause(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
      const atRestart = talkers.map((t) => t.answered);
      await redis.start();
      // Reconnecting takes at most the 2 s backoff cap; a conversation whose cut-short turn left its
      // lock behind would wait out the rest of the lock's 15 s.
      await eventually(() => talkers.every((t, i) => t.answered > atRestart[i]!) || undefined, 7000, 'every conversation to be answered again within 7 s of the restart');

      // Back, without restarting giftbot: each conversation gets through a whole walkthrough again.
      await eventually(() => talkers.every((t, i) => t.answered >= atRestart[i]! + CYCLE.length) || undefined, 20_000, 'every customer to be answered again after the restart');
    } finally {
      stopped = true;
      burst();
      await Promise.all(talking);
    }

    connection = await RedisConnection.open({ url: redis.url, log: silentLogger });
    const transcripts = new RedisTranscriptStore(connection, { days: 30 });
    for (const talker of talkers) {
      expect(talker.attempts.filter((x) => ![200, 409, 503].includes(x.status))).toEqual([]);
      const refused = talker.attempts.filter((x) => x.status === 503);
      expect(refused.length).toBeGreaterThanOrEqual(3);
      for (const attempt of refused) {
        expect(attempt.retryAfter).toBe('5');
        expect(JSON.parse(attempt.body)).toEqual({ error: { code: 'ServiceUnavailable', message: expect.stringContaining('try again in a moment') } });
      }

      // Both instances read the same conversation, each activity once.
      const all = await activities(a, talker);
      expect((await activities(b, talker)).map((x) => x.id)).toEqual(all.map((x) => x.id));
      expect(new Set(all.map((x) => x.id)).size).toBe(all.length);

      // Exactly the messages the customer was told were taken are in it, each once, in the order
      // sent, with the id they were told; none the customer was only ever refused.
      const posts = all.filter((x) => x.from.id !== 'giftbot');
      const accepted = talker.attempts.filter((x) => x.status === 200);
      expect({ customer: talker.name, stored: posts.map((x) => x.channelData?.clientActivityID) }).toEqual({ customer: talker.name, stored: accepted.map((x) => x.message) });
      expect(posts.map((x) => x.id)).toEqual(accepted.map((x) => JSON.parse(x.body).id));
      // And each was stored by a try of that very message (a refused try only when a retry was told its id).
      for (const post of posts) expect(talker.attempts.find((x) => x.tag === post.channelData?.attempt)?.message).toBe(post.channelData?.clientActivityID);

      // Each post has the reply its step calls for, and the bot said nothing else after the greeting:
      // the state every turn saved is the state the customer was shown.
      const replies = (post: Activity) => all.filter((x) => x.from.id === 'giftbot' && x.replyToId === post.id).map((x) => x.text ?? '');
      const steps = posts.map((post, i) => (replies(post).some((text) => text.startsWith(REPLIES[i % REPLIES.length]!)) ? 'as expected' : replies(post)));
      expect({ customer: talker.name, steps }).toEqual({ customer: talker.name, steps: posts.map(() => 'as expected') });
      const greeting = all.filter((x) => x.from.id === 'giftbot' && x.replyToId === `${talker.id}|join`);
      expect(greeting.length + posts.reduce((sum, post) => sum + replies(post).length, 0)).toBe(all.filter((x) => x.from.id === 'giftbot').length);

      // The transcript agents are shown holds the same messages: none for a turn that wasn't kept.
      const logged = (await transcripts.getTranscriptActivities('directline', talker.id)).items;
      expect(logged.filter((x) => x.type === 'message').map((x) => x.text)).toEqual(all.filter((x) => x.type === 'message').map((x) => x.text));
    }

    // The WebSocket on A, open through the outage, ends up with exactly what the conversation holds.
    const expected = (await activities(a, talkers[0]!)).filter((x) => x.from.id === 'giftbot').map((x) => x.text);
    await eventually(() => (watcher!.texts().length >= expected.length ? true : undefined), 10_000, 'the WebSocket to catch up');
    expect(watcher.texts()).toEqual(expected);

    // The crash did cut turns short: some held their conversation's lock when Redis went.
    expect([a, b].flatMap((instance) => instance.logs()).filter((line) => line.event === 'lock-release-failed').length).toBeGreaterThan(0);

    // Neither process died or was restarted, both logged the outage plainly, and nothing went
    // unhandled or printed a stack trace.
    for (const instance of [a, b]) {
      expect(instance.alive()).toBe(true);
      const logs = instance.logs();
      expect(logs.some((line) => line.event === 'directline-failed' && String(line.reason).startsWith('Redis is unavailable'))).toBe(true);
      // Connected at start and again after the restart, both clients (commands and subscriber).
      expect(logs.filter((line) => line.event === 'redis-connected').length).toBeGreaterThanOrEqual(4);
      expect(instance.stderr()).not.toMatch(/unhandled|uncaught/i);
      expect(instance.stderr()).not.toMatch(/^\s+at /m);
    }
  }, 55_000);
});
