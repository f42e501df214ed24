import { LocalLocks } from '../../core/conversation-locks';
import { LocalBus } from '../../core/event-bus';
import type { Logger } from '../../core/logger';
import { AuditLogEntrySchema } from '../../handoff/handoff-audit';
import { TeamNoteSchema } from '../../handoff/team-notes';
import type { Backend, ExpiryCounts, PurgeCounts } from '../backend';
import { SqliteArchive } from './sqlite-archive';
import { openSqliteDatabase } from './sqlite-database';
import { SqliteDirectLineStore } from './sqlite-directline-store';
import { SqliteHandoffQueue } from './sqlite-handoff-queue';
import { SqliteRecordLog } from './sqlite-record-log';
import { SqliteStorage } from './sqlite-storage';
import { SqliteTranscriptStore } from './sqlite-transcript-store';

export interface SqliteBackendOptions {
  /** The database file, DATA_DIR/giftbot.db; its folder is created if need be. */
  file: string;
  log: Logger;
  /** How long a write waits for another process's lock (default 5 s) before failing with code 'locked'. */
  busyTimeoutMs?: number;
  /** The clock Direct Line uses for idle conversations (tests). */
  now?: () => number;
}

export type SqliteBackend = Backend & {
  kind: 'sqlite';
  /** Deletes everything personal about a conversation (a person's request to delete their data); the audit log stays. */
  purgeConversation(id: string): Promise<PurgeCounts>;
  /** Deletes transcript activities older than `before` (TRANSCRIPT_DAYS) and archived conversations closed before it; how many went. */
  expireTranscripts(before: Date): Promise<ExpiryCounts>;
};

/**
 * Everything giftbot keeps, in one SQLite file: state, transcripts, the handoff queue, the audit
 * log and the team's notes, the embedded Direct Line. Locks and the bus are in-process: one machine
 * may run several processes on the file (every change is atomic in SQL), but turns of one
 * conversation are only serialized, and events only heard, within a process.
 */
export function openSqliteBackend(options: SqliteBackendOptions): SqliteBackend {
  const { file, log } = options;
  const db = openSqliteDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
  const reportBadRow = (name: string) => (row: number, reason: string) => log.warn('storage.bad-row', { file, log: name, row, reason });

  const storage = new SqliteStorage(db);
  const transcripts = new SqliteTranscriptStore(db);
  const handoff = new SqliteHandoffQueue(db);
  const audit = new SqliteRecordLog(db, 'audit', AuditLogEntrySchema, reportBadRow('audit'));
  const notes = new SqliteRecordLog(db, 'notes', TeamNoteSchema, reportBadRow('notes'));
  const directLine = new SqliteDirectLineStore(db, options.now);
  const archive = new SqliteArchive(db, reportBadRow('archive'));
  const locks = new LocalLocks();
  // Reads a page of the file itself (SELECT 1 alone would never touch it).
  const probe = db.prepare<[]>('SELECT COUNT(*) FROM counters');
  log.info('storage.opened', { kind: 'sqlite', file });

  return {
    kind: 'sqlite',
    storage,
    transcripts,
    handoff,
    audit,
    notes,
    archive,
    directLine,
    locks,
    bus: new LocalBus((err) => log.error('bus.handler-failed', { error: err instanceof Error ? err.message : String(err) })),
    atomically: (conversationId, fn) => locks.run(conversationId, () => db.atomically(conversationId, fn)),

    async purgeConversation(id: string): Promise<PurgeCounts> {
      // One transaction: the person's data goes all at once, or (on a disk error) none of it does.
      const removed = db.write((): PurgeCounts => ({
        state: storage.removeConversation(id),
        transcript: transcripts.removeConversation(id),
        directLine: directLine.removeConversation(id),
        handoff: handoff.removeConversation(id),
        notes: notes.removeConversation(id),
        archive: archive.removeConversationRows(id),
      }));
      log.info('storage.purged', { removed });
      return removed;
    },

    expireTranscripts: async (before: Date) => ({ transcript: await transcripts.expire(before), archive: await archive.expire(before.getTime()) }),

    async ping(): Promise<void> {
      db.readOne(() => probe.get());
    },

    async close(): Promise<void> {
      db.close();
    },
  };
}
