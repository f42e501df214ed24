import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_BUSY_TIMEOUT_MS, StorageError, toStorageError } from './sqlite-storage-error';
import { MIGRATIONS } from './sqlite-migrations';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

export interface SqliteDatabaseOptions {
  /** How long a write waits for another connection's lock before failing with code 'locked'. */
  busyTimeoutMs?: number;
  /** Open an existing file without writing to it (inspection tools; a write fails with code 'readonly'). */
  readonly?: boolean;
}

/** What a held write leaves to do once it has committed (tell listeners), if anything. */
export type AfterCommit = (() => void) | void;

/** The writes of one conversation's turn, held by `atomically` until the turn is over. */
export interface HeldChange {
  readonly conversationId: string;
}

interface Held extends HeldChange {
  writes: Array<() => AfterCommit>;
  open: boolean;
}

/** A prepared statement taking `Params`; rows come back unknown, for the store to parse with zod. */
export type Statement<Params extends unknown[]> = Database.Statement<Params, unknown>;

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * One connection to giftbot's SQLite file. Every statement runs through `read` or `write`, which
 * turn SQLite's failures into StorageError; `write` holds the write lock for the whole callback,
 * so a read-check-write inside it is atomic against other connections (other processes) too.
 */
export class SqliteDatabase {
  private readonly nextCounter: Statement<[string]>;
  private readonly changes = new AsyncLocalStorage<Held>();
  /**
   * better-sqlite3's transaction wrappers, built once: `raw.transaction(fn)` builds four wrappers
   * and their properties on every call, which showed in bench:http's profile. Each runs the
   * function it is given; nesting still becomes a savepoint (decided when called, not when built).
   */
  private readonly transaction: Database.Transaction<(fn: () => unknown) => unknown>;

  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(
    private readonly raw: Database.Database,
    readonly file: string,
    private readonly busyTimeoutMs: number,
    readonly = false,
  ) {
    // SQLite's own checkpoint stays on as the backstop that resets the WAL; the worker has usually
    // copied the pages already, so it has little left to do on the event loop.
    if (!readonly) this.checkpointer = startWalCheckpointer(file);
    this.transaction = raw.transaction((fn: () => unknown) => fn());
    this.nextCounter = this.prepare<[string]>(
      'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
    ).pluck();
  }

  /** Prepares a statement once, for a store to keep. */
  prepare<Params extends unknown[]>(sql: string): Statement<Params> {
    return this.guard(() => this.raw.prepare<Params, unknown>(sql));
  }

  /** Runs `fn` as one consistent snapshot (a deferred transaction: several SELECTs agree). */
  read<T>(fn: () => T): T {
    // The wrapper hands back what `fn` returned: T.
    return this.guard(() => this.transaction.deferred(fn) as T);
  }

  /**
   * Runs `fn` — ONE statement — without BEGIN/COMMIT: SQLite runs a lone statement as its own
   * transaction, so it sees one snapshot anyway, and a turn makes several such reads (bench:http).
   * Two statements that must agree go through `read`.
   */
  readOne<T>(fn: () => T): T {
    return this.guard(fn);
  }

  /**
   * Runs `fn` holding the write lock (BEGIN IMMEDIATE: waiting up to the busy timeout, never failing
   * half way through on an upgrade from reader to writer). Nested calls become savepoints, so several
   * stores' changes can be joined into one transaction. A throw rolls everything back.
   */
  write<T>(fn: () => T): T {
    // The wrapper hands back what `fn` returned: T.
    return this.guard(() => this.transaction.immediate(fn) as T);
  }

