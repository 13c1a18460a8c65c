// Storage and the model layer on a real SQLite file: migrations, schema from declarations,
// domains, x2many commands, ondelete, and the per-conversation lock.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../../src/server/db/database.ts";
import { runMigrations } from "../../../src/server/db/migrations.ts";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { GroupCommit } from "../../../src/server/db/group-commit.ts";
import { prepared } from "../../../src/server/db/prepared.ts";
import type { Trx } from "../../../src/server/db/database.ts";
import { KeyedMutex } from "../../../src/server/db/keyed-mutex.ts";
import { defineModel } from "../../../src/server/orm/model.ts";
import { fields } from "../../../src/server/orm/fields.ts";
import { Registry } from "../../../src/server/orm/registry.ts";
import { syncSchema } from "../../../src/server/orm/schema.ts";
import { Env } from "../../../src/server/orm/env.ts";
import { andDomains, normalizeDomain } from "../../../src/server/orm/domain.ts";
import { OdooError } from "../../../src/server/orm/errors.ts";

const tag = defineModel({ name: "x.tag", description: "Tag", fields: { name: fields.char({ required: true }) } });
const owner = defineModel({
  name: "x.owner",
  description: "Owner",
  order: "name, id",
  fields: {
    name: fields.char({ required: true }),
    active: fields.boolean({ default: true }),
    rank: fields.integer({ default: 10 }),
    line_ids: fields.one2many("x.line", "owner_id", { copy: true }),
    tag_ids: fields.many2many("x.tag"),
  },
});
const line = defineModel({
  name: "x.line",
  description: "Line",
  order: "sequence, id",
  fields: {
    name: fields.char({ required: true }),
    sequence: fields.integer(),
    owner_id: fields.many2one("x.owner", { required: true, ondelete: "cascade" }),
    keeper_id: fields.many2one("x.keeper", { ondelete: "restrict" }),
    marker_id: fields.many2one("x.tag", { index: false }),
    owner_name: fields.char({ related: "owner_id.name" }),
  },
  indexes: [["name", "sequence"]],
});
const keeper = defineModel({ name: "x.keeper", description: "Keeper", fields: { name: fields.char() } });
// Every model's create_uid/write_uid point at res.users.
const users = defineModel({ name: "res.users", description: "User", fields: { name: fields.char() } });

let dir: string;
let database: Database;
let env: Env;

