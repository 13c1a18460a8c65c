// Opens the database: embedded SQLite (better-sqlite3, WAL) under DATA_DIR, or PostgreSQL when a
// URL is given. Everything above this module speaks Kysely and never asks which one it is,
// except through `dialect` for the few things that differ (see dialect.ts).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import { dialectHelpers, type DialectHelpers, type DialectName } from "./dialect.ts";
import { withStatementCache } from "./statement-cache.ts";
import { MAIN_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from "./wal-checkpointer.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Trx = Transaction<any>;
/** Anything queries can run on: the database or a transaction. */
export type Executor = Db | Trx;

export interface DatabaseConfig {
  /** postgres://… ; when absent, SQLite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Database name (SQLite file name, and what /web/database/list shows). */
  name: string;
}

export interface Database {
  readonly kysely: Db;
  readonly dialect: DialectName;
  readonly helpers: DialectHelpers;
  readonly name: string;
  /** The SQLite connection itself (null on PostgreSQL), for statements inside a transaction. */
  readonly sqlite: SQLite.Database | null;
  /** Runs `fn` in one transaction (committed on success, rolled back on a throw). */
  transaction<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: Number(process.env.PG_POOL_SIZE ?? 10) });
    // An idle connection lost (database restarted) is dropped by the pool and replaced on the
    // next query; without this listener the 'error' event would stop the process.
    pool.on("error", () => undefined);
    // The same for a connection lost while checked out: its query fails (a 503 for the caller).
    pool.on("connect", (client) => client.on("error", () => undefined));
    // int8 (count(*), bigserial) as numbers: ids and counts stay far below 2^53.
    pg.types.setTypeParser(20, (value: string) => Number(value));
    pg.types.setTypeParser(1700, (value: string) => Number(value));
    return makeDatabase(new Kysely({ dialect: new PostgresDialect({ pool }) }), "postgres", config.name, null);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, `${config.name}.sqlite`);
  const file = new SQLite(path);
  file.pragma("journal_mode = WAL");
  // Commits are durable against a killed process (the WAL is written before each answer);
  // syncing to disk happens at checkpoints, which a worker thread runs.
  file.pragma("synchronous = NORMAL");
  file.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES}`);
  file.pragma("foreign_keys = OFF");
  file.pragma("busy_timeout = 5000");
  // LIKE case-sensitive as on PostgreSQL; ilike lowers both sides.
  file.pragma("case_sensitive_like = ON");
  const checkpointer = startWalCheckpointer(path);
  const connection = withStatementCache(file);
  const database = makeDatabase(new Kysely({ dialect: new SqliteDialect({ database: connection }) }), "sqlite", config.name, connection);
  return {
    ...database,
    async close() {
      await checkpointer.stop();
      await database.close();
    },
  };
}

function makeDatabase(kysely: Db, dialect: DialectName, name: string, sqlite: SQLite.Database | null): Database {
  const helpers = dialectHelpers(dialect, sqlite);
  return {
    kysely,
    dialect,
    helpers,
    name,
    sqlite,
    transaction: (fn) => kysely.transaction().execute(fn),
    close: () => kysely.destroy(),
  };
}
