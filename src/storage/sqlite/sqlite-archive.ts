import { z } from 'zod';
import {
  archiveWords,
  ArchivedConversationSchema,
  ArchiveQuerySchema,
  REPORT_RANGE_MAX,
  type ArchivedConversation,
  type ArchiveQuery,
  type ConversationArchive,
} from '../../handoff/conversation-archive';
import type { SqliteDatabase, Statement } from './sqlite-database';

const EntryRowSchema = z.object({ n: z.number().int(), entry: z.string() });

/** How many differently shaped searches keep their prepared statement (there are at most 2^9 shapes). */
const STATEMENTS_KEPT = 512;

/**
 * Closed conversations in the `archive` table, their words in the FTS5 table `archive_text`
 * (rowid = archive.n). Filters are SQL conditions on columns; text is an FTS5 MATCH of every word,
 * each quoted, so nothing a person types is ever read as FTS5 syntax. Rows that don't parse are
 * skipped and reported, never fatal.
 */
export class SqliteArchive implements ConversationArchive {
  private readonly findRow: Statement<[string]>;
  private readonly insertRow: Statement<[string, string, string, string | null, string | null, string | null, string | null, number, string]>;
  private readonly deleteRow: Statement<[number]>;
  private readonly insertWords: Statement<[number, string]>;
  private readonly deleteWords: Statement<[number]>;
  private readonly selectOne: Statement<[string]>;
  private readonly selectRange: Statement<[number, number, number]>;
  private readonly rowsOfConversation: Statement<[string]>;
  private readonly expireWords: Statement<[number]>;
  private readonly expireRows: Statement<[number]>;
  private readonly searches = new Map<string, Statement<unknown[]>>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly onBadRow: (row: number, reason: string) => void = () => undefined,
  ) {
    this.findRow = db.prepare<[string]>('SELECT n FROM archive WHERE handoff_id = ?').pluck();
    this.insertRow = db.prepare('INSERT INTO archive (handoff_id, conversation_id, channel, user_id, brand, agent_id, reason, closed_at, entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.deleteRow = db.prepare('DELETE FROM archive WHERE n = ?');
    this.insertWords = db.prepare('INSERT INTO archive_text (rowid, words) VALUES (?, ?)');
    this.deleteWords = db.prepare('DELETE FROM archive_text WHERE rowid = ?');
    this.selectOne = db.prepare('SELECT n, entry FROM archive WHERE handoff_id = ?');
    this.selectRange = db.prepare('SELECT n, entry FROM archive WHERE closed_at >= ? AND closed_at < ? ORDER BY closed_at, n LIMIT ?');
    this.rowsOfConversation = db.prepare<[string]>('SELECT n FROM archive WHERE conversation_id = ?').pluck();
    // Words first, while their rows still say which they are (archive_by_closed finds them).
    this.expireWords = db.prepare('DELETE FROM archive_text WHERE rowid IN (SELECT n FROM archive WHERE closed_at < ?)');
    this.expireRows = db.prepare('DELETE FROM archive WHERE closed_at < ?');
  }

  async save(entry: ArchivedConversation): Promise<void> {
    const e = ArchivedConversationSchema.parse(entry);
    const words = archiveWords(`${e.summary} ${e.text}`).join(' ');
    // Replace, words and all, in one transaction: a search never sees the entry half saved.
    this.db.write(() => {
      const old = this.findRow.get(e.handoffId);
      if (typeof old === 'number') this.removeRow(old);
      const { lastInsertRowid } = this.insertRow.run(e.handoffId, e.conversationId, e.channel, e.userId, e.brand, e.agent?.id ?? null, e.reason, e.closedAt, JSON.stringify(e));
      this.insertWords.run(Number(lastInsertRowid), words);
    });
  }

  async get(handoffId: string): Promise<ArchivedConversation | undefined> {
    return this.parse(this.db.readOne(() => this.selectOne.all(handoffId)))[0];
  }

  async search(query: ArchiveQuery): Promise<ArchivedConversation[]> {
    const q = ArchiveQuerySchema.parse(query);
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      conditions.push(condition);
      params.push(value);
    };
    if (q.brand !== undefined) where('brand = ?', q.brand);
    if (q.agent !== undefined) where('agent_id = ?', q.agent);
    if (q.reason !== undefined) where('reason = ?', q.reason);
    if (q.channel !== undefined) where('channel = ?', q.channel);
    if (q.userId !== undefined) where('user_id = ?', q.userId);
    if (q.from !== undefined) where('closed_at >= ?', q.from);
    if (q.to !== undefined) where('closed_at < ?', q.to);
    if (q.tag !== undefined) where("EXISTS (SELECT 1 FROM json_each(entry, '$.tags') WHERE value = ?)", q.tag);
    const words = archiveWords(q.text ?? '');
    // Each word a quoted FTS5 string (archiveWords holds only letters and digits, so no quote to
    // escape): `"OR*` becomes "or", never an operator. Words side by side must all be there.
    if (words.length > 0) where('n IN (SELECT rowid FROM archive_text WHERE archive_text MATCH ?)', words.map((w) => `"${w}"`).join(' '));
    const sql = `SELECT n, entry FROM archive${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY closed_at DESC, n DESC LIMIT ?`;
    const statement = this.statement(sql);
    return this.parse(this.db.readOne(() => statement.all(...params, q.limit)));
  }

  async range(from: number, to: number): Promise<ArchivedConversation[]> {
    return this.parse(this.db.readOne(() => this.selectRange.all(from, to, REPORT_RANGE_MAX)));
  }

  async removeConversation(conversationId: string): Promise<void> {
    this.db.write(() => this.removeConversationRows(conversationId));
  }

  /** As removeConversation, synchronously, so a purge's `db.write` joins it to the other deletions; how many went. */
  removeConversationRows(conversationId: string): number {
    const rows = this.rowsOfConversation.all(conversationId).filter((n): n is number => typeof n === 'number');
    for (const n of rows) this.removeRow(n);
    return rows.length;
  }

  async expire(before: number): Promise<number> {
    // One transaction: a search never finds words whose entry is gone, or an entry without its words.
    return this.db.write(() => {
      this.expireWords.run(before);
      return this.expireRows.run(before).changes;
    });
  }

  private removeRow(n: number): void {
    this.deleteWords.run(n);
    this.deleteRow.run(n);
  }

  private statement(sql: string): Statement<unknown[]> {
    let statement = this.searches.get(sql);
    if (!statement) {
      if (this.searches.size >= STATEMENTS_KEPT) this.searches.clear();
      statement = this.db.prepare<unknown[]>(sql);
      this.searches.set(sql, statement);
    }
    return statement;
  }

  private parse(rows: unknown[]): ArchivedConversation[] {
    const entries: ArchivedConversation[] = [];
    rows.forEach((row, index) => {
      const parsedRow = EntryRowSchema.safeParse(row);
      try {
        if (!parsedRow.success) throw parsedRow.error;
        entries.push(ArchivedConversationSchema.parse(JSON.parse(parsedRow.data.entry)));
      } catch (err) {
        this.onBadRow(parsedRow.success ? parsedRow.data.n : index + 1, err instanceof Error ? err.message.slice(0, 200) : 'unreadable');
      }
    });
    return entries;
  }
}
