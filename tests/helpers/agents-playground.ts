import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';
import { freePort } from './serve-process';
import { eventually } from './server';

export interface RunningPlayground {
  url: string;
  stop(): void;
}

/**
 * The Microsoft 365 Agents Playground (offline, as Teams with -c msteams) pointed at a bot's
 * /api/messages, on a free port; resolves once its page answers.
 */
export async function startPlayground(botUrl: string): Promise<RunningPlayground> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'agentsplayground'), ['-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    env: { ...process.env, CI: 'true' },
    stdio: 'ignore',
    // Its own process group, so stop() ends the CLI and whatever it started.
    detached: true,
  });
  await eventually(async () => ((await fetch(url).catch(() => undefined))?.ok ? true : undefined), 30_000, 'the Playground to listen');
  return {
    url,
    stop: () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    },
  };
}
