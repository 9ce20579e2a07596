// WAL checkpoints off the event loop. SQLite's auto-checkpoint runs inside whichever commit crosses its
// threshold: two fsyncs with the loop blocked, tens of ms at worst. A worker thread with a connection of
// its own checkpoints on a timer instead, and the writing connection's auto-checkpoint is off only while
// that worker runs.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's default, restored when the worker is gone. */
const AUTO_CHECKPOINT_PAGES = 1000;

// Plain CommonJS evaluated in the worker, so it needs no TypeScript loader. PASSIVE never waits for
// readers or writers; a busy checkpoint is simply tried again on the next tick.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
parentPort.postMessage('ready');
`;

export interface CheckpointOptions {
  /** The worker starts this long after opening, so short-lived stores (tests, CLI) never start one. */
  delayMs?: number | undefined;
  everyMs?: number | undefined;
}

/** Starts checkpointing `path` in a worker; the returned function stops it (before `db` is closed). */
export function checkpointInBackground(db: Database.Database, path: string, options: CheckpointOptions = {}): () => Promise<void> {
  if (path === '' || path === ':memory:' || path.startsWith('file:')) return async () => undefined;
  let worker: Worker | undefined;
  let stopped = false;
  const autoCheckpoint = (pages: number) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${pages}`);
  };
  const start = setTimeout(() => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(WORKER, { eval: true, execArgv: [], workerData: { driver, path, everyMs: options.everyMs ?? 100 } });
    started.unref();
    started.once('message', () => {
      if (!stopped) autoCheckpoint(0);
    });
    started.on('error', () => undefined);
    started.once('exit', () => autoCheckpoint(AUTO_CHECKPOINT_PAGES));
    worker = started;
  }, options.delayMs ?? 1000);
  start.unref();

  return async () => {
    stopped = true;
    clearTimeout(start);
    const running = worker;
    if (!running || running.threadId < 0) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // Held open until it has closed its connection, or the process could end first.
    running.ref();
    running.postMessage('stop');
    await exited;
  };
}
