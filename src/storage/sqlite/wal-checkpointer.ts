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
 * Copies the WAL into the database file from a worker thread. SQLite's automatic checkpoint runs
 * inside whichever commit crosses 1,000 pages, on the event loop: that commit copies and syncs
 * megabytes while every other request waits (bench:load with no checkpoint at all: p50 52 → 21 ms).
 * Turning it off instead lets the WAL grow without bound (268 MB in a minute), because only a
 * completed checkpoint followed by a commit starts it over — so it stays on, with little left to copy.
 * A worker that fails only costs that speed; `onFailure` hears why.
 */
export function startWalCheckpointer(file: string, onFailure: (reason: string) => void = () => undefined): WalCheckpointer {
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
