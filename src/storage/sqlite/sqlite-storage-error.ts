import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../core/storage-unavailable-error';

/** What went wrong with the database file, in terms an operator can act on. */
export type StorageErrorCode = 'locked' | 'full' | 'readonly' | 'corrupt' | 'unknown';

/**
 * A failure of the database file itself (not a conflict between writers): thrown when opening and
 * by every read and write, with the file named, so the log says what to fix rather than "SQLITE_BUSY".
 */
export class StorageError extends StorageUnavailableError {
  override readonly name = 'StorageError';

  constructor(
    readonly code: StorageErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** How long a write waits for another connection's lock by default; the 'locked' message names the wait. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite's (and the file system's) error codes, as what the operator must do. Errors that are not
 * about the file (an eTag conflict, a schema violation, a bug) pass through unchanged.
 */
export function toStorageError(err: unknown, file: string, busyTimeoutMs: number = DEFAULT_BUSY_TIMEOUT_MS): unknown {
  if (err instanceof StorageError) return err;
  const code = errorCode(err);
  if (code === undefined) return err;
  const kind = classify(code);
  if (kind === undefined) return err;
  return new StorageError(kind, file, describe(kind, file, code, busyTimeoutMs, err), { cause: err });
}

function errorCode(err: unknown): string | undefined {
  if (err instanceof Database.SqliteError) return err.code;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function classify(code: string): StorageErrorCode | undefined {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'full';
  // CANTOPEN: the folder exists (we create it), so it is almost always a permission problem.
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'readonly';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_')) return 'unknown';
  // Other system errors (ENOTDIR, …) while opening: still about the file.
  return /^E[A-Z]+$/.test(code) ? 'unknown' : undefined;
}

function describe(kind: StorageErrorCode, file: string, code: string, busyTimeoutMs: number, err: unknown): string {
  switch (kind) {
    case 'locked':
      return `${file} is locked: another process (a second giftbot, or a tool with the database open) held it for more than ${busyTimeoutMs} ms (${code}).`;
    case 'full':
      return `The disk holding ${file} is full: giftbot cannot save. Free some space (${code}).`;
    case 'readonly':
      return `${file} cannot be written: check that the file and its folder are writable by this user and the disk is not read-only (${code}).`;
    case 'corrupt':
      return `${file} is not a giftbot database, or it is damaged. Move it aside to start afresh, or restore a backup (${code}).`;
    case 'unknown':
      return `${file}: storage error ${code}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
