import { StorageUnavailableError } from '../../core/storage-unavailable-error';

/**
 * Redis could not be reached (down, restarting, network gone). Commands fail with this at once
 * instead of queueing, so a turn fails visibly and the caller decides; the clients keep
 * reconnecting in the background.
 */
export class RedisUnavailableError extends StorageUnavailableError {
  readonly code = 'unavailable';

  constructor(operation: string, cause: unknown) {
    super(`Redis is unavailable (${operation}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export function isRedisUnavailable(err: unknown): err is RedisUnavailableError {
  return err instanceof RedisUnavailableError;
}

const CONNECTION_MESSAGES = [/Stream isn't writeable/i, /Connection is closed/i, /max retries per request/i, /Command timed out/i, /^LOADING\b/, /^MASTERDOWN\b/];
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Whether an ioredis failure means "Redis can't be reached" (as opposed to a bad command or script). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined && CONNECTION_CODES.has(code)) || CONNECTION_MESSAGES.some((pattern) => pattern.test(err.message));
}
