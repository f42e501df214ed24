import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/paths';
import { startServe } from '../helpers/serve-process';

/** One `giftbot serve` process of the real bin, as a load balancer would see it. */
export interface GiftbotInstance {
  url: string;
  child: ChildProcess;
  /** Everything written so far: stdout carries the JSON log lines, stderr the banner and anything else. */
  stdout(): string;
  stderr(): string;
  /** The JSON log lines, parsed (a line that isn't JSON is skipped). */
  logs(): Array<Record<string, unknown>>;
  /** Still running: neither exited nor killed by a signal. */
  alive(): boolean;
  /** SIGTERM, as an orchestrator stops it; SIGKILL if it hasn't gone after 10 s. Resolves with the exit code. */
  stop(): Promise<number | null>;
}

const DIST_INFO = path.join(ROOT, 'dist', '.tsbuildinfo');
const BUILD_LOCK = path.join(ROOT, 'dist', '.faults-build-lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : entry.name.endsWith('.ts') ? statSync(full).mtimeMs : 0);
  }
  return newest;
}

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * The bin runs the compiled dist/. `npm test` builds first (pretest), but a file run alone with
 * `npx jest tests/faults/…` would otherwise test whatever was built last: build when src is newer.
 * A directory is the lock, so the two fault files starting together don't compile over each other.
 */
export async function buildIfStale(): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // Someone else is building (or a build died holding the lock: take it over after a minute).
      if (Date.now() > until) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (mtime(DIST_INFO) >= newestSource(path.join(ROOT, 'src'))) return;
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (mtime(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')) === 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** `giftbot serve` as a separate process of the real bin, on a free port, with its own DATA_DIR. */
export async function startInstance(env: NodeJS.ProcessEnv): Promise<GiftbotInstance> {
  const running = await startServe({ PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'giftbot-instance-')), ...env });
  const { child } = running;
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url: running.url,
    child,
    stdout: running.stdout,
    stderr: running.stderr,
    logs: () =>
      running.stdout().split('\n').flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    alive,
    async stop() {
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      try {
        return (await running.exited).code;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
