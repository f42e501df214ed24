import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm run bench:load`: 200 simulated visitors, each holding a scripted conversation through the
 * embedded Direct Line (post, then poll by watermark, as the official client does), for 60 s —
 * `SOAK_MINUTES=10` for a soak. Three setups in one run: giftbot on SQLite (one instance), giftbot
 * on two instances sharing a Redis with every request going to either instance (no sticky
 * sessions), and a bare echo bot on the same server code. Prints turns/s, p50/p99, errors, lost and
 * duplicated messages, and each server's memory growth; exits 1 when a target is missed.
 */
const VISITORS = Number(process.env.LOAD_VISITORS ?? 200);
const SECONDS = process.env.SOAK_MINUTES ? Number(process.env.SOAK_MINUTES) * 60 : Number(process.env.LOAD_SECONDS ?? 60);
/** A person reads and types between messages. */
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 1000);
/** Visitors start over this long, so the servers are not hit by 200 conversations in one millisecond. */
const RAMP_MS = 5000;
/** Memory is measured from here on: after start-up, caches and the first conversations. */
const WARM_UP_MS = Math.min(15_000, (SECONDS * 1000) / 4);
/** A reply not seen by then is lost. */
const REPLY_TIMEOUT_MS = 10_000;
const SETUPS = (process.env.LOAD_SETUPS ?? 'sqlite,redis,echo').split(',');
const TARGETS = { p99Ms: 200, memoryGrowth: 0.1 };
const SECRET = 'bench-load-directline-secret-0123456789';
// A visitor's conversation: greeting, sell, redeem with a pasted error, a question, over again.
const SCRIPT = ['hi', 'sell my $20 amazon card', 'redeem my steam card', 'done', 'done', 'I got an error', 'it says invalid code', 'yes', 'how do i check my balance', 'start over'];

interface Stats {
  latencies: number[];
  /** Latencies since the last progress line, to see whether p99 drifts over a soak. */
  recent: number[];
  errors: number;
  /** What went wrong, by kind ("post 409", "no reply", "ECONNRESET"…), so an error can be chased. */
  reasons: Map<string, number>;
  lost: number;
  duplicated: number;
  turns: number;
  status5xx: number;
}

async function main(): Promise<number> {
  let ok = true;
  console.log(`${VISITORS} visitors, ${SECONDS} s per setup, ${THINK_MS} ms between a reply and the next message (ramp ${RAMP_MS / 1000} s)`);
  for (const setup of SETUPS) {
    const servers = await start(setup);
    try {
      const memoryBefore: number[] = [];
      const stats: Stats = { latencies: [], recent: [], reasons: new Map(), errors: 0, lost: 0, duplicated: 0, turns: 0, status5xx: 0 };
      const until = Date.now() + SECONDS * 1000;
      setTimeout(() => void Promise.all(servers.ports.map(rss)).then((values) => memoryBefore.push(...values)), WARM_UP_MS).unref();
      const progress = setInterval(() => {
        const p99 = percentile(stats.recent.sort((a, b) => a - b), 0.99);
        stats.recent = [];
        process.stderr.write(`  ${setup}: ${stats.turns} turns, ${stats.errors} errors, p99 of the last 30 s ${p99.toFixed(0)} ms, ${Math.round((until - Date.now()) / 1000)} s left\n`);
      }, 30_000);
      await Promise.all(Array.from({ length: VISITORS }, (_, i) => visitor(servers.ports, i, until, stats)));
      clearInterval(progress);
      const memoryAfter = await Promise.all(servers.ports.map(rss));
      ok = report(setup, stats, memoryBefore, memoryAfter) && ok;
    } finally {
      await servers.stop();
    }
  }
  return ok ? 0 : 1;
}

function report(setup: string, stats: Stats, before: number[], after: number[]): boolean {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  const p = (q: number) => percentile(sorted, q);
  const growth = after.map((a, i) => (before[i] ? (a - before[i]) / before[i] : NaN));
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
  console.log(
    `${setup.padEnd(7)} ${(stats.turns / SECONDS).toFixed(0).padStart(5)} turns/s  p50 ${p(0.5).toFixed(1)} ms  p99 ${p(0.99).toFixed(1)} ms  ` +
      `errors ${stats.errors} (5xx ${stats.status5xx})  lost ${stats.lost}  duplicated ${stats.duplicated}  ` +
      `memory ${before.map(mb).join('+')} → ${after.map(mb).join('+')} (${growth.map((g) => `${(g * 100).toFixed(1)} %`).join(', ')})`,
  );
  if (stats.reasons.size > 0) console.log(`        errors by kind: ${[...stats.reasons].map(([reason, n]) => `${reason} ×${n}`).join(', ')}`);
  if (setup === 'echo') return true;
  const pass = stats.lost === 0 && stats.duplicated === 0 && stats.status5xx === 0 && p(0.99) <= TARGETS.p99Ms && growth.every((g) => g < TARGETS.memoryGrowth);
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${setup}: no lost or duplicated message, no 5xx, p99 ≤ ${TARGETS.p99Ms} ms, memory growth < ${TARGETS.memoryGrowth * 100} %`);
  return pass;
}

