// Odoo's structured errors on call_kw: unknown model, method or field, wrong values, missing
// required fields, private methods, deleted records — each an error envelope, nothing stored.
import { ODOO_ERRORS } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { EMBEDDED, asAdmin, expectError, makeScript, rpcError, uniqueTitle } from "./support/admin.ts";

let admin: OdooClient;
const STEP = "chatbot.script.step";
const SCRIPT = "chatbot.script";
const VALUE_ERROR = "builtins.ValueError";

QUnit.module("admin: errors", (hooks) => {
  hooks.before(async () => {
    admin = await asAdmin();
  });

  QUnit.test("unknown model: 18.0's NotFound (code 404 in an HTTP 200 answer)", async (assert) => {
    const error = await expectError(assert, admin.call("chatbot.nothing", "search_read", [[]]), [ODOO_ERRORS.notFound, "builtins.KeyError"], "unknown model");
    if (error.data?.name === ODOO_ERRORS.notFound) {
      assert.strictEqual(error.code, 404, "code 404");
      assert.strictEqual(error.status, 200, "HTTP 200");
    }
  });

  QUnit.test("unknown method: AttributeError", async (assert) => {
    // 18.0 words it "The method 'chatbot.script.no_such_method' does not exist"; 17.0 names the model after.
    await expectError(assert, admin.call(SCRIPT, "no_such_method", [[]]), "builtins.AttributeError", "unknown method", /^The method '(chatbot\.script\.no_such_method' does not exist|no_such_method' does not exist on the model 'chatbot\.script')$/);
  });

  QUnit.test("private methods cannot be called remotely", async (assert) => {
    const error = await expectError(assert, admin.call(SCRIPT, "_get_welcome_steps", [[1]]), ODOO_ERRORS.access, "private method");
    assert.ok(/Private methods/.test(error.data?.message ?? ""), "says why");
  });

  QUnit.test("unknown fields: ValueError in read, create, write and domains", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Fields"));
    await expectError(assert, admin.read(SCRIPT, [script.id], ["no_such_field"]), VALUE_ERROR, "read");
    await expectError(assert, admin.create(SCRIPT, { title: uniqueTitle("x"), no_such_field: 1 }), VALUE_ERROR, "create");
    await expectError(assert, admin.write(SCRIPT, [script.id], { no_such_field: 1 }), VALUE_ERROR, "write");
    await expectError(assert, admin.search(SCRIPT, [["no_such_field", "=", 1]]), VALUE_ERROR, "domain");
  });

  QUnit.test("wrong values: ValueError, nothing stored", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Values"));
    await expectError(assert, admin.create(STEP, { chatbot_script_id: script.id, step_type: "not_a_type", message: "x" }), VALUE_ERROR, "unknown selection value");
    await expectError(assert, admin.create(STEP, { chatbot_script_id: script.id, step_type: "text", message: "x", sequence: "abc" }), VALUE_ERROR, "text in an integer field");
    assert.strictEqual(await admin.searchCount(STEP, [["chatbot_script_id", "=", script.id]]), 0, "nothing stored");
    const error = await rpcError(assert, admin.search(STEP, [["sequence", "=", "not a number"]]), "text compared to an integer");
    assert.strictEqual(error.code, 200, "a structured error whatever the database");
  });

  QUnit.test("missing required fields: ValidationError, nothing stored", async (assert) => {
    const before = await admin.searchCount(STEP, [["message", "=", "orphan step"]]);
    await expectError(assert, admin.create(STEP, { step_type: "text", message: "orphan step" }), ODOO_ERRORS.validation, "step without script");
    assert.strictEqual(await admin.searchCount(STEP, [["message", "=", "orphan step"]]), before, "nothing stored");
    const script = await makeScript(admin, uniqueTitle("Required"), [{ step_type: "question_selection", message: "Q?", answers: ["A"] }]);
    await expectError(assert, admin.create("chatbot.script.answer", { script_step_id: script.steps[0] }), ODOO_ERRORS.validation, "answer without name");
    await expectError(assert, admin.write(SCRIPT, [script.id], { title: false }), ODOO_ERRORS.validation, "title set to False");
  });

  QUnit.test("a deleted record: read leaves it out, write is a MissingError", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Gone"));
    const alive = await makeScript(admin, uniqueTitle("Alive"));
    await admin.unlink(SCRIPT, [script.id]);
    assert.deepEqual(await admin.read(SCRIPT, [script.id], ["title"]), [], "read of a deleted record: nothing");
    assert.deepEqual((await admin.read(SCRIPT, [script.id, alive.id], ["title"])).map((r) => r.id), [alive.id], "only the records that exist");
    await expectError(assert, admin.write(SCRIPT, [script.id], { title: "again" }), ODOO_ERRORS.missing, "write");
  });

  QUnit.test("errors carry Odoo's envelope: code 200, 'Odoo Server Error', name, message, arguments", async (assert) => {
    const error = await rpcError(assert, admin.call(SCRIPT, "no_such_method", [[]]), "envelope");
    assert.strictEqual(error.code, 200);
    assert.strictEqual(error.status, 200, "HTTP 200");
    assert.ok(typeof error.data?.message === "string" && error.data.message.length > 0, "message for a person");
    assert.ok(Array.isArray(error.data?.arguments), "arguments");
    if (EMBEDDED) assert.notOk(error.data && "debug" in error.data, "no stack trace");
  });
});
