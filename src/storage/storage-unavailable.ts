import { StorageUnavailableError } from '../core/storage-unavailable-error';

/**
 * Storage itself failed (Redis unreachable, the database file locked, full or read-only), as opposed
 * to a bug: the request can be answered 503 with Retry-After, and the process keeps serving.
 */
export function isStorageUnavailable(err: unknown): err is StorageUnavailableError {
  return err instanceof StorageUnavailableError;
}
