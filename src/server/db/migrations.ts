// Versioned migrations of the tables that are not models (sessions, bookkeeping). Model tables
// follow their declarations (orm/schema.ts), as Odoo updates its tables from its models.
// Append new migrations; never edit one that has shipped.
import { sql } from "kysely";
import type { Database, Db } from "./database.ts";

export interface Migration {
  version: number;
  name: string;
  up(db: Db, database: Database): Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "http sessions",
    async up(db, database) {
      const t = database.helpers.columnType;
      await db.schema
        .createTable("http_session")
        .ifNotExists()
        .addColumn("sid", sql.raw(t("varchar")), (c) => c.primaryKey())
        .addColumn("uid", sql.raw(t("integer")))
        .addColumn("context", sql.raw(t("text")))
        .addColumn("create_date", sql.raw(t("varchar")), (c) => c.notNull())
        .addColumn("last_seen", sql.raw(t("varchar")), (c) => c.notNull())
        .execute();
    },
  },
  {
    version: 2,
    name: "password hashes",
    async up(db, database) {
      const t = database.helpers.columnType;
      await db.schema
        .createTable("res_users_password")
        .ifNotExists()
        .addColumn("user_id", sql.raw(t("integer")), (c) => c.primaryKey())
        .addColumn("hash", sql.raw(t("text")), (c) => c.notNull())
        .execute();
    },
  },
];

/** Applies the migrations not applied yet, each in its own transaction. Returns how many ran. */
export async function runMigrations(database: Database, migrations: Migration[] = MIGRATIONS): Promise<number> {
  const t = database.helpers.columnType;
  await database.kysely.schema
    .createTable("schema_migration")
    .ifNotExists()
    .addColumn("version", sql.raw(t("integer")), (c) => c.primaryKey())
    .addColumn("name", sql.raw(t("text")), (c) => c.notNull())
    .addColumn("applied_at", sql.raw(t("varchar")), (c) => c.notNull())
    .execute();
  const done = new Set((await database.kysely.selectFrom("schema_migration").select("version").execute()).map((row) => Number(row.version)));
  let count = 0;
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    await database.transaction(async (trx) => {
      await migration.up(trx, database);
      await trx.insertInto("schema_migration").values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() }).execute();
    });
    count++;
  }
  return count;
}
