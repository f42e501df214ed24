import { spawn } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { ROOT } from '../helpers/paths';
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
    expect(await me.json()).toEqual({ agent: { id: 'token:Support agent', name: 'Support agent' }, via: 'token' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('"event":"stopped"');
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
});
