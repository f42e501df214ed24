import { StorageUnavailableError } from '../core/storage-unavailable-error';

/** Seconds a client is asked to wait before trying again while storage is down. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** What a client hears while storage is down: its request was not taken, and trying again will work. */
export const STORAGE_UNAVAILABLE = {
  code: 'ServiceUnavailable',
  message: 'giftbot cannot reach its storage right now; nothing was saved. Please try again in a moment.',
} as const;

/**
 * Storage itself failed (Redis unreachable, the database file locked, full or read-only), as opposed
 * to a bug: the request can be answered 503 with Retry-After, and the process keeps serving.
 */
export function isStorageUnavailable(err: unknown): err is StorageUnavailableError {
  return err instanceof StorageUnavailableError;
}