  /**
   * Runs `fn` — a turn of one conversation, awaits and all — holding back the writes stores make for
   * that conversation through `writeFor`, then commits them in one transaction. A turn writes several
   * times (the message, the bot's state, transcript lines, the replies); a disk that fills or a lock
   * that won't clear part way through must not leave a message kept without its answer, or the bot a
   * step ahead of what the customer was told. If `fn` throws, nothing it held is written. Writes for
   * other conversations (a turn may reach another customer) go straight through, as do any made after
   * the turn is over.
   */
  async atomically<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const held: Held = { conversationId, writes: [], open: true };
    try {
      const result = await this.changes.run(held, fn);
      held.open = false;
      // A turn that kept nothing needn't wait for the write lock.
      const after = held.writes.length === 0 ? [] : this.write(() => held.writes.map((write) => write()));
      for (const notify of after) notify?.();
      return result;
    } finally {
      held.open = false;
    }
  }

  /** The change `atomically` is holding here, if any: a store keys its own bookkeeping for the turn by it. */
  holding(): HeldChange | undefined {
    const held = this.changes.getStore();
    return held?.open ? held : undefined;
  }

  /**
   * A write for one conversation: held to commit with the rest of its turn inside `atomically`,
   * otherwise made now (in its own transaction). Its result — what to do after the commit — runs then.
   */
  writeFor(conversationId: string, write: () => AfterCommit): void {
    const held = this.changes.getStore();
    if (held?.open && held.conversationId === conversationId) {
      held.writes.push(write);
      return;
    }
    const notify = this.write(write);
    notify?.();
  }

  /** The next value of a named counter (atomic by itself); call it inside `write`, so it commits with what uses it. */
  next(counter: string): number {
    const value = this.nextCounter.get(counter);
    if (typeof value !== 'number') throw new StorageError('corrupt', this.file, `${this.file}: counter "${counter}" is not a number`);
    return value;
  }

  /** A row that doesn't parse: the file was changed by something other than giftbot, or damaged. */
  damaged(what: string, cause: unknown): StorageError {
    const reason = cause instanceof Error ? cause.message.slice(0, 200) : 'unreadable';
    return new StorageError('corrupt', this.file, `${this.file}: ${what} is damaged and cannot be read (${reason})`, { cause });
  }

  close(): void {
    this.checkpointer?.stop();
    if (this.raw.open) this.raw.close();
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw toStorageError(err, this.file, this.busyTimeoutMs);
    }
  }
}

/** Opens (creating the folder and the file if need be) and brings the schema up to date. */
export function openSqliteDatabase(file: string, options: SqliteDatabaseOptions = {}): SqliteDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const readonly = options.readonly ?? false;
  let raw: Database.Database | undefined;
  try {
    if (!readonly) mkdirSync(path.dirname(file), { recursive: true });
    // `timeout` is SQLite's busy_timeout, set before the first statement: even switching to WAL may wait for a lock.
    raw = new Database(file, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
    configure(raw);
    migrate(raw, file);
    return new SqliteDatabase(raw, file, busyTimeoutMs, readonly);
  } catch (err) {
    raw?.close();
    throw toStorageError(err, file, busyTimeoutMs);
  }
}

function configure(raw: Database.Database): void {
  // WAL: readers don't block the writer (Direct Line clients poll while turns save state).
  // NORMAL is durable in WAL mode except for the last commits on power loss, and far cheaper than FULL.
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  // Once checkpointed, a WAL that grew under a burst is cut back rather than kept at its peak.
  raw.pragma('journal_size_limit = 67108864');
  // Off by default in SQLite, per connection: Direct Line activities go with their conversation.
  raw.pragma('foreign_keys = ON');
}

function migrate(raw: Database.Database, file: string): void {
  const current = userVersion(raw);
  if (current > SCHEMA_VERSION) {
    throw new StorageError('unknown', file, `${file} was written by a newer giftbot (schema ${current}; this version knows up to ${SCHEMA_VERSION}). Upgrade giftbot, or point DATA_DIR elsewhere.`);
  }
  // Checked before taking the write lock, so a file that is up to date opens without writing.
  if (current === SCHEMA_VERSION) return;
  raw.transaction(() => {
    // Again under the lock: another process may have migrated meanwhile.
    for (let version = userVersion(raw); version < SCHEMA_VERSION; version++) {
      raw.exec(MIGRATIONS[version]!);
      raw.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}

function userVersion(raw: Database.Database): number {
  const version = raw.pragma('user_version', { simple: true });
  return typeof version === 'number' ? version : 0;
}
