// Hot queries, built with Kysely once and then run with new values. Building and compiling a
// query costs more than SQLite takes to run it; a visitor's reply runs about a dozen queries of
// the same few shapes, so each shape is compiled once per dialect and reused, its values still
// sent as bound parameters. Inside a SQLite transaction, which holds the one connection, the
// statement runs on it directly: Kysely's per-query connection hand-over is the larger cost.
import { CompiledQuery, type Compilable } from "kysely";
import type { Database, Executor } from "./database.ts";

const MARK = "\u0000prepared:";

/** A value in the built query that is given at each run. */
export type Slot<T> = T & { readonly __slot: unique symbol };

/** Where a query runs: the database, and the transaction (or the database itself). */
export interface QueryTarget {
  readonly database: Database;
  readonly db: Executor;
}

interface Compiled {
  sql: string;
  /** For each parameter: the path of a slot in the values, or the fixed value it had when built. */
  parameters: ({ path: string[] } | { value: unknown })[];
}

/** The value at `path` ("rows.1.body" → values.rows[1].body). */
function valueAt(values: unknown, path: string[]): unknown {
  let value = values;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return value;
}

/**
 * `prepared((db, slot) => db.selectFrom("t").selectAll().where("id", "=", slot("id")))` returns
 * `run(env, { id: 7 })`. Every slot must appear in the query as a plain value. A dotted slot
 * name reads a nested value: `slot("rows.0.name")` is `values.rows[0].name`.
 */
export function prepared<Values extends Record<string, unknown>, Row>(
  build: (db: Executor, slot: <K extends keyof Values & string>(name: K) => Slot<Values[K]>) => Compilable<Row>,
): (target: QueryTarget, values: Values) => Promise<Row[]> {
  // Per query adapter (one per dialect and database), so SQLite and PostgreSQL texts never mix.
  const compiled = new WeakMap<object, Compiled>();
  return async ({ database, db }, values) => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      const built = build(db, (name) => `${MARK}${name}` as never).compile();
      query = {
        sql: built.sql,
        parameters: built.parameters.map((value) => (typeof value === "string" && value.startsWith(MARK) ? { path: value.slice(MARK.length).split(".") } : { value })),
      };
      compiled.set(adapter, query);
    }
    const parameters = query.parameters.map((p) => ("path" in p ? valueAt(values, p.path) : p.value));
    if (database.sqlite && db.isTransaction) {
      const statement = database.sqlite.prepare(query.sql);
      if (statement.reader) return statement.all(parameters) as Row[];
      statement.run(parameters);
      return [];
    }
    const result = await db.executeQuery<Row>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  };
}
