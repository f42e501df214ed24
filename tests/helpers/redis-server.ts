import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  /** Shuts the server down and removes its folder. */
  stop(): Promise<void>;
  /** SIGKILL, at once (a crash; also the last resort when a test file dies). */
  kill(): void;
  /** Stops it and starts it again on the same port, empty (nothing is saved). */
  restart(): Promise<void>;
  /** SIGTERM, and it stays down (the port refuses) until `up`: an outage as long as the test needs. */
  down(): Promise<void>;
  /** Starts it again on the same port after `down`, empty, and waits until it answers PING. */
  up(): Promise<void>;
  /** SIGSTOP: the process stays, connections stay open, nothing is answered (a hung Redis). */
  freeze(): void;
  /** SIGCONT after freeze: it answers again. */
  thaw(): void;
}

const START_TIMEOUT_MS = 10_000;

/** A free TCP port: the OS picks one for a listener we close at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One PING over a raw socket: true on +PONG (a server still loading its AOF answers -LOADING). */
export function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function spawnServer(port: number, dir: string): ChildProcess {
  // Our own throwaway server: no persistence, loopback only, quiet.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'];
  return spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitForPong(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}): ${output()}`);
    if (await pings(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer PING on ${port} within ${START_TIMEOUT_MS} ms: ${output()}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a private redis-server on a free port and waits until it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'giftbot-redis-'));
  let child: ChildProcess;
  let output = '';
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const launch = async () => {
    output = '';
    child = spawnServer(port, dir);
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitForPong(port, child, () => output);
  };
  const halt = async () => {
    const current = child;
    current.kill('SIGTERM');
    await exited(current);
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await halt();
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
    kill() {
      child.kill('SIGKILL');
    },
    freeze() {
      child.kill('SIGSTOP');
    },
    thaw() {
      child.kill('SIGCONT');
    },
    async restart() {
      await halt();
      await launch();
    },
    down: halt,
    up: launch,
  };
}