QUnit.module("server: storage and models (SQLite)", (hooks) => {
  hooks.before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb-orm-"));
    database = openDatabase({ dataDir: dir, name: "orm_test" });
    const registry = new Registry([users, tag, owner, line, keeper]);
    assert_ok(await runMigrations(database) > 0);
    assert_ok((await runMigrations(database)) === 0);
    await syncSchema(database, registry);
    await syncSchema(database, registry); // idempotent
    env = new Env(database, database.kysely, registry, 1);
  });
  hooks.after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  QUnit.test("create with defaults and nested commands; read formats", async (assert) => {
    const [red, blue] = await env.model("x.tag").create([{ name: "red" }, { name: "blue" }]);
    const id = await env.model("x.owner").createOne({ name: "Ann", tag_ids: [[6, 0, [red, blue]]], line_ids: [[0, 0, { name: "l1", sequence: 2 }], [0, 0, { name: "l2", sequence: 1 }]] });
    const [row] = await env.model("x.owner").read([id], ["name", "active", "rank", "line_ids", "tag_ids", "display_name"]);
    assert.strictEqual(row!.active, true);
    assert.strictEqual(row!.rank, 10);
    assert.strictEqual((row!.line_ids as number[]).length, 2);
    assert.deepEqual(await env.model("x.line").read(row!.line_ids as number[], ["name", "owner_id", "owner_name"]).then((r) => r.map((x) => [x.name, x.owner_id, x.owner_name])), [
      ["l2", [id, "Ann"], "Ann"],
      ["l1", [id, "Ann"], "Ann"],
    ], "one2many in the comodel's order; many2one as [id, name]; related read through");
    assert.strictEqual(row!.display_name, "Ann");
  });

  QUnit.test("domains, archived records, related search", async (assert) => {
    const bob = await env.model("x.owner").createOne({ name: "Bob", rank: 3, active: false, line_ids: [[0, 0, { name: "b1" }]] });
    assert.deepEqual(await env.model("x.owner").search([["name", "=", "Bob"]]), [], "archived hidden");
    assert.deepEqual(await env.model("x.owner").withActive(false).search([["name", "=", "Bob"]]), [bob]);
    assert.deepEqual(await env.model("x.line").search([["owner_name", "=", "Bob"]]).then((ids) => ids.length), 1, "related field searched through its path");
    assert.deepEqual(await env.model("x.owner").search(["|", ["rank", "<", 5], ["name", "ilike", "an"]], { order: "rank desc" }).then((ids) => ids.length), 1, "Bob archived, Ann matches");
  });

  QUnit.test("ondelete: cascade, restrict, many2many rows", async (assert) => {
    const keeperId = await env.model("x.keeper").createOne({ name: "k" });
    const id = await env.model("x.owner").createOne({ name: "Cid", line_ids: [[0, 0, { name: "c1", keeper_id: keeperId }]] });
    try {
      await env.model("x.keeper").unlink([keeperId]);
      assert.ok(false, "restrict must refuse");
    } catch (error) {
      assert.ok(error instanceof OdooError && error.exceptionName === "odoo.exceptions.ValidationError", "restrict refuses");
    }
    await env.model("x.owner").unlink([id]);
    assert.strictEqual(await env.model("x.line").searchCount([["name", "=", "c1"]]), 0, "cascade");
    await env.model("x.keeper").unlink([keeperId]);
    assert.strictEqual(await env.model("x.keeper").searchCount([]), 0, "allowed once nothing refers to it");
  });

  QUnit.test("indexes: many2ones have one unless index is false, several columns have one if declared; an index left from before is dropped", async (assert) => {
    const indexes = async () =>
      (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'x_line' and name not like 'sqlite_%' order by name`.execute(database.kysely)).rows.map((r) => r.name);
    const expected = ["x_line_keeper_id_index", "x_line_name_sequence_index", "x_line_owner_id_index"];
    assert.deepEqual(await indexes(), expected);
    await sql`create index x_line_marker_id_index on x_line (marker_id)`.execute(database.kysely);
    await sql`create index x_line_name_index on x_line (name)`.execute(database.kysely);
    await syncSchema(database, new Registry([users, tag, owner, line, keeper]));
    assert.deepEqual(await indexes(), expected, "marker_id's index, and one on name (led by the composite index), dropped again");
  });

  QUnit.test("ondelete over more rows than one statement binds: set null, then cascade", async (assert) => {
    const marker = await env.model("x.tag").createOne({ name: "marker" });
    const ownerId = await env.model("x.owner").createOne({ name: "Many" });
    // More rows than SQLite takes bound values in one statement.
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 40000)
      insert into x_line (name, owner_id, marker_id) select 'm' || i, ${ownerId}, ${marker} from n`.execute(database.kysely);
    await env.model("x.tag").unlink([marker]);
    assert.strictEqual(await env.model("x.line").searchCount([["marker_id", "!=", false]]), 0, "every row let go of the deleted record");
    assert.strictEqual(await env.model("x.line").searchCount([["owner_id", "=", ownerId]]), 40000, "and every row is still there");
    await env.model("x.owner").unlink([ownerId]);
    assert.strictEqual(await env.model("x.line").searchCount([["owner_id", "=", ownerId]]), 0, "cascade over as many rows, too");
  });

  QUnit.test("copy duplicates one2many children marked copy", async (assert) => {
    const id = await env.model("x.owner").createOne({ name: "Dee", line_ids: [[0, 0, { name: "d1" }]] });
    const copy = await env.model("x.owner").copy(id, { name: "Dee 2" });
    const [row] = await env.model("x.owner").read([copy], ["name", "line_ids"]);
    assert.strictEqual(row!.name, "Dee 2");
    assert.strictEqual((row!.line_ids as number[]).length, 1);
  });

  QUnit.test("withRowLock serializes callers of one row, not of others", async (assert) => {
    const order: string[] = [];
    const slow = (label: string, ms: number) => async () => {
      order.push(`${label}+`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${label}-`);
    };
    const mutex = new KeyedMutex();
    await Promise.all([mutex.run("a", slow("a1", 30)), mutex.run("a", slow("a2", 1)), mutex.run("b", slow("b1", 1))]);
    assert.deepEqual(order.filter((x) => x.startsWith("a")), ["a1+", "a1-", "a2+", "a2-"], "same key one after the other");
    assert.ok(order.indexOf("b1-") < order.indexOf("a1-"), "another key does not wait");
    const id = await env.model("x.tag").createOne({ name: "locked" });
    const results = await Promise.all([1, 2, 3].map((n) => database.helpers.withRowLock(database.kysely, "x_tag", id, async (trx) => {
      const row = await trx.selectFrom("x_tag").select("name").where("id", "=", id).executeTakeFirstOrThrow();
      await trx.updateTable("x_tag").set({ name: `${row.name}.${n}` }).where("id", "=", id).execute();
      return n;
    })));
    assert.deepEqual(results, [1, 2, 3]);
    const [row] = await env.model("x.tag").read([id], ["name"]);
    assert.strictEqual(row!.name, "locked.1.2.3", "no update lost");
  });

  QUnit.test("group commit: steps that arrive together share one commit; a failing step rolls back alone", async (assert) => {
    for (const [label, group] of [
      ["savepoints through Kysely", new GroupCommit(database.kysely)],
      ["savepoints on the connection", new GroupCommit(database.kysely, 64, database.sqlite)],
    ] as const) {
      await failingStepRollsBackAlone(assert, label, group);
    }
  });

  async function failingStepRollsBackAlone(assert: Assert, label: string, group: GroupCommit): Promise<void> {
    const ids = await Promise.all(["g1", "g2", "g3"].map((name) => env.model("x.tag").createOne({ name })));
    const rename = (id: number, name: string) => (trx: Trx) => trx.updateTable("x_tag").set({ name }).where("id", "=", id).execute();
    const settled = await Promise.allSettled([
      group.run(async (trx) => (await rename(ids[0]!, "g1 changed")(trx), "first")),
      group.run(async (trx) => {
        await rename(ids[1]!, "g2 changed")(trx);
        throw new Error("this step fails after writing");
      }),
      group.run(async (trx) => (await rename(ids[2]!, "g3 changed")(trx), "third")),
    ]);
    assert.deepEqual(
      settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message)),
      ["first", "this step fails after writing", "third"],
      `${label}: each step gets its own result`,
    );
    const rows = await env.model("x.tag").read(ids, ["name"]);
    assert.deepEqual(rows.map((r) => r.name), ["g1 changed", "g2", "g3 changed"], `${label}: the failed step's write is undone, the others are kept`);
  }

  QUnit.test("group commit: a step is answered only once its group is committed, as another connection sees it", async (assert) => {
    const group = new GroupCommit(database.kysely);
    const id = await env.model("x.tag").createOne({ name: "durable" });
    const other = new SQLite(join(dir, "orm_test.sqlite"), { readonly: true });
    try {
      const seen = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          group
            .run((trx) => trx.updateTable("x_tag").set({ name: `durable ${n}` }).where("id", "=", id).execute())
            .then(() => String((other.prepare("select name from x_tag where id = ?").get(id) as { name: string }).name)),
        ),
      );
      assert.deepEqual(seen, ["durable 4", "durable 4", "durable 4", "durable 4"], "every answer comes after the group's single commit");
    } finally {
      other.close();
    }
  });

  QUnit.test("group commit: when the commit itself fails, every step of the group fails", async (assert) => {
    const group = new GroupCommit(database.kysely);
    const before = await env.model("x.tag").searchCount([]);
    // A deferred foreign key is checked at COMMIT only, so the commit fails after every step ran.
    await sql`create table if not exists x_deferred (id integer primary key, tag_id integer references x_tag (id) deferrable initially deferred)`.execute(database.kysely);
    await sql`pragma foreign_keys = ON`.execute(database.kysely);
    try {
      const settled = await Promise.allSettled([
        group.run((trx) => trx.insertInto("x_tag").values({ name: "lost 1" }).execute()),
        group.run((trx) => trx.insertInto("x_deferred").values({ id: 1, tag_id: 999_999 }).execute()),
        group.run((trx) => trx.insertInto("x_tag").values({ name: "lost 2" }).execute()),
      ]);
      assert.deepEqual(settled.map((s) => s.status), ["rejected", "rejected", "rejected"], "no step is answered as done");
      assert.strictEqual(await env.model("x.tag").searchCount([]), before, "nothing of the group was kept");
      const alone = await group.run(async (trx) => (await trx.insertInto("x_tag").values({ name: "after" }).execute(), "ok"));
      assert.strictEqual(alone, "ok", "the next group commits normally");
    } finally {
      await sql`pragma foreign_keys = OFF`.execute(database.kysely);
    }
  });

  QUnit.test("prepared queries: compiled once, values bound each run; inside a transaction they are part of it", async (assert) => {
    const insertTag = prepared<{ name: string }, unknown>((db, slot) => db.insertInto("x_tag").values({ name: slot("name") }));
    const tagsNamed = prepared<{ name: string }, { id: number; name: string }>((db, slot) => db.selectFrom("x_tag").select(["id", "name"]).where("name", "=", slot("name")));
    const outside = { database, db: database.kysely };
    await insertTag(outside, { name: "prepared 1" });
    assert.deepEqual((await tagsNamed(outside, { name: "prepared 1" })).map((r) => r.name), ["prepared 1"], "outside a transaction");
    assert.deepEqual(await tagsNamed(outside, { name: "' or 1=1 --" }), [], "a value is only a value");
    const insertTwo = prepared<{ rows: { name: string }[] }, { id: number }>((db, slot) =>
      db.insertInto("x_tag").values([0, 1].map((row) => ({ name: slot(`rows.${row}.name` as "rows") as unknown as string }))).returning("id"),
    );
    const ids = (await insertTwo(outside, { rows: [{ name: "row a" }, { name: "row b" }] })).map((r) => Number(r.id)).sort((a, b) => a - b);
    const names = (await env.model("x.tag").read(ids, ["name"])).map((r) => r.name);
    assert.deepEqual(names, ["row a", "row b"], "dotted slots read nested values, rows in order");
    await assert.rejects(
      database.transaction(async (trx) => {
        const inside = { database, db: trx };
        await insertTag(inside, { name: "prepared 2" });
        await trx.insertInto("x_tag").values({ name: "prepared 3" }).execute();
        assert.strictEqual((await tagsNamed(inside, { name: "prepared 3" })).length, 1, "sees the transaction's own writes");
        throw new Error("roll back");
      }),
      /roll back/,
    );
    assert.deepEqual([...(await tagsNamed(outside, { name: "prepared 2" })), ...(await tagsNamed(outside, { name: "prepared 3" }))], [], "rolled back with the transaction");
  });

  QUnit.test("domain normalization as Odoo's", (assert) => {
    assert.deepEqual(normalizeDomain([["a", "=", 1], ["b", "=", 2]]), ["&", ["a", "=", 1], ["b", "=", 2]]);
    assert.deepEqual(normalizeDomain(["|", ["a", "=", 1], ["b", "=", 2], ["c", "=", 3]]), ["&", "|", ["a", "=", 1], ["b", "=", 2], ["c", "=", 3]]);
    assert.deepEqual(andDomains([["a", "=", 1]], []), [["a", "=", 1]]);
    assert.deepEqual(andDomains([["a", "=", 1]], [["b", "=", 2]]), ["&", ["a", "=", 1], ["b", "=", 2]]);
  });
});

function assert_ok(value: boolean): void {
  if (!value) throw new Error("setup check failed");
}
