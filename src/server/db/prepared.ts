// Hot queries, built with Kysely once and then run with new values. Building and compiling a
// query costs more than SQLite takes to run it; a visitor's reply runs about a dozen queries of
// the same few shapes, so each shape is compiled once per dialect and reused, its values still
// sent as bound parameters.
import { CompiledQuery, type Compilable } from "kysely";
import type { Executor } from "./database.ts";

const MARK = "\u0000prepared:";

/** A value in the built query that is given at each run. */
export type Slot<T> = T & { readonly __slot: unique symbol };

interface Compiled {
  sql: string;
  /** For each parameter: the name of a slot, or the fixed value it had when built. */
  parameters: ({ slot: string } | { value: unknown })[];
}

/**
 * `prepared((db, slot) => db.selectFrom("t").selectAll().where("id", "=", slot("id")))` returns
 * `run(executor, { id: 7 })`. Every slot must appear in the query as a plain value.
 */
export function prepared<Values extends Record<string, unknown>, Row>(
  build: (db: Executor, slot: <K extends keyof Values & string>(name: K) => Slot<Values[K]>) => Compilable<Row>,
): (executor: Executor, values: Values) => Promise<Row[]> {
  // Per query adapter (one per dialect and database), so SQLite and PostgreSQL texts never mix.
  const compiled = new WeakMap<object, Compiled>();
  return async (executor, values) => {
    const adapter = executor.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      const built = build(executor, (name) => `${MARK}${name}` as never).compile();
      query = {
        sql: built.sql,
        parameters: built.parameters.map((value) => (typeof value === "string" && value.startsWith(MARK) ? { slot: value.slice(MARK.length) } : { value })),
      };
      compiled.set(adapter, query);
    }
    const parameters = query.parameters.map((p) => ("slot" in p ? values[p.slot] : p.value));
    const result = await executor.executeQuery<Row>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  };
}