/** One visitor: a token, a conversation, then the script over and over; requests go to either instance. */
async function visitor(ports: number[], i: number, until: number, stats: Stats): Promise<void> {
  await sleep((RAMP_MS * i) / VISITORS);
  const base = (n: number) => `http://127.0.0.1:${ports[n % ports.length]}/v3/directline`;
  const { token } = (await call(`${base(i)}/tokens/generate`, 'POST', { Authorization: `Bearer ${SECRET}` })).json as { token: string };
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { conversationId } = (await call(`${base(i + 1)}/conversations`, 'POST', auth)).json as { conversationId: string };
  const seen = new Set<string>();
  let watermark = 0;
  for (let turn = 0; Date.now() < until; turn++) {
    const started = performance.now();
    try {
      const posted = await call(`${base(i + turn)}/conversations/${conversationId}/activities`, 'POST', auth, JSON.stringify({ type: 'message', from: { id: `visitor-${i}` }, text: SCRIPT[turn % SCRIPT.length], channelData: { clientActivityID: `visitor-${i}-${turn}` } }));
      if (posted.status >= 500) stats.status5xx++;
      if (posted.status !== 200) throw new Error(`post ${posted.status}`);
      const id = (posted.json as { id: string }).id;
      // Lost is either half: the visitor's own message missing from the conversation, or the bot's reply.
      let replied = false;
      let stored = false;
      for (const deadline = Date.now() + REPLY_TIMEOUT_MS; !(replied && stored) && Date.now() < deadline; ) {
        const read = await call(`${base(i + turn + 1)}/conversations/${conversationId}/activities?watermark=${watermark}`, 'GET', auth);
        if (read.status >= 500) stats.status5xx++;
        if (read.status !== 200) throw new Error(`get ${read.status}`);
        const set = read.json as { activities: Array<{ id: string; replyToId?: string; from: { id: string } }>; watermark: string };
        watermark = Number(set.watermark);
        for (const activity of set.activities) {
          if (seen.has(activity.id)) stats.duplicated++;
          seen.add(activity.id);
          if (activity.id === id) stored = true;
          if (activity.replyToId === id && activity.from.id === 'giftbot') replied = true;
        }
        if (!(replied && stored)) await sleep(50);
      }
      if (!(replied && stored)) {
        stats.lost++;
        throw new Error('no reply');
      }
      stats.turns++;
      const latency = performance.now() - started;
      stats.latencies.push(latency);
      stats.recent.push(latency);
    } catch (err) {
      stats.errors++;
      const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
      stats.reasons.set(reason, (stats.reasons.get(reason) ?? 0) + 1);
    }
    await sleep(THINK_MS);
  }
}

// --- the servers ------------------------------------------------------------------------------

interface Servers {
  ports: number[];
  stop(): Promise<void>;
}

async function start(setup: string): Promise<Servers> {
  const data = mkdtempSync(path.join(tmpdir(), `giftbot-load-${setup}-`));
  const env = { DIRECTLINE_SECRET: SECRET, DATA_DIR: data, NODE_ENV: 'development' };
  if (setup === 'echo') return group([await serverProcess('echo', { ...env, STORAGE: 'memory' })]);
  if (setup === 'sqlite') return group([await serverProcess('giftbot', { ...env, STORAGE: 'sqlite' })]);
  const redis = await redisProcess(data);
  const url = `redis://127.0.0.1:${redis.port}`;
  const instances = [await serverProcess('giftbot', { ...env, REDIS_URL: url }), await serverProcess('giftbot', { ...env, REDIS_URL: url })];
  return group(instances, async () => {
    redis.child.kill('SIGTERM');
    await new Promise((resolve) => redis.child.once('exit', resolve));
  });
}

function group(processes: Array<{ port: number; child: ChildProcess }>, after: () => Promise<void> = async () => undefined): Servers {
  return {
    ports: processes.map((p) => p.port),
    async stop() {
      await Promise.all(processes.map(({ child }) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))));
      await after();
    },
  };
}

function serverProcess(bot: 'giftbot' | 'echo', env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  // LOAD_NODE_ARGS="--cpu-prof" profiles the servers (the profile lands in the working directory on exit).
  const nodeArgs = (process.env.LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(__dirname, 'http-server.js'), bot], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve({ port: Number(chunk.toString().trim()), child }));
    child.once('exit', (code) => reject(new Error(`${bot} server exited with ${code}`)));
  });
}

async function redisProcess(dir: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await reachable(port)) return { port, child };
    await sleep(50);
  }
  throw new Error('redis-server did not start (is it installed? apt-get install redis-server)');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resident memory of a server, from its own /metrics. */
async function rss(port: number): Promise<number> {
  const res = await call(`http://127.0.0.1:${port}/metrics`, 'GET', {}, undefined, true);
  return Number(/^giftbot_process_resident_memory_bytes (\d+)/m.exec(String(res.json))?.[1] ?? NaN);
}

// A keep-alive client that costs the load generator little (it shares the 2 cores).
const agent = new Agent({ keepAlive: true, maxSockets: 512 });

/**
 * A keep-alive socket the server closed as idle can be picked for the next request at that moment;
 * browsers then send the request again on a new connection, and so does this client (as Node's docs
 * advise, only when the socket was reused). Posts carry a clientActivityID, so a resend is not a duplicate.
 */
async function call(url: string, method: string, headers: Record<string, string>, body?: string, text = false): Promise<{ status: number; json: unknown }> {
  try {
    return await callOnce(url, method, headers, body, text);
  } catch (err) {
    if ((err as { reused?: boolean }).reused && (err as NodeJS.ErrnoException).code === 'ECONNRESET') return callOnce(url, method, headers, body, text);
    throw err;
  }
}

function callOnce(url: string, method: string, headers: Record<string, string>, body?: string, text = false): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: body ? { ...headers, 'Content-Length': Buffer.byteLength(body) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        try {
          resolve({ status: res.statusCode ?? 0, json: text ? raw : raw ? JSON.parse(raw) : undefined });
        } catch {
          resolve({ status: res.statusCode ?? 0, json: undefined });
        }
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => reject(Object.assign(err, { reused: req.reusedSocket })));
    req.end(body);
  });
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A rejection is left to crash the run with its stack: that is how a benchmark should fail.
void main().then((code) => (process.exitCode = code));
