// Record rules as Odoo's: an operator reads the conversations they were given, with their
// messages, over JSON-RPC as over the operator routes; managers read every conversation.
import { ODOO_ERRORS } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { EMBEDDED, asAdmin, asOperator, expectError, uniqueTitle } from "./support/admin.ts";

// The conversations are made with the embedded ERP's own fields (who the operator is).
const embeddedOnly = EMBEDDED ? QUnit.test : QUnit.skip;

QUnit.module("admin: record rules on conversations", (hooks) => {
  let admin: OdooClient;
  let operator: OdooClient;
  let theirs: number;
  let mine: number;
  let theirMessage: number;

  hooks.before(async () => {
    if (!EMBEDDED) return;
    admin = await asAdmin();
    operator = await asOperator();
    const adminUid = (await admin.sessionInfo()).uid as number;
    const operatorUid = (await operator.sessionInfo()).uid as number;
    const conversation = async (uid: number, text: string) => {
      const id = await admin.create("discuss.channel", { name: uniqueTitle("Conversation"), channel_type: "livechat", bridge_operator_user_id: uid });
      const message = await admin.create("mail.message", { model: "discuss.channel", res_id: id, body: text, message_type: "comment" });
      return { id, message };
    };
    ({ id: theirs, message: theirMessage } = await conversation(adminUid, "a secret of another operator"));
    ({ id: mine } = await conversation(operatorUid, "my own visitor"));
  });

  embeddedOnly("an operator searches only the messages of their own conversations", async (assert) => {
    const rows = await operator.searchRead<{ res_id: number; body: string }>("mail.message", [["model", "=", "discuss.channel"], ["res_id", "in", [theirs, mine]]], ["res_id", "body"]);
    assert.deepEqual(rows.map((r) => r.res_id), [mine], "only their conversation's message");
    assert.strictEqual(await operator.searchCount("mail.message", [["res_id", "=", theirs], ["model", "=", "discuss.channel"]]), 0, "search_count agrees");
    const channels = await operator.searchRead<{ id: number }>("discuss.channel", [["id", "in", [theirs, mine]]], ["name"]);
    assert.deepEqual(channels.map((c) => c.id), [mine], "and only their conversation");
  });

  embeddedOnly("reading another operator's message or conversation by id is an AccessError", async (assert) => {
    await expectError(assert, operator.read("mail.message", [theirMessage], ["body"]), ODOO_ERRORS.access, "read a message", /mail\.message/);
    await expectError(assert, operator.read("discuss.channel", [theirs], ["name"]), ODOO_ERRORS.access, "read a conversation", /discuss\.channel/);
    const rows = await operator.searchRead("chatbot.message", [["discuss_channel_id", "=", theirs]], ["id"]);
    assert.deepEqual(rows, [], "no chatbot.message of theirs");
  });

  embeddedOnly("managers read every conversation", async (assert) => {
    const rows = await admin.searchRead<{ res_id: number }>("mail.message", [["model", "=", "discuss.channel"], ["res_id", "in", [theirs, mine]]], ["res_id"]);
    assert.deepEqual(rows.map((r) => r.res_id).sort((a, b) => a - b), [theirs, mine].sort((a, b) => a - b));
  });
});

QUnit.module("admin: search arguments at their limits", (hooks) => {
  let admin: OdooClient;
  let operator: OdooClient;
  hooks.before(async () => {
    admin = await asAdmin();
    operator = await asOperator();
  });

  embeddedOnly("sorting by a field the caller cannot read is an AccessError", async (assert) => {
    await expectError(assert, operator.searchRead("discuss.channel", [], ["name"], { order: "bridge_token" }), ODOO_ERRORS.access, "order by the visitor token", /bridge_token/);
    assert.ok(Array.isArray(await admin.searchRead("discuss.channel", [], ["name"], { order: "bridge_token", limit: 1 })), "administrators may");
  });

  QUnit.test("a 40,000-id 'in' list answers the matching records", async (assert) => {
    const ids = Array.from({ length: 40_000 }, (_, i) => i + 1);
    const rows = await admin.searchRead<{ title: string }>("chatbot.script", [["id", "in", ids], ["title", "=", "Welcome Bot"]], ["title"]);
    assert.deepEqual(rows.map((r) => r.title), ["Welcome Bot"]);
  });

  embeddedOnly("a limit past what a database takes is a clear ValueError", async (assert) => {
    await expectError(assert, admin.searchRead("chatbot.script", [], ["title"], { limit: 1e308 }), "builtins.ValueError", "limit 1e308", /limit/);
    await expectError(assert, admin.searchRead("chatbot.script", [], ["title"], { offset: 1e300 }), "builtins.ValueError", "offset 1e300", /offset/);
  });
});
