import path from 'node:path';
import type { Config } from '../config/config';
import type { Logger } from '../core/logger';
import { memoryBackend, type Backend } from './backend';
import { openRedisBackend } from './redis/redis-backend';
import { openSqliteBackend } from './sqlite/sqlite-backend';

/** The file giftbot keeps everything in, in DATA_DIR. */
export const DATABASE_FILE = 'giftbot.db';

/** What the config asks for: Redis when REDIS_URL is set, else SQLite in DATA_DIR (or memory). */
export async function openBackend(config: Config, root: string, log: Logger): Promise<Backend> {
  if (config.REDIS_URL) return openRedisBackend({ url: config.REDIS_URL, log, transcriptDays: config.TRANSCRIPT_DAYS });
  if (config.STORAGE === 'memory') return memoryBackend();
  return openSqliteBackend({ file: path.resolve(root, config.DATA_DIR, DATABASE_FILE), log });
}
