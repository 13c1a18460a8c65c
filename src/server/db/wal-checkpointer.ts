// Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the WAL back into the
// database file and syncs both; run by the committing connection (SQLite's default, every 1,000
// pages) it stalls every reply behind it. A worker thread with its own connection checkpoints
// instead, without blocking writers; the main connection keeps a far higher automatic limit, so
// the WAL still stays bounded if the worker ever falls behind.
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

/** Pages of WAL after which a commit checkpoints by itself (SQLite's default is 1,000). */
export const MAIN_AUTOCHECKPOINT_PAGES = 20_000;
const INTERVAL_MS = 250;

// Plain JavaScript (an eval worker) so it runs the same with or without a TypeScript loader.
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const SQLite = require(workerData.driver);
const file = new SQLite(workerData.path);
file.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { file.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy or closing: the next tick retries */ }
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); file.close(); process.exit(0); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(path: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs: INTERVAL_MS } });
  // Never keeps the process alive, and a failing worker only leaves checkpoints to the main connection.
  worker.unref();
  worker.on("error", () => undefined);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    stop: () => {
      worker.postMessage("stop");
      return exited;
    },
  };
}
