import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';

/**
 * `npm run bench:http`: 50 concurrent conversations against giftbot — through /api/messages
 * (expectReplies) and through the embedded Direct Line (polling by default; BENCH_DIRECTLINE=stream
 * reads the WebSocket as Web Chat does) — and against the baseline: the BotBuilder samples' bare
 * echo bot on plain express (bench/bare-echo-server.ts), which has only /api/messages. Each server
 * runs in its own process; rounds alternate between them in one run. Prints turns/s, p50/p99 and
 * errors for each, and giftbot's turns/s as a share of the echo bot's /api/messages turns/s (for
 * Direct Line too: the echo bot has no Direct Line to compare with).
 */
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 50);
/** Per measurement, split into rounds that alternate between the bots: the machine's noise hits all alike. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
/**
 * Pause between a reply and the next message. 0 (the default) is saturation: every conversation
 * fires again the moment it is answered, so latency is mostly queueing. People type; set
 * BENCH_THINK_MS to see latency at a paced load.
 */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
/** How Direct Line clients read replies: "poll" (GET by watermark, the default) or "stream" (WebSocket). */
const DIRECTLINE_MODE = process.env.BENCH_DIRECTLINE === 'stream' ? 'stream' : 'poll';
/** Node flags for both servers, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" (profiles are written when the servers stop). */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const think = () => (THINK_MS > 0 ? new Promise((resolve) => setTimeout(resolve, THINK_MS)) : Promise.resolve());
const TARGETS = { ratio: 0.6, p99Ms: 150 };
const SCRIPT = ['sell my amazon card', '50', 'redeem my steam card', 'done', 'done', 'how do i check my balance', 'start over'];

interface Result {
  latencies: number[];
  errors: number;
  seconds: number;
}

type Channel = 'directline' | 'api';
/** What each round measures: giftbot on both its channels, the echo bot on the one it has. */
const ALL_MEASURES: ReadonlyArray<{ bot: 'giftbot' | 'echo'; channel: Channel }> = [
  { bot: 'giftbot', channel: 'api' },
  { bot: 'echo', channel: 'api' },
  { bot: 'giftbot', channel: 'directline' },
];
/** BENCH_ONLY=api or =directline measures giftbot on that channel and the echo bot, nothing else (for profiling one path). */
const MEASURES = ALL_MEASURES.filter(({ bot, channel }) => !process.env.BENCH_ONLY || bot === 'echo' || channel === process.env.BENCH_ONLY);
const nameOf = (bot: string, channel: Channel) => `${bot} · ${channel === 'api' ? '/api/messages' : 'Direct Line'}`;

async function main(): Promise<number> {
  const servers = { giftbot: await startServerProcess('giftbot'), echo: await startServerProcess('echo') };
  const totals = new Map<string, Result>();
  try {
    for (const { bot, channel } of MEASURES) await load(`http://127.0.0.1:${servers[bot].port}`, channel, 3); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts one further along, so no measurement always follows the same one.
      for (let k = 0; k < MEASURES.length; k++) {
        const { bot, channel } = MEASURES[(round + k) % MEASURES.length]!;
        const result = await load(`http://127.0.0.1:${servers[bot].port}`, channel, SECONDS / ROUNDS);
        const name = nameOf(bot, channel);
        const total = totals.get(name) ?? { latencies: [], errors: 0, seconds: 0 };
        total.latencies.push(...result.latencies);
        total.errors += result.errors;
        total.seconds += result.seconds;
        totals.set(name, total);
      }
    }
  } finally {
    await Promise.all([stop(servers.giftbot.child), stop(servers.echo.child)]);
  }
  const rows = [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
  const rate = (r: Result) => r.latencies.length / r.seconds;
  const p = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))] ?? NaN;
  console.log(`${CONVERSATIONS} concurrent conversations, ${SECONDS} s per measurement in ${ROUNDS} alternating rounds, ${THINK_MS ? `${THINK_MS} ms between turns` : 'no pause between turns (saturation)'}, Direct Line ${DIRECTLINE_MODE === 'stream' ? 'over the WebSocket stream' : 'polling'}; echo = the bare BotBuilder echo bot on plain express`);
  for (const [name, r] of rows) {
    console.log(`${name.padEnd(28)} ${rate(r).toFixed(0).padStart(6)} turns/s  p50 ${p(r.latencies, 0.5).toFixed(1)} ms  p99 ${p(r.latencies, 0.99).toFixed(1)} ms  errors ${r.errors}`);
  }
  const echo = totals.get(nameOf('echo', 'api'))!;
  let ok = echo.errors === 0;
  for (const channel of ['api', 'directline'] as const) {
    const giftbot = totals.get(nameOf('giftbot', channel));
    if (!giftbot) continue;
    const ratio = rate(giftbot) / rate(echo);
    const p99 = p(giftbot.latencies, 0.99);
    const pass = ratio >= TARGETS.ratio && p99 <= TARGETS.p99Ms && giftbot.errors === 0;
    ok &&= pass;
    const against = channel === 'api' ? "the echo bot's" : "the echo bot's /api/messages";
    console.log(`${pass ? 'PASS' : 'FAIL'}  ${nameOf('giftbot', channel)}: ${(ratio * 100).toFixed(0)}% of ${against} turns/s (≥ ${TARGETS.ratio * 100}%), p99 ${p99.toFixed(1)} ms (≤ ${TARGETS.p99Ms}), errors ${giftbot.errors}`);
  }
  return ok ? 0 : 1;
}

