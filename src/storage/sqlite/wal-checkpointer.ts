import { Worker } from 'node:worker_threads';

/** How often the worker copies the write-ahead log into the database file. */
const CHECKPOINT_EVERY_MS = 500;

// Plain JavaScript run as an eval worker: the same code under ts-jest and from dist/. It opens its own
// connection to the file; a PASSIVE checkpoint never waits for a lock and never blocks a writer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: err && err.message ? err.message : String(err) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Stops checkpointing; the worker closes its connection and ends on its own. */
  stop(): void;
}

/**
 * Checkpoints the WAL from a worker thread. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 pages, on the event loop: that commit then copies and syncs megabytes while
 * every other request waits (measured: p50 52 → 21 ms, p99 253 → 169 ms at 200 visitors without
 * it). The caller turns the automatic checkpoint off and, if the worker fails, back on (`onFailure`).
 */
export function startWalCheckpointer(file: string, onFailure: (reason: string) => void): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  let failed = false;
  const fail = (reason: string) => {
    if (failed) return;
    failed = true;
    onFailure(reason);
  };
  worker.on('message', (message: { error?: string }) => fail(message.error ?? 'unknown'));
  worker.on('error', (err) => fail(err.message));
  worker.on('exit', (code) => code !== 0 && fail(`checkpoint worker exited with ${code}`));
  return {
    stop: () => {
      failed = true; // a stop is no failure; nothing to fall back to
      worker.postMessage('stop');
    },
  };
}
