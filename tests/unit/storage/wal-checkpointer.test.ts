import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startWalCheckpointer } from '../../../src/storage/sqlite/wal-checkpointer';

describe('the WAL checkpoint worker', () => {
  test('when pages are committed, then the worker copies them into the database file, not the committing connection', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'giftbot_wal_')), 'wal.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0'); // this connection never copies the WAL itself
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT)');
    const failures: string[] = [];
    const checkpointer = startWalCheckpointer(file, (reason) => failures.push(reason));
    try {
      const insert = db.prepare('INSERT INTO t (text) VALUES (?)');
      for (let i = 0; i < 200; i++) insert.run('x'.repeat(2000));
      // 200 rows of 2 KB: until a checkpoint copies them, they live only in giftbot.db-wal.
      expect(statSync(file).size).toBeLessThan(100_000);
      const size = await waitFor(() => statSync(file).size, (bytes) => bytes > 400_000, 5000);
      expect(size).toBeGreaterThan(400_000);
      expect(failures).toEqual([]);
    } finally {
      checkpointer.stop();
      db.close();
    }
  });

  test('when the file cannot be opened, then the failure is reported rather than thrown', async () => {
    const failures: string[] = [];
    startWalCheckpointer(path.join(tmpdir(), 'giftbot_wal_missing', 'none.db'), (reason) => failures.push(reason));
    const reported = await waitFor(() => failures.length, (n) => n > 0, 5000);
    expect(reported).toBe(1);
    expect(failures[0]).toMatch(/unable to open|does not exist|no such file/i);
  });
});

async function waitFor<T>(read: () => T, done: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
