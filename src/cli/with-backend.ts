import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { silentLogger } from '../core/logger';
import type { Backend } from '../storage/backend';
import { DATABASE_FILE, openBackend } from '../storage/open-backend';
import { isStorageUnavailable } from '../storage/storage-unavailable';
import type { Io } from './io';

/**
 * Runs `use` on the storage the server uses — the same environment decides: REDIS_URL, else
 * DATA_DIR/giftbot.db — and closes it whatever happens. `use` gets null when that database file
 * doesn't exist: nothing was stored yet, and opening would create an empty one (hiding a wrong
 * DATA_DIR). Storage failures print one line and exit 1. Exit codes are `use`'s otherwise.
 */
export async function withBackend(io: Io, use: (backend: Backend | null) => Promise<number>): Promise<number> {
  let config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`${err.message}\n`);
    return 1;
  }
  if (config.STORAGE === 'memory' && !config.REDIS_URL) {
    io.err('giftbot: STORAGE=memory keeps nothing once the server stops, so there is nothing to read here.\n');
    return 1;
  }
  const file = path.resolve(io.cwd, config.DATA_DIR, DATABASE_FILE);
  if (!config.REDIS_URL && !existsSync(file)) {
    io.err(`giftbot: no database at ${file} (DATA_DIR): nothing has been stored there yet.\n`);
    return use(null);
  }
  let backend: Backend | undefined;
  try {
    // Silent: the server's JSON log lines (storage.opened, Redis reconnects) would bury the answer.
    backend = await openBackend(config, io.cwd, silentLogger);
    return await use(backend);
  } catch (err) {
    if (!isStorageUnavailable(err)) throw err;
    io.err(`giftbot: ${err.message.replace(/\s+/g, ' ')}\n`);
    return 1;
  } finally {
    // A failing close (Redis gone meanwhile) adds nothing to what was already said.
    await backend?.close().catch(() => undefined);
  }
}
