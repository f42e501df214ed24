import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './paths';
import { LOOPBACK_LIMITS } from './loopback-limits';
import { eventually } from './server';

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything it has printed so far (plain functions: callers pass them on unbound). */
  stdout: () => string;
  stderr: () => string;
  /** How it ended: an exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `giftbot serve` as a user runs it: the real bin (compiled by `npm test`'s pretest build) in its own
 * process, on the embedded setup — SQLite in DATA_DIR, no Direct Line secret, no Redis — whatever
 * the environment of the test run says. The caller chooses PORT and DATA_DIR, so it can start again
 * where a killed one left off.
 */
export function spawnServe(env: NodeJS.ProcessEnv): ServeProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'giftbot.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, KNOWLEDGE_DIR: '', DIALOGS_DIR: '', MACROS_DIR: '', DIRECTLINE_SECRET: '', REDIS_URL: '', STORAGE: '', ...LOOPBACK_LIMITS, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Spawns giftbot and waits until it listens; fails with what it printed if it stops instead. */
export async function startServe(env: NodeJS.ProcessEnv, ms = 20_000): Promise<ServeProcess & { url: string }> {
  const running = spawnServe(env);
  let ended = false;
  void running.exited.then(() => (ended = true));
  const port = await eventually(() => {
    if (ended) throw new Error(`giftbot stopped before listening:\n${running.stderr()}`);
    return /"event":"listening","port":(\d+)/.exec(running.stdout())?.[1];
  }, ms, 'giftbot to listen');
  return Object.assign(running, { url: `http://localhost:${port}` });
}

/** A port nothing listens on now, to start (and restart) a server on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
