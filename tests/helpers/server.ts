import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../src/app/server';
import { jsonLogger } from '../../src/app/logger';
import { loadConfig } from '../../src/config/config';
import { ROOT } from './paths';
import { LOOPBACK_LIMITS } from './loopback-limits';

export interface TestServer extends RunningServer {
  logs: string[];
}

/** The real server on an ephemeral port, its own data folder, logs captured. */
export async function startTestServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const logs: string[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-test-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ...LOOPBACK_LIMITS, ...env });
  const running = await startServer(config, { root: ROOT, log: jsonLogger((line) => logs.push(line), { level: config.LOG_LEVEL }) });
  return Object.assign(running, { logs });
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  // any: tests read whatever JSON the server answered.
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls until `check` returns a value, or fails after `ms`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, ms = 8000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
