// Tables from model declarations: creates missing tables, columns, relation tables and indexes
// (additive, like Odoo's module update). Runs at every start; cheap when nothing changed.
import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { ColumnKind } from "../db/dialect.ts";
import { isColumn, type FieldDef } from "./fields.ts";
import { relationTableOf } from "./model.ts";
import type { Registry } from "./registry.ts";

function kindOf(field: FieldDef): ColumnKind {
  switch (field.type) {
    case "integer":
    case "many2one":
      return "integer";
    case "float":
      return "float";
    case "boolean":
      return "boolean";
    case "char":
    case "selection":
    case "date":
    case "datetime":
      return "varchar";
    default:
      return "text";
  }
}

/**
 * Many2ones left without an index, as in Odoo: who created or last wrote a record is never
 * searched on a busy path, and every insert or update would write one more index page.
 */
const UNINDEXED = new Set(["create_uid", "write_uid"]);

export async function syncSchema(database: Database, registry: Registry): Promise<void> {
  const db = database.kysely;
  const t = database.helpers.columnType;
  const tables = new Map((await db.introspection.getTables()).map((table) => [table.name, new Set(table.columns.map((c) => c.name))]));
  /** Indexes to have: table and columns (one or several). */
  const indexes: [string, string[]][] = [];
  const unindexed: [string, string][] = [];
  for (const model of registry.all()) {
    const columns = Object.values(model.fields).filter((field) => isColumn(field) && field.name !== "id");
    const existing = tables.get(model.table);
    if (!existing) {
      let create = db.schema.createTable(model.table).addColumn("id", sql.raw(t("id")));
      for (const field of columns) create = create.addColumn(field.name, sql.raw(t(kindOf(field))));
      for (const unique of model.unique ?? []) create = create.addUniqueConstraint(`${model.table}_${unique.join("_")}_unique`, unique as never[]);
      await create.execute();
    } else {
      for (const field of columns) {
        if (!existing.has(field.name)) await db.schema.alterTable(model.table).addColumn(field.name, sql.raw(t(kindOf(field)))).execute();
      }
    }
    for (const columns of model.indexes ?? []) indexes.push([model.table, columns]);
    // A unique constraint or an index led by a column already indexes it.
    const leading = new Set([...(model.unique ?? []), ...(model.indexes ?? [])].map((columns) => columns[0]));
    for (const field of columns) {
      const wanted = !UNINDEXED.has(field.name) && !leading.has(field.name) && (field.index ?? field.type === "many2one");
      if (wanted) indexes.push([model.table, [field.name]]);
      else unindexed.push([model.table, field.name]);
    }
    for (const field of Object.values(model.fields)) {
      if (field.type !== "many2many" || field.related || field.compute || field.store === false) continue;
      const rel = relationTableOf(model, field);
      if (tables.has(rel.table)) continue;
      await db.schema
        .createTable(rel.table)
        .ifNotExists()
        .addColumn(rel.column1, sql.raw(t("integer")), (c) => c.notNull())
        .addColumn(rel.column2, sql.raw(t("integer")), (c) => c.notNull())
        .addPrimaryKeyConstraint(`${rel.table}_pkey`, [rel.column1, rel.column2])
        .execute();
      tables.set(rel.table, new Set([rel.column1, rel.column2]));
      indexes.push([rel.table, [rel.column2]]);
    }
  }
  const present = await indexNames(database);
  for (const [table, columns] of indexes) {
    const name = `${table}_${columns.join("_")}_index`;
    if (!present.has(name)) await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }
  // Databases made before a column was left unindexed lose its index.
  for (const [table, column] of unindexed) {
    const name = `${table}_${column}_index`;
    if (present.has(name)) await db.schema.dropIndex(name).ifExists().execute();
  }
}

/** The indexes the database has now, so that a start issues no statement for those in place. */
async function indexNames(database: Database): Promise<Set<string>> {
  const query =
    database.dialect === "postgres"
      ? sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`
      : sql<{ name: string }>`select name from sqlite_master where type = 'index'`;
  const { rows } = await query.execute(database.kysely);
  return new Set(rows.map((row) => row.name));
}
