import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real bin (compiled by `npm test`'s pretest build) as a user would. */
export function runCli(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'giftbot.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: '', DIALOGS_DIR: '', MACROS_DIR: '', ...options.env },
    timeout: 20000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
