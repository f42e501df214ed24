import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { LOOPBACK_LIMITS } from '../helpers/loopback-limits';
import { ROOT, scratchDir } from '../helpers/paths';
import { freePort } from '../helpers/serve-process';
import { eventually } from '../helpers/server';

/**
 * `.env` in the folder giftbot starts in is read before any setting, through the real bin: its
 * values take effect, the environment wins over it, and a line that isn't NAME=value stops start-up
 * with the line's number (never its text, which may be a secret) and no stack trace.
 */
const scratch = scratchDir();
afterAll(() => scratch.cleanup());

/** The test run's environment without the variables the .env sets, the data where the test chooses. */
function environment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...LOOPBACK_LIMITS, KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'), DIALOGS_DIR: path.join(ROOT, 'dialogs'), MACROS_DIR: path.join(ROOT, 'macros'), DATA_DIR: path.join(scratch.dir, 'data'), REDIS_URL: '', DIRECTLINE_SECRET: '', STORAGE: '', NODE_ENV: '' };
  delete env.PORT;
  delete env.LOG_LEVEL;
  return { ...env, ...extra };
}

async function serveIn(cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'giftbot.js'), 'serve'], { cwd, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const port = await eventually(() => /giftbot is up: open http:\/\/localhost:(\d+)/.exec(err)?.[1], 20_000, `giftbot to start:\n${err}`);
  return { port: Number(port), stdout: () => out, stop: async () => (child.kill('SIGTERM'), exited) };
}

test('when .env in the current folder sets PORT and LOG_LEVEL, then giftbot listens on that port and writes no info lines', async () => {
  const port = await freePort();
  writeFileSync(path.join(scratch.dir, '.env'), `# settings for this machine\nPORT=${port}\n\nLOG_LEVEL="warn"\n`);
  const running = await serveIn(scratch.dir, environment({}));
  try {
    expect(running.port).toBe(port);
    expect((await fetch(`http://localhost:${port}/readyz`)).status).toBe(200);
    await fetch(`http://localhost:${port}/`);
  } finally {
    expect(await running.stop()).toBe(0);
  }
  // The listening line, the access lines and "stopped" are info: LOG_LEVEL=warn from the file dropped them.
  expect(running.stdout()).not.toContain('"level":"info"');
});

test('when the environment sets a variable the .env also sets, then the environment wins, even set to nothing', async () => {
  const [filePort, envPort] = [await freePort(), await freePort()];
  writeFileSync(path.join(scratch.dir, '.env'), `PORT=${filePort}\nLOG_LEVEL=warn\n`);
  const running = await serveIn(scratch.dir, environment({ PORT: String(envPort), LOG_LEVEL: '' }));
  try {
    expect(running.port).toBe(envPort);
    expect((await fetch(`http://localhost:${envPort}/healthz`)).status).toBe(200);
  } finally {
    expect(await running.stop()).toBe(0);
  }
  // LOG_LEVEL set to nothing in the environment: unset, so the default (info), not the file's warn.
  expect(running.stdout()).toContain('"event":"listening"');
});

test('when a .env line is not NAME=value, then giftbot stops with exit 1 naming the file and line, without the line\'s text or a stack trace', () => {
  writeFileSync(path.join(scratch.dir, '.env'), 'PORT=3978\nSLACK_BOT_TOKEN xoxb-not-really-a-token\n# fine\nMULTI="first\nsecond"\nLOG_LEVEL=warn\n');
  const run = runCli(['kb', 'check'], { cwd: scratch.dir, env: environment({}) });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(`giftbot: ${path.join(scratch.dir, '.env')}: line 2 is not NAME=value (or a # comment)\ngiftbot did not start.\n`);
  expect(run.stderr).not.toContain('xoxb');
  expect(run.stdout).toBe('');
});

test('when there is no .env, then nothing changes: the command runs on the environment alone', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const run = runCli(['kb', 'check'], { cwd: dir, env: environment({}) });
    expect(run.stderr).not.toContain('.env');
    expect(run.status).toBe(0);
  } finally {
    cleanup();
  }
});
