import path from 'node:path';
import Database from 'better-sqlite3';

/** A server's audit log or team notes, read straight from its SQLite file (as an operator would). */
// any: tests pick fields of whichever entry kind they expect; the server validated them on write.
export function readRecords(dataDir: string, log: 'audit' | 'notes'): Array<Record<string, any>> {
  const db = new Database(path.join(dataDir, 'giftbot.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT entry FROM record_log WHERE log = ? ORDER BY n').all(log) as Array<{ entry: string }>;
    return rows.map((row) => JSON.parse(row.entry) as Record<string, any>);
  } finally {
    db.close();
  }
}
