// `npm start` as a real process: listens on an ephemeral port, serves /health and pages, keeps
// its data across a restart (seeded once), and stops cleanly on SIGTERM.
import { startServer } from "../../support/server.ts";

async function rpc(baseUrl: string, path: string, params: object, cookie?: string) {
  const response = await fetch(baseUrl + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: 1 }),
  });
  return { response, body: (await response.json()) as { result?: any; error?: any } };
}

QUnit.module("server: start, restart, stop", () => {
  QUnit.test("serves, keeps its data across a restart without seeding twice, stops on SIGTERM", async (assert) => {
    assert.timeout(90_000);
    const first = await startServer({ env: { LOG_LEVEL: "info" } });
    const dataDir = first.dataDir;
    try {
      const health = await fetch(first.baseUrl + "/health");
      assert.strictEqual(health.status, 200, "/health");
      assert.strictEqual(((await health.json()) as { status: string }).status, "ok");
      const login = await rpc(first.baseUrl, "/web/session/authenticate", { db: "chatbot_bridge", login: "admin", password: "admin" });
      assert.strictEqual(login.body.result?.uid, 2, "admin is uid 2");
      const cookie = (login.response.headers.get("set-cookie") ?? "").split(";")[0]!;
      assert.ok(/^session_id=[\w-]{40,}$/.test(cookie), "a long random session id");
      assert.ok((login.response.headers.get("set-cookie") ?? "").includes("HttpOnly"), "HttpOnly");
      const created = await rpc(first.baseUrl, "/web/dataset/call_kw", { model: "utm.source", method: "create", args: [{ name: "survives a restart" }], kwargs: {} }, cookie);
      assert.strictEqual(typeof created.body.result, "number");
    } finally {
      await first.kill(); // keep the data
    }
    const second = await startServer({ dataDir, env: { LOG_LEVEL: "info" } });
    try {
      const login = await rpc(second.baseUrl, "/web/session/authenticate", { db: "chatbot_bridge", login: "admin", password: "admin" });
      const cookie = (login.response.headers.get("set-cookie") ?? "").split(";")[0]!;
      const count = async (model: string, domain: unknown[]) => (await rpc(second.baseUrl, "/web/dataset/call_kw", { model, method: "search_count", args: [domain], kwargs: {} }, cookie)).body.result;
      assert.strictEqual(await count("utm.source", [["name", "=", "survives a restart"]]), 1, "data kept");
      assert.strictEqual(await count("chatbot.script", [["title", "=", "Welcome Bot"]]), 1, "seeded once");
      assert.strictEqual(await count("res.users", [["login", "=", "admin"]]), 1);
      const started = Date.now();
      second.process.kill("SIGTERM");
      const code = await new Promise<number | null>((resolve) => second.process.once("exit", (c) => resolve(c)));
      assert.strictEqual(code, 0, "exit code 0 on SIGTERM");
      assert.ok(Date.now() - started < 10_000, "stops promptly");
    } finally {
      await second.stop().catch(() => undefined);
      const { rmSync } = await import("node:fs");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  QUnit.test("a database seeded on loopback, served elsewhere, takes the configured passwords instead of the defaults", async (assert) => {
    assert.timeout(90_000);
    const first = await startServer();
    const dataDir = first.dataDir;
    await first.kill();
    const secret = { ADMIN_PASSWORD: "admin-secret-1", OPERATOR_PASSWORD: "operator-secret-1" };
    const second = await startServer({ dataDir, env: { HOST: "0.0.0.0", ...secret } });
    const base = second.baseUrl.replace("0.0.0.0", "127.0.0.1");
    const uid = async (login: string, password: string) =>
      (await rpc(base, "/web/session/authenticate", { db: "chatbot_bridge", login, password })).body.result?.uid ?? null;
    try {
      assert.strictEqual(await uid("admin", "admin"), null, "admin/admin refused off loopback");
      assert.strictEqual(await uid("operator", "operator"), null, "operator/operator refused off loopback");
      assert.strictEqual(await uid("admin", secret.ADMIN_PASSWORD), 2, "ADMIN_PASSWORD accepted");
      assert.ok(await uid("operator", secret.OPERATOR_PASSWORD), "OPERATOR_PASSWORD accepted");
    } finally {
      await second.kill();
    }
    // A password changed since is kept: the environment only replaces a default one.
    const third = await startServer({ dataDir, env: { HOST: "0.0.0.0", ADMIN_PASSWORD: "another-one-2", OPERATOR_PASSWORD: "another-one-3" } });
    try {
      const login = async (password: string) =>
        (await rpc(third.baseUrl.replace("0.0.0.0", "127.0.0.1"), "/web/session/authenticate", { db: "chatbot_bridge", login: "admin", password })).body.result?.uid ?? null;
      assert.strictEqual(await login(secret.ADMIN_PASSWORD), 2, "the password set before is kept");
      assert.strictEqual(await login("another-one-2"), null);
    } finally {
      await third.stop();
      const { rmSync } = await import("node:fs");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
