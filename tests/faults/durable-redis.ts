import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, pings } from '../helpers/redis-server';

/** A redis-server that keeps its data across a crash: what production runs, unlike the throwaway one in tests/helpers. */
export interface DurableRedis {
  url: string;
  port: number;
  /** SIGKILL: a crash, with no chance to save anything on the way out. */
  crash(): Promise<void>;
  /** SIGSTOP: it answers nothing until thawed (or crashed), and its connections stay open. */
  freeze(): void;
  /** SIGCONT after freeze. */
  thaw(): void;
  /** Starts it again on the same port and data folder; resolves once it answers PING with its data loaded. */
  start(): Promise<void>;
  /** Shuts it down and removes its folder. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/**
 * A private redis-server with the append-only file on (appendonly yes), so a restart comes back with
 * the data: giftbot's promise is that what a customer was answered survives a Redis restart, which
 * can only be checked against a Redis that keeps it. Every write is fsynced before Redis replies
 * (appendfsync always), so a SIGKILL loses nothing Redis acknowledged. The flip side, true of any
 * durable store: a write can reach the disk and the crash take its reply, so a post may be kept
 * though its sender heard 503 — which is why clients resend with the same clientActivityID.
 */
export async function startDurableRedis(): Promise<DurableRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'giftbot-durable-redis-'));
  let child: ChildProcess | undefined;
  let output = '';
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const start = async () => {
    output = '';
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--loglevel', 'warning'];
    const launched = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = launched;
    launched.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    launched.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 10_000;
    while (!(await pings(port))) {
      if (launched.exitCode !== null || launched.signalCode !== null) throw new Error(`redis-server exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on ${port}: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async crash() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    start,
    async stop() {
      if (child) {
        child.kill('SIGTERM');
        await exited(child);
      }
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
