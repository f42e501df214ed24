import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReaders, HOSTILE_INPUTS, INPUT_SIZE, timeCall } from './reader-inputs';

/**
 * `npm run bench:readers` (issue 12, finding 3):
 * 1. Every reader and parser of customer or article text on each ~20 KB hostile input of
 *    bench/reader-inputs.ts: the worst call per reader (best of REPEATS), and which input it was.
 * 2. /healthz while ten long messages arrive at once, against the real server in its own process:
 *    ten Direct Line posts of "sell my card" and 19,980 digits (Direct Line refuses longer text),
 *    then ten /api/messages posts of 200 KB (under the 256 KB body limit). Target: under 50 ms.
 *    Ten short Direct Line messages first, as the control: a long message should cost no more.
 */
const REPEATS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TARGETS = { readerMs: 100, healthzMs: 50 };

function readerTable(root: string): boolean {
  const readers = buildReaders(root);
  console.log(`readers: ${readers.length}, hostile inputs: ${HOSTILE_INPUTS.length} of ${INPUT_SIZE / 1024} KB, worst call (best of ${REPEATS})`);
  const rows = readers.map(([name, read]) => {
    read('warm up: sell my $20 amazon card');
    let worst = { ms: 0, input: '' };
    let total = 0;
    for (const [input, text] of HOSTILE_INPUTS) {
      const ms = Math.min(...Array.from({ length: REPEATS }, () => timeCall(read, text)));
      total += ms;
      if (ms > worst.ms) worst = { ms, input };
    }
    return { name, worst, mean: total / HOSTILE_INPUTS.length };
  });
  rows.sort((a, b) => b.worst.ms - a.worst.ms);
  console.log(`${'reader'.padEnd(28)} ${'worst ms'.padStart(9)} ${'mean ms'.padStart(8)}  worst input`);
  for (const r of rows) console.log(`${r.name.padEnd(28)} ${r.worst.ms.toFixed(2).padStart(9)} ${r.mean.toFixed(2).padStart(8)}  ${r.worst.input}`);
  const pass = rows.every((r) => r.worst.ms < TARGETS.readerMs);
  console.log(`${pass ? 'PASS' : 'FAIL'}  every reader under ${TARGETS.readerMs} ms a call on every input (worst ${rows[0]!.worst.ms.toFixed(1)} ms: ${rows[0]!.name})`);
  return pass;
}

interface Answer {
  status: number;
  body: string;
}

function call(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A connection each: the timed /healthz must not queue behind a 200 KB upload on a shared socket.
    const req = request(url, { method, agent: false, headers: body ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function startServerProcess(dataDir: string): Promise<{ port: number; child: ChildProcess }> {
  const env = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' };
  const child = spawn(process.execPath, [path.join(__dirname, 'http-server.js'), 'giftbot'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve({ port: Number(chunk.toString().trim()), child }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Times /healthz, one request after another, until `load` settles. */
async function healthzDuring(base: string, load: Promise<Answer[]>): Promise<{ times: number[]; answers: Answer[] }> {
  let done = false;
  const settled = load.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    const res = await call(`${base}/healthz`, 'GET', {});
    if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return { times, answers: await settled };
}

interface DirectLineConversation {
  auth: Record<string, string>;
  conversationId: string;
}

/** Ten conversations, opened once: opening them every round would meet the per-client limits. */
async function openConversations(base: string): Promise<DirectLineConversation[]> {
  const dl = `${base}/v3/directline`;
  return Promise.all(
    Array.from({ length: 10 }, async () => {
      const generated = await call(`${dl}/tokens/generate`, 'POST', {}, '{}');
      if (generated.status !== 200) throw new Error(`token generation answered ${generated.status}: ${generated.body}`);
      const auth = { Authorization: `Bearer ${(JSON.parse(generated.body) as { token: string }).token}` };
      const opened = await call(`${dl}/conversations`, 'POST', auth, '{}');
      if (opened.status !== 201) throw new Error(`opening a conversation answered ${opened.status}: ${opened.body}`);
      return { auth, conversationId: (JSON.parse(opened.body) as { conversationId: string }).conversationId };
    }),
  );
}

/** One message posted into each conversation, all at once: "sell my card" and 19,980 digits, or only the words. */
function directLineLoad(base: string, conversations: DirectLineConversation[], round: number, long: boolean): Promise<Answer[]> {
  const text = long ? `sell my card ${String(round % 10).repeat(19_980)}` : 'sell my card';
  const body = JSON.stringify({ type: 'message', from: { id: 'bench' }, text });
  return Promise.all(conversations.map(({ auth, conversationId }) => call(`${base}/v3/directline/conversations/${conversationId}/activities`, 'POST', auth, body)));
}

function apiMessagesLoad(base: string, round: number): Promise<Answer[]> {
  const shapes = ['sell my card ' + '9'.repeat(200 * 1024), ' '.repeat(200 * 1024) + 'x', '1 '.repeat(100 * 1024), 'a-'.repeat(100 * 1024)];
  return Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      call(`${base}/api/messages`, 'POST', {}, JSON.stringify({
        type: 'message', id: `m${round}-${i}`, channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
        from: { id: `u${i}` }, recipient: { id: 'bot' }, conversation: { id: `bench-long-${round}-${i}` }, text: shapes[(round + i) % shapes.length],
      })),
    ),
  );
}

async function healthzTable(): Promise<boolean> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-bench-readers-'));
  const server = await startServerProcess(dataDir);
  const base = `http://127.0.0.1:${server.port}`;
  let pass = true;
  try {
    const conversations = await openConversations(base);
    for (const [channel, start] of [
      // The control: the same turns with short messages, so what long ones add shows.
      ['Direct Line, 10 short messages', (round: number) => directLineLoad(base, conversations, round, false)],
      ['Direct Line, 10 × 20 KB', (round: number) => directLineLoad(base, conversations, round, true)],
      ['/api/messages, 10 × 200 KB', (round: number) => apiMessagesLoad(base, round)],
    ] as const) {
      const times: number[] = [];
      const statuses = new Map<number, number>();
      const batches: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const batchStart = performance.now();
        const result = await healthzDuring(base, start(round));
        batches.push(performance.now() - batchStart);
        times.push(...result.times);
        for (const a of result.answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
      times.sort((a, b) => a - b);
      const max = times[times.length - 1] ?? NaN;
      const ok = max < TARGETS.healthzMs;
      pass &&= ok;
      const status = [...statuses].map(([s, n]) => `${n}× ${s}`).join(', ');
      console.log(`${ok ? 'PASS' : 'FAIL'}  /healthz during ${channel} at once (${ROUNDS} rounds): max ${max.toFixed(1)} ms, p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms over ${times.length} checks (< ${TARGETS.healthzMs} ms); a batch took ${Math.max(...batches).toFixed(0)} ms at most; answers ${status}`);
    }
  } finally {
    server.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  return pass;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..');
  const readersPass = readerTable(root);
  console.log('');
  const healthzPass = await healthzTable();
  return readersPass && healthzPass ? 0 : 1;
}

// A rejection is left to crash the run with its stack: that is how a benchmark should fail.
void main().then((code) => (process.exitCode = code));
