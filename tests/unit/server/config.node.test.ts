// Server configuration: defaults, and default passwords refused off loopback.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { ConfigError, loadConfig } from "../../../src/server/config.ts";
import { SERVER_NODE_FLAGS } from "../../../src/server/node-flags.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;

QUnit.module("server: configuration", () => {
  QUnit.test("defaults: 127.0.0.1:8069, ./data, chatbot_bridge, passwords = logins on loopback", (assert) => {
    const config = loadConfig({});
    assert.strictEqual(config.host, "127.0.0.1");
    assert.strictEqual(config.port, 8069);
    assert.ok(config.dataDir.endsWith("/data"));
    assert.strictEqual(config.dbName, "chatbot_bridge");
    assert.strictEqual(config.adminPassword, "admin");
    assert.strictEqual(config.operatorPassword, "operator");
    assert.strictEqual(config.databaseUrl, undefined);
  });

  QUnit.test("PORT 0 means any free port; a bad PORT is refused", (assert) => {
    assert.strictEqual(loadConfig({ PORT: "0" }).port, 0);
    assert.throws(() => loadConfig({ PORT: "http" }), ConfigError);
    assert.throws(() => loadConfig({ PORT: "70000" }), ConfigError);
  });

  QUnit.test("off loopback, default passwords are refused with a clear message", (assert) => {
    assert.throws(() => loadConfig({ HOST: "0.0.0.0" }), /ADMIN_PASSWORD must be set when listening on 0\.0\.0\.0/);
    assert.throws(() => loadConfig({ HOST: "0.0.0.0", ADMIN_PASSWORD: "s3cret" }), /OPERATOR_PASSWORD must be set/);
    assert.throws(() => loadConfig({ HOST: "0.0.0.0", ADMIN_PASSWORD: "admin", OPERATOR_PASSWORD: "x-y-z" }), /ADMIN_PASSWORD must be set .* "admin" is only allowed on loopback/, "the login itself given as password");
    const config = loadConfig({ HOST: "0.0.0.0", ADMIN_PASSWORD: "a-long-one", OPERATOR_PASSWORD: "another-one" });
    assert.strictEqual(config.adminPassword, "a-long-one");
    assert.strictEqual(loadConfig({ HOST: "::1" }).adminPassword, "admin", "::1 is loopback");
  });

  QUnit.test("npm start gives Node the server's flags, as the test servers get them", (assert) => {
    const start = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { scripts: Record<string, string> }).scripts.start!;
    assert.strictEqual(start, `node ${SERVER_NODE_FLAGS.join(" ")} --import tsx src/server/main.ts`);
  });

  QUnit.test("npm start refuses to start off loopback without passwords", (assert) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, HOST: "0.0.0.0", PORT: "0", ADMIN_PASSWORD: "", OPERATOR_PASSWORD: "", DATA_DIR: "/nonexistent-never-created" },
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.strictEqual(result.status, 2, "exit code 2");
    assert.ok(result.stderr.includes("ADMIN_PASSWORD must be set"), result.stderr);
    assert.notOk(result.stdout.includes('"listening"'), "never listens");
  });
});
