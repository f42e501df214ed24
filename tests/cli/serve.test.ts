import { spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { ROOT, scratchDir } from '../helpers/paths';
import { eventually } from '../helpers/server';

describe('giftbot serve (npm start)', () => {
  test('when started, then /healthz answers, the printed agent console signs in, and SIGTERM finishes and exits cleanly', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'giftbot.js'), 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: 'data/test-serve', KNOWLEDGE_DIR: '', DIALOGS_DIR: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // A failed expectation must not leave the server running: it would keep jest from exiting.
    try {
      const port = await eventually(() => /"event":"listening","port":(\d+)/.exec(out)?.[1], 20_000, 'listening');
      const health = await fetch(`http://localhost:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const page = await fetch(`http://localhost:${port}/`);
      expect(await page.text()).toContain('<script src="/widget.js"');
      // The README's promise: `npm start` prints the console's address, and its token works.
      const printed = await eventually(() => /agent console: (\S+)/.exec(err)?.[1], 5000, 'agent console line');
      const consoleUrl = new URL(printed);
      expect(consoleUrl.port).toBe(port);
      expect(await (await fetch(new URL('/agent/', consoleUrl))).text()).toContain('Agent console');
      const token = new URLSearchParams(consoleUrl.hash.slice(1)).get('token');
      const me = await fetch(new URL('/api/agent/me', consoleUrl), { headers: { Authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ agent: { id: 'token:Support agent', name: 'Support agent' }, via: 'token', role: 'agent' });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('"event":"stopped"');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  test('when production is asked for without Azure credentials, then it refuses to start and says why', () => {
    const run = runCli(['serve'], { env: { NODE_ENV: 'production', PORT: '0' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('MicrosoftAppId: NODE_ENV=production needs MicrosoftAppId and MicrosoftAppPassword');
    expect(run.stderr).toContain('giftbot did not start.');
  });

  test('when a variable is malformed, then start-up stops naming it', () => {
    const run = runCli(['serve'], { env: { PORT: 'eighty', MicrosoftAppId: 'not-a-guid' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PORT: .*\n.*MicrosoftAppId: must be a GUID|MicrosoftAppId: must be a GUID[\s\S]*PORT/);
  });

  // Before, storage was open by then and its timers kept the process alive: it said so and hung.
  test('when a dialogs file is broken after storage opened, then it names the file and exits 1 at once instead of hanging', () => {
    const scratch = scratchDir();
    try {
      cpSync(path.join(ROOT, 'dialogs'), path.join(scratch.dir, 'dialogs'), { recursive: true });
      writeFileSync(path.join(scratch.dir, 'dialogs', 'menu.json'), '{"bad": true');
      const run = runCli(['serve'], { env: { PORT: '0', DATA_DIR: path.join(scratch.dir, 'data'), DIALOGS_DIR: path.join(scratch.dir, 'dialogs'), MACROS_DIR: path.join(ROOT, 'macros') } });
      expect(run.stderr).toContain('menu.json: is not valid JSON');
      expect(run.stderr).toContain('giftbot did not start.');
      expect(run.status).toBe(1); // null: killed by runCli's time-out, still running
    } finally {
      scratch.cleanup();
    }
  });

  test('when the port is taken, then it says so and exits 1 instead of hanging', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const scratch = scratchDir();
    try {
      const port = (taken.address() as { port: number }).port;
      const run = runCli(['serve'], { env: { PORT: String(port), DATA_DIR: path.join(scratch.dir, 'data') } });
      expect(run.stderr).toBe(`Port ${port} is already in use: stop the other server or set PORT.\ngiftbot did not start.\n`);
      expect(run.status).toBe(1);
    } finally {
      taken.close();
      scratch.cleanup();
    }
  });
});
