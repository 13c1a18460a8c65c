// Operator availability on a real (SQLite) database: online while the heartbeat is younger than
// 60 s, offline when told or after that; archived users never; the least busy is picked.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../../src/server/db/database.ts";
import { runMigrations } from "../../../src/server/db/migrations.ts";
import { Registry } from "../../../src/server/orm/registry.ts";
import { syncSchema } from "../../../src/server/orm/schema.ts";
import { Env, SUPERUSER_ID } from "../../../src/server/orm/env.ts";
import { MODEL_DEFINITIONS } from "../../../src/server/models/index.ts";
import { seed } from "../../../src/server/seed/seed.ts";
import { PRESENCE_TIMEOUT_MS, onlineUsers, pickOperator, setPresence } from "../../../src/server/livechat/presence.ts";

let dir: string;
let database: Database;
let env: Env;
let admin: number;
let operator: number;

QUnit.module("server livechat: operator presence", (hooks) => {
  hooks.before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb-presence-"));
    database = openDatabase({ dataDir: dir, name: "presence_test" });
    const registry = new Registry(MODEL_DEFINITIONS);
    await runMigrations(database);
    await syncSchema(database, registry);
    env = new Env(database, database.kysely, registry, SUPERUSER_ID);
    await seed(env, { adminPassword: "admin", operatorPassword: "operator" });
    admin = (await env.model("res.users").search([["login", "=", "admin"]]))[0]!;
    operator = (await env.model("res.users").search([["login", "=", "operator"]]))[0]!;
  });
  hooks.after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  QUnit.test("online until 60 s after the last heartbeat, or until going offline", async (assert) => {
    await setPresence(env, operator, true);
    const now = Date.now();
    assert.deepEqual(await onlineUsers(env, [admin, operator], now), [operator], "the heartbeat makes the operator online");
    assert.deepEqual(await onlineUsers(env, [operator], now + PRESENCE_TIMEOUT_MS - 2_000), [operator], "still online just before 60 s");
    assert.deepEqual(await onlineUsers(env, [operator], now + PRESENCE_TIMEOUT_MS + 2_000), [], "offline 60 s after the last heartbeat");
    await setPresence(env, operator, false);
    assert.deepEqual(await onlineUsers(env, [operator], Date.now()), [], "offline when told");
  });

  QUnit.test("an archived operator is never available, even with a fresh heartbeat", async (assert) => {
    await setPresence(env, operator, true);
    assert.strictEqual(await pickOperator(env, 1), operator);
    await env.model("res.users").write([operator], { active: false });
    try {
      assert.strictEqual(await pickOperator(env, 1), null, "nobody to forward to");
    } finally {
      await env.model("res.users").write([operator], { active: true });
      await setPresence(env, operator, false);
    }
  });

  QUnit.test("the least busy of the available operators is picked, lowest id on ties", async (assert) => {
    await setPresence(env, admin, true);
    await setPresence(env, operator, true);
    assert.strictEqual(await pickOperator(env, 1), Math.min(admin, operator), "a tie: the lowest id");
    await env.model("discuss.channel").create([
      { name: "busy", channel_type: "livechat", bridge_operator_user_id: Math.min(admin, operator), bridge_state: "operator", bridge_closed: false },
    ]);
    assert.strictEqual(await pickOperator(env, 1), Math.max(admin, operator), "the other one has fewer ongoing conversations");
  });
});
