import path from 'node:path';
import { startServer } from '../src/app/server';
import { silentLogger } from '../src/app/logger';
import { loadConfig } from '../src/config/config';
import { EchoBot } from './echo-bot';

/** One server for bench:http and bench:load, in its own process: `node http-server.js giftbot|echo`; prints its port. Settings come from the environment (STORAGE, REDIS_URL, DATA_DIR…). */
async function main(): Promise<void> {
  const which = process.argv[2] === 'echo' ? 'echo' : 'giftbot';
  const root = path.resolve(__dirname, '..', '..');
  const running = await startServer(loadConfig({ ...process.env, PORT: '0', DATA_DIR: process.env.DATA_DIR ?? 'data/bench' }), {
    root,
    log: silentLogger,
    ...(which === 'echo' ? { bot: { bot: new EchoBot(), middleware: [] } } : {}),
  });
  process.stdout.write(`${new URL(running.url).port}\n`);
  process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

void main();
