// The only place where SQLite and PostgreSQL differ: column types, booleans, and how the
// steps of one conversation are serialized (row lock on PostgreSQL; on SQLite, where one
// process owns the file and one connection runs every query, steps run one after the other,
// grouped into shared commits).
import { sql } from "kysely";
import type { Db, Trx } from "./database.ts";
import { GroupCommit, MAX_GROUP, type SavepointConnection } from "./group-commit.ts";

export type DialectName = "sqlite" | "postgres";
export type ColumnKind = "id" | "integer" | "float" | "boolean" | "text" | "varchar";

export interface DialectHelpers {
  columnType(kind: ColumnKind): string;
  /** Value to store for a boolean. */
  toBoolean(value: boolean): boolean | number;
  /**
   * Runs `fn` in a transaction that holds the lock of row `id` of `table`: two callers with the
   * same row run one after the other, even across processes on PostgreSQL.
   */
  withRowLock<T>(db: Db, table: string, id: number, fn: (trx: Trx) => Promise<T>): Promise<T>;
  /** Runs `fn` while no other process runs its own startup (migrations, schema, seed) on this database. */
  withStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T>;
}

/** Arbitrary key of the startup advisory lock. */
const STARTUP_LOCK_KEY = 726_913_001;

/** One group commit per SQLite database. */
const groupCommits = new WeakMap<Db, GroupCommit>();

function groupCommitOf(db: Db, connection: SavepointConnection | null): GroupCommit {
  let group = groupCommits.get(db);
  if (!group) groupCommits.set(db, (group = new GroupCommit(db, MAX_GROUP, connection)));
  return group;
}

/** `sqliteConnection`: the connection under the SQLite database, for its group commit's savepoints. */
export function dialectHelpers(name: DialectName, sqliteConnection: SavepointConnection | null = null): DialectHelpers {
  if (name === "postgres") {
    return {
      columnType: (kind) =>
        ({ id: "serial primary key", integer: "integer", float: "double precision", boolean: "boolean", text: "text", varchar: "varchar" })[kind],
      toBoolean: (value) => value,
      withRowLock: (db, table, id, fn) =>
        db.transaction().execute(async (trx) => {
          await sql`select id from ${sql.table(table)} where id = ${id} for update`.execute(trx);
          return fn(trx);
        }),
      // A session-level advisory lock, held on one pinned connection while fn uses the pool.
      withStartupLock: (db, fn) =>
        db.connection().execute(async (connection) => {
          await sql`select pg_advisory_lock(${STARTUP_LOCK_KEY})`.execute(connection);
          try {
            return await fn();
          } finally {
            await sql`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.execute(connection);
          }
        }),
    };
  }
  return {
    columnType: (kind) =>
      ({ id: "integer primary key autoincrement", integer: "integer", float: "real", boolean: "integer", text: "text", varchar: "text" })[kind],
    toBoolean: (value) => (value ? 1 : 0),
    // Every step is serialized anyway (one connection); the group shares one commit.
    withRowLock: (db, _table, _id, fn) => groupCommitOf(db, sqliteConnection).run(fn),
    // One process owns the SQLite file.
    withStartupLock: (_db, fn) => fn(),
  };
}
