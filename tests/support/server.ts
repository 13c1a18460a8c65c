// Starts the embedded ERP as a real child process on an ephemeral loopback port, on a fresh
// SQLite directory or a fresh PostgreSQL database, and stops it again.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { SERVER_NODE_FLAGS } from "../../src/server/node-flags.ts";

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  dataDir: string;
  databaseUrl?: string;
  env: Record<string, string>;
  stop(): Promise<void>;
  /** Stops hard (SIGKILL) and keeps the data, for crash tests. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** PostgreSQL server URL with CREATEDB rights: a fresh database is made on it. */
  postgresAdminUrl?: string;
  /** Reuse this data (SQLite dir or database URL) instead of a fresh one. */
  dataDir?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  port?: number;
}

const ROOT = new URL("../../", import.meta.url).pathname;

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `cb_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "cb-data-"));
  let databaseUrl = options.databaseUrl;
  const fresh = !options.dataDir && !options.databaseUrl;
  if (!databaseUrl && options.postgresAdminUrl) databaseUrl = await createDatabase(options.postgresAdminUrl);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOST: "127.0.0.1",
    PORT: String(options.port ?? 0),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...(options.env ?? {}),
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", join(ROOT, "src/server/main.ts")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s\n${out}\n${err}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      // The server prints one JSON log line {"msg":"listening","url":...} when ready.
      for (const line of out.split("\n")) {
        if (!line.includes('"listening"')) continue;
        try {
          const entry = JSON.parse(line) as { url?: string };
          if (entry.url) {
            clearTimeout(timer);
            resolve(entry.url.replace(/\/$/, ""));
            return;
          }
        } catch {
          /* partial line */
        }
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      if (process.env.SERVER_LOG) process.stderr.write(chunk);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${out}\n${err}`));
    });
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    if (process.env.SERVER_LOG) process.stdout.write(chunk);
  });
  child.removeAllListeners("exit");
  const waitExit = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once("exit", () => resolve())));
  return {
    baseUrl,
    process: child,
    dataDir,
    databaseUrl,
    env,
    async stop() {
      child.kill("SIGTERM");
      await waitExit();
      if (fresh) {
        rmSync(dataDir, { recursive: true, force: true });
        if (databaseUrl && options.postgresAdminUrl) await dropDatabase(options.postgresAdminUrl, databaseUrl);
      }
    },
    async kill() {
      child.kill("SIGKILL");
      await waitExit();
    },
  };
}
