import { startServer } from '../app/server';
import { jsonLogger } from '../app/logger';
import { ConfigError, loadConfig } from '../config/config';
import { DataProblemsError } from '../validation/problem';
import { isStorageUnavailable } from '../storage/storage-unavailable';
import type { Io } from './io';

/**
 * `giftbot serve` (what `npm start` runs): the HTTP server on PORT. SIGTERM or SIGINT stop taking
 * new requests, let the turns in flight finish, then exit.
 */
export async function serve(_args: string[], io: Io): Promise<number> {
  let log = jsonLogger((line) => io.out(line));
  let running;
  try {
    const config = loadConfig(io.env);
    log = jsonLogger((line) => io.out(line), { level: config.LOG_LEVEL });
    running = await startServer(config, { root: io.cwd, log });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataProblemsError) {
      io.err(`${err.message}\ngiftbot did not start.\n`);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.err(`Port ${loadConfig(io.env).PORT} is already in use: stop the other server or set PORT.\ngiftbot did not start.\n`);
      return 1;
    }
    if (isStorageUnavailable(err)) {
      // A locked, full or unreadable database, or no Redis: say which, and stop for good (exit 1)
      // rather than crash and be restarted into the same wall.
      io.err(`${err instanceof Error ? err.message : String(err)}\ngiftbot did not start.\n`);
      return 1;
    }
    throw err;
  }
  io.err(`giftbot is up: open ${running.url} (website chat), POST ${running.url}/api/messages (Azure Bot Service)\n`);
  io.err(`agent console: ${running.agentConsoleUrl}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info('stopping', { signal });
      void running.close().then(resolve, resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
