// Prepared statements of better-sqlite3, kept per SQL text. Kysely prepares every query anew,
// and preparing costs about as much as running a small query; the ORM issues the same few
// hundred SQL texts again and again, so they are prepared once. Bounded, oldest dropped first.
import type SQLite from "better-sqlite3";

const MAX_STATEMENTS = 2_000;

export function withStatementCache(file: SQLite.Database): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = file.prepare.bind(file);
  // An own property in front of the prototype's method (a Proxy would tax every other call).
  Object.defineProperty(file, "prepare", {
    configurable: true,
    value: (source: string) => {
      let statement = statements.get(source);
      // A statement still being iterated (a streamed query) cannot run twice at once.
      if (!statement || statement.busy) {
        statement = prepare(source);
        statements.set(source, statement);
        if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  });
  return file;
}
