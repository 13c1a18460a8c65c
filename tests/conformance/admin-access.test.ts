// Access rights over Odoo's JSON-RPC: sessions, livechat managers edit chatbots, operators read
// them, nobody without a session reaches call_kw; /jsonrpc checks the password on each call.
import { ODOO_ERRORS } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { JsonRpcTransport } from "../../src/rpc/transport.ts";
import { ADMIN, BASE_URL, EMBEDDED, OPERATOR, anonymous, asAdmin, asOperator, expectError, makeScript, odooDb, rpcError, uniqueTitle } from "./support/admin.ts";

let admin: OdooClient;
let operator: OdooClient;
const SCRIPT = "chatbot.script";
const STEP = "chatbot.script.step";
const jsonrpc = () => new JsonRpcTransport({ baseUrl: BASE_URL });

// Odoo 17.0 and 18.0 let livechat operators edit chatbots (fixed in 18.3); the embedded ERP
// follows the fixed behaviour.
const readOnlyOperators = EMBEDDED ? QUnit.test : QUnit.skip;

QUnit.module("admin: sessions and access rights", (hooks) => {
  hooks.before(async () => {
    admin = await asAdmin();
    operator = await asOperator();
  });

  QUnit.test("authenticate answers the session info and a session cookie", async (assert) => {
    const client = anonymous();
    const info = await client.authenticate(await odooDb(), ADMIN.login, ADMIN.password);
    assert.strictEqual(typeof info.uid, "number");
    assert.ok(String(info.server_version).startsWith("17") || String(info.server_version).startsWith("18"), "server_version 17 or 18");
    assert.strictEqual(info.db, await odooDb());
    assert.strictEqual((info.user_context as { uid: number }).uid, info.uid, "user_context.uid");
    assert.ok("lang" in (info.user_context ?? {}) && "tz" in (info.user_context ?? {}), "user_context has lang and tz");
    assert.ok(client.transport.sessionId, "session_id cookie set");
    const again = await client.sessionInfo();
    assert.strictEqual(again.uid, info.uid, "get_session_info with the cookie");
    const databases = await anonymous().listDatabases().catch(() => null);
    if (databases) assert.ok(databases.includes(await odooDb()), "/web/database/list lists it");
  });

  QUnit.test("wrong password: AccessDenied, no session", async (assert) => {
    const client = anonymous();
    await expectError(assert, client.authenticate(await odooDb(), ADMIN.login, "wrong password"), ODOO_ERRORS.accessDenied, "wrong password");
    const error = await rpcError(assert, client.searchRead(SCRIPT, [], ["title"]), "call after a failed login");
    assert.strictEqual(error.code, 100, "session expired");
  });

  QUnit.test("call_kw without a session: code 100, session expired", async (assert) => {
    const error = await rpcError(assert, anonymous().searchRead(SCRIPT, [], ["title"]), "anonymous call_kw");
    assert.strictEqual(error.code, 100);
    assert.strictEqual(error.data?.name, ODOO_ERRORS.sessionExpired);
  });

  QUnit.test("destroy ends the session", async (assert) => {
    const client = await asOperator();
    assert.ok((await client.searchRead(SCRIPT, [], ["title"], { limit: 1 })).length >= 0, "works before");
    await client.logout();
    const error = await rpcError(assert, client.searchRead(SCRIPT, [], ["title"]), "after destroy");
    assert.strictEqual(error.code, 100);
  });

  QUnit.test("operators read chatbots, steps, channels and rules", async (assert) => {
    const scripts = await operator.searchRead<{ title: string }>(SCRIPT, [], ["title"]);
    assert.ok(scripts.some((s) => s.title === "Welcome Bot"), "the Welcome Bot");
    assert.ok((await operator.searchCount(STEP, [])) > 0, "steps");
    assert.ok((await operator.searchCount("im_livechat.channel", [])) > 0, "channels");
    assert.ok((await operator.searchCount("im_livechat.channel.rule", [])) >= 0, "rules");
  });

  readOnlyOperators("operators cannot create, edit or delete chatbots", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Guarded"), [{ step_type: "text", message: "hello" }]);
    await expectError(assert, operator.write(SCRIPT, [script.id], { title: "Hijacked" }), ODOO_ERRORS.access, "write a script", /not allowed to modify 'Chatbot Script' \(chatbot\.script\)/);
    await expectError(assert, operator.create(SCRIPT, { title: "Mine" }), ODOO_ERRORS.access, "create a script");
    await expectError(assert, operator.unlink(SCRIPT, [script.id]), ODOO_ERRORS.access, "delete a script");
    await expectError(assert, operator.write(STEP, [script.steps[0]!], { message: "changed" }), ODOO_ERRORS.access, "write a step");
    await expectError(assert, operator.call(SCRIPT, "copy", [script.id]), ODOO_ERRORS.access, "copy a script");
    await expectError(assert, operator.create("im_livechat.channel.rule", { regex_url: "/x" }), ODOO_ERRORS.access, "create a rule");
    const [row] = await admin.read<{ title: string }>(SCRIPT, [script.id], ["title"]);
    assert.notStrictEqual(row!.title, "Hijacked", "nothing changed");
  });

  QUnit.test("admins edit chatbots", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Editable"));
    assert.strictEqual(await admin.write(SCRIPT, [script.id], { title: uniqueTitle("Edited") }), true);
    assert.strictEqual(await admin.unlink(SCRIPT, [script.id]), true);
  });

  QUnit.test("/jsonrpc: common version, login and object execute_kw with the password", async (assert) => {
    const db = await odooDb();
    const version = await jsonrpc().call<{ server_version: string; protocol_version: number }>("/jsonrpc", { service: "common", method: "version", args: [] });
    assert.ok(/^1[78]/.test(version.server_version), "server_version");
    const uid = await jsonrpc().call<number | false>("/jsonrpc", { service: "common", method: "login", args: [db, ADMIN.login, ADMIN.password] });
    assert.strictEqual(typeof uid, "number", "login gives the uid");
    assert.strictEqual(await jsonrpc().call("/jsonrpc", { service: "common", method: "login", args: [db, ADMIN.login, "wrong"] }), false, "a wrong password gives false");
    const rows = await jsonrpc().call<{ title: string }[]>("/jsonrpc", { service: "object", method: "execute_kw", args: [db, uid, ADMIN.password, SCRIPT, "search_read", [[["title", "=", "Welcome Bot"]]], { fields: ["title"] }] });
    assert.deepEqual(rows.map((r) => r.title), ["Welcome Bot"], "execute_kw search_read");
    await expectError(assert, jsonrpc().call("/jsonrpc", { service: "object", method: "execute_kw", args: [db, uid, "wrong", SCRIPT, "search", [[]]] }), ODOO_ERRORS.accessDenied, "execute_kw with a wrong password");
  });

  readOnlyOperators("/jsonrpc applies the operator's rights too", async (assert) => {
    const db = await odooDb();
    const uid = await jsonrpc().call<number>("/jsonrpc", { service: "common", method: "authenticate", args: [db, OPERATOR.login, OPERATOR.password, {}] });
    await expectError(assert, jsonrpc().call("/jsonrpc", { service: "object", method: "execute_kw", args: [db, uid, OPERATOR.password, SCRIPT, "create", [{ title: "Nope" }]] }), ODOO_ERRORS.access, "operator create through execute_kw");
  });
});
