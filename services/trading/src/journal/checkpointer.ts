import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// WAL checkpoints off the hot path. SQLite normally checkpoints inside the commit that crosses
// wal_autocheckpoint pages: that commit then copies the log into the database and syncs the
// file, a 1-2 ms stall of the event loop every few hundred fills, the whole p99 of the fill
// path. Here a worker thread with its own connection runs PASSIVE checkpoints every
// `intervalMs` (they never block the writer). Each checkpoint also syncs the log to disk, so
// under synchronous=NORMAL it bounds how much a machine crash can take: what was committed more
// than about one interval ago is on disk.

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
let failures = 0;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
  } catch (error) {
    if (++failures === 1) parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(path: string, intervalMs: number, onError: (message: string) => void = () => {}) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver } });
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) onError(message.error);
    });
    this.worker.on('error', (error) => onError(error.message));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    this.worker.ref(); // keep the process alive until the worker has closed its connection
    this.worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
    clearTimeout(timer);
    await this.worker.terminate();
  }
}
