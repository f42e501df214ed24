import { z } from 'zod';
import type { RecordLog } from '../../core/record-log';
import type { SqliteDatabase, Statement } from './sqlite-database';

const EntryRowSchema = z.object({ n: z.number().int(), entry: z.string() });

/**
 * The fields a log keeps in columns, when an entry has them (audit entries and notes do): the
 * conversation, so one person's entries can be deleted, and the time, for reading by hand.
 * A field of another type is simply not indexed.
 */
const IndexedFieldsSchema = z.object({
  conversationId: z.string().optional().catch(undefined),
  at: z.string().optional().catch(undefined),
});

/**
 * A named append-only log in one shared table. Entries are checked against the schema when written
 * and again when read: a row that no longer fits (a hand edit, an older giftbot) is skipped and
 * reported with its row number, never fatal.
 */
export class SqliteRecordLog<S extends z.ZodType> implements RecordLog<z.infer<S>> {
  private readonly insert: Statement<[string, string | null, string | null, string]>;
  private readonly select: Statement<[string]>;
  private readonly selectConversation: Statement<[string, string]>;
  private readonly removeConversationRows: Statement<[string, string]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly name: string,
    private readonly schema: S,
    private readonly onBadRow: (row: number, reason: string) => void = () => undefined,
  ) {
    this.insert = db.prepare('INSERT INTO record_log (log, conversation_id, at, entry) VALUES (?, ?, ?, ?)');
    this.select = db.prepare('SELECT n, entry FROM record_log WHERE log = ? ORDER BY n');
    // record_log_by_conversation (conversation_id, log): one conversation's notes without the whole log.
    this.selectConversation = db.prepare('SELECT n, entry FROM record_log WHERE conversation_id = ? AND log = ? ORDER BY n');
    this.removeConversationRows = db.prepare('DELETE FROM record_log WHERE log = ? AND conversation_id = ?');
  }

  async append(entry: z.infer<S>): Promise<void> {
    // Only the schema's fields are kept: parse strips whatever else the caller's object carried.
    const parsed: unknown = this.schema.parse(entry);
    const indexed = IndexedFieldsSchema.safeParse(parsed);
    const conversationId = indexed.success ? (indexed.data.conversationId ?? null) : null;
    const at = indexed.success ? (indexed.data.at ?? null) : null;
    const json = JSON.stringify(parsed);
    this.db.write(() => this.insert.run(this.name, conversationId, at, json));
  }

  async read(): Promise<Array<z.infer<S>>> {
    return this.entriesOf(this.db.readOne(() => this.select.all(this.name)));
  }

  async readConversation(conversationId: string): Promise<Array<z.infer<S>>> {
    return this.entriesOf(this.db.readOne(() => this.selectConversation.all(conversationId, this.name)));
  }

  private entriesOf(rows: unknown[]): Array<z.infer<S>> {
    const entries: Array<z.infer<S>> = [];
    rows.forEach((row, index) => {
      const parsedRow = EntryRowSchema.safeParse(row);
      try {
        if (!parsedRow.success) throw parsedRow.error;
        entries.push(this.schema.parse(JSON.parse(parsedRow.data.entry)));
      } catch (err) {
        this.onBadRow(parsedRow.success ? parsedRow.data.n : index + 1, err instanceof Error ? err.message.slice(0, 200) : 'unreadable');
      }
    });
    return entries;
  }

  /** Deletes this log's entries about a conversation (those with a `conversationId`); how many went. */
  async deleteConversation(conversationId: string): Promise<number> {
    return this.db.write(() => this.removeConversation(conversationId));
  }

  /** As deleteConversation, synchronously, so a caller's `db.write` can join it to other deletions. */
  removeConversation(conversationId: string): number {
    return this.removeConversationRows.run(this.name, conversationId).changes;
  }
}
