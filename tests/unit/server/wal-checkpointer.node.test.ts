// SQLite checkpoints run in a worker thread: committed pages reach the database file while the
// server's connection, whose own automatic checkpoint is far away, keeps writing.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../../../src/server/db/database.ts";
import { MAIN_AUTOCHECKPOINT_PAGES } from "../../../src/server/db/wal-checkpointer.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

QUnit.module("server: SQLite checkpoints off the event loop", () => {
  QUnit.test("commits reach the database file without a checkpoint on the main connection", async (assert) => {
    const dir = mkdtempSync(join(tmpdir(), "cb-wal-"));
    const database = openDatabase({ dataDir: dir, name: "wal" });
    const file = join(dir, "wal.sqlite");
    try {
      const limit = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.kysely);
      assert.strictEqual(Number(limit.rows[0]!.wal_autocheckpoint), MAIN_AUTOCHECKPOINT_PAGES, "the main connection checkpoints rarely");
      await sql`create table filler (id integer primary key, data text)`.execute(database.kysely);
      const before = statSync(file).size;
      // About 2 MB in small commits: far below the main connection's own checkpoint limit.
      for (let i = 0; i < 50; i++) {
        await database.transaction((trx) => sql`insert into filler (data) values (${"x".repeat(40_000)})`.execute(trx));
      }
      let size = statSync(file).size;
      for (let waited = 0; size < before + 2_000_000 && waited < 10_000; waited += 100) {
        await sleep(100);
        size = statSync(file).size;
      }
      assert.ok(size >= before + 2_000_000, `the database file grew to ${size} bytes`);
      const count = await sql<{ n: number }>`select count(*) as n from filler`.execute(database.kysely);
      assert.strictEqual(Number(count.rows[0]!.n), 50);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
