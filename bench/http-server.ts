import path from 'node:path';
import { startServer } from '../src/app/server';
import { loadConfig } from '../src/config/config';
import { silentLogger } from '../src/core/logger';
import { EchoBot } from './echo-bot';

/** One server for bench:http and bench:load, in its own process: `node http-server.js giftbot|echo`; prints its port. Settings come from the environment (STORAGE, REDIS_URL, DATA_DIR…). */
async function main(): Promise<void> {
  const which = process.argv[2] === 'echo' ? 'echo' : 'giftbot';
  const root = path.resolve(__dirname, '..', '..');
  // Every simulated visitor comes from 127.0.0.1: per-address limits and the ceiling would measure
  // themselves, not giftbot. So would the per-conversation post limit (2 a second) at bench:http's
  // saturation, where each conversation posts the moment it is answered. The environment can still set them.
  const unlimited = { RATE_LIMIT_TOKENS_PER_IP: 'off', RATE_LIMIT_CONVERSATIONS_PER_IP: 'off', RATE_LIMIT_POSTS_PER_IP: 'off', RATE_LIMIT_POSTS_PER_CONVERSATION: 'off', RATE_LIMIT_OVERALL: 'off' };
  const running = await startServer(loadConfig({ ...unlimited, ...process.env, PORT: '0', DATA_DIR: process.env.DATA_DIR ?? 'data/bench' }), {
    root,
    log: silentLogger,
    ...(which === 'echo' ? { bot: { bot: new EchoBot(), middleware: [] } } : {}),
  });
  process.stdout.write(`${new URL(running.url).port}\n`);
  process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

void main();