// A plain keep-alive HTTP client: the load generator shares the 2 cores with the server, so it
// must cost as little as possible (fetch costs several times more per request). A fresh pool per
// measurement: a socket left idle while another bot was measured may be closing as it is reused.
let agent = new Agent({ keepAlive: true, maxSockets: 256 });

function call(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: unknown }> {
  // unknown: the benchmark only reads a field or two of what the server answers, naming their types where it does.
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: body ? { ...headers, 'Content-Length': Buffer.byteLength(body) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function startServerProcess(bot: 'giftbot' | 'echo'): Promise<{ port: number; child: ChildProcess }> {
  const script = bot === 'echo' ? ['bare-echo-server.js'] : ['http-server.js', 'giftbot'];
  const child = spawn(process.execPath, [...NODE_ARGS, path.join(__dirname, script[0]!), ...script.slice(1)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve({ port: Number(chunk.toString().trim()), child }));
    child.once('exit', (code) => reject(new Error(`${bot} server exited with ${code}`)));
  });
}

/** Waits for the exit, so a --cpu-prof profile is written before the run ends. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve()).kill('SIGTERM');
  });
}

async function load(base: string, channel: Channel, seconds: number): Promise<Result> {
  const until = Date.now() + seconds * 1000;
  const result: Result = { latencies: [], errors: 0, seconds };
  agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const started = Date.now();
  const directLine = DIRECTLINE_MODE === 'stream' ? directLineStreamConversation : directLinePollConversation;
  await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => (channel === 'directline' ? directLine(base, i, until, result) : apiConversation(base, i, until, result))));
  result.seconds = (Date.now() - started) / 1000;
  agent.destroy();
  return result;
}

/** As the official client does when polling: post the message, then read by watermark. */
async function directLinePollConversation(base: string, i: number, until: number, result: Result): Promise<void> {
  const dl = `${base}/v3/directline`;
  const { token } = (await call(`${dl}/tokens/generate`, 'POST', {})).json as { token: string };
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { conversationId } = (await call(`${dl}/conversations`, 'POST', auth)).json as { conversationId: string };
  let watermark = 0;
  for (let turn = 0; Date.now() < until; turn++) {
    const started = performance.now();
    try {
      const posted = await call(`${dl}/conversations/${conversationId}/activities`, 'POST', auth, JSON.stringify({ type: 'message', from: { id: `u${i}` }, text: SCRIPT[turn % SCRIPT.length] }));
      if (posted.status !== 200) throw new Error(String(posted.status));
      const read = (await call(`${dl}/conversations/${conversationId}/activities?watermark=${watermark}`, 'GET', auth)).json as { activities: unknown[]; watermark: string };
      watermark = Number(read.watermark);
      if (read.activities.length < 2) throw new Error('no reply'); // the echo of the message, then the bot
      result.latencies.push(performance.now() - started);
    } catch {
      result.errors++;
    }
    await think();
  }
}

/**
 * As Web Chat does: activities posted over HTTP, everything received on the WebSocket stream. A
 * turn counts once its post is answered and the bot's reply to it has arrived on the stream.
 */
async function directLineStreamConversation(base: string, i: number, until: number, result: Result): Promise<void> {
  const dl = `${base}/v3/directline`;
  const { token } = (await call(`${dl}/tokens/generate`, 'POST', {})).json as { token: string };
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { conversationId, streamUrl } = (await call(`${dl}/conversations`, 'POST', auth)).json as { conversationId: string; streamUrl: string };
  const repliedTo = new Set<string>();
  const socket = new WebSocket(streamUrl.replace('localhost', '127.0.0.1'));
  socket.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    for (const activity of (JSON.parse(data.toString()) as { activities: Array<{ replyToId?: string; from: { id: string } }> }).activities) {
      if (activity.from.id === 'giftbot' && activity.replyToId) repliedTo.add(activity.replyToId);
    }
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  for (let turn = 0; Date.now() < until; turn++) {
    const started = performance.now();
    try {
      const posted = await call(`${dl}/conversations/${conversationId}/activities`, 'POST', auth, JSON.stringify({ type: 'message', from: { id: `u${i}` }, text: SCRIPT[turn % SCRIPT.length] }));
      if (posted.status !== 200) throw new Error(String(posted.status));
      const id = (posted.json as { id: string }).id;
      for (let wait = 0; !repliedTo.has(id); wait++) {
        if (wait > 200) throw new Error('no reply on the stream');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      repliedTo.delete(id);
      result.latencies.push(performance.now() - started);
    } catch {
      result.errors++;
    }
    await think();
  }
  socket.close();
}

async function apiConversation(base: string, i: number, until: number, result: Result): Promise<void> {
  // Without MicrosoftAppId giftbot takes only a loopback serviceUrl; with expectReplies nothing is sent there.
  const serviceUrl = `${base}/`;
  const conversation = { id: `bench-api-${i}-${Date.now()}` };
  for (let turn = 0; Date.now() < until; turn++) {
    const started = performance.now();
    try {
      const res = await call(`${base}/api/messages`, 'POST', { 'Content-Type': 'application/json' }, JSON.stringify({
        type: 'message', id: `m${turn}`, channelId: 'webchat', serviceUrl, deliveryMode: 'expectReplies',
        from: { id: `u${i}` }, recipient: { id: 'bot' }, conversation, text: SCRIPT[turn % SCRIPT.length],
      }));
      const body = res.json as { activities?: unknown[] };
      if (res.status !== 200 || !body.activities?.length) throw new Error(String(res.status));
      result.latencies.push(performance.now() - started);
    } catch {
      result.errors++;
    }
    await think();
  }
}

// A rejection is left to crash the run with its stack: that is how a benchmark should fail.
void main().then((code) => (process.exitCode = code));
