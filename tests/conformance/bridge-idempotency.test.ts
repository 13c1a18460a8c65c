// Retried calls return the first result and create nothing; concurrent replies cannot both
// advance one conversation; poll and history.
import { BRIDGE_ERRORS } from "../../src/protocol/bridge.ts";
import { ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import { PUSH, testIf, CONTACTUS_URL, DEFAULT_CHANNEL, answerNamed, bodies, bridgeWithSession, createScript, loginAdmin, msgId, serverInit, visitor, type StepSpec } from "./support/bridge.ts";

let admin: OdooClient;

async function openTest(steps: StepSpec[]) {
  const script = await createScript(admin, steps);
  return bridgeWithSession(admin).openTest({ script_id: script.id });
}

QUnit.module("bridge: idempotency, concurrency, poll", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  QUnit.test("a repeated reply returns the first result and changes nothing", async (assert) => {
    const view = await openTest([
      { type: "question_selection", message: "Q", answers: ["A"] },
      { type: "free_input_single", message: "Say" },
      { type: "text", message: "done" },
    ]);
    const params = { token: view.token, client_msg_id: msgId(), answer_id: answerNamed(view, "A") };
    const first = await visitor().reply(params);
    const second = await visitor().reply(params);
    assert.deepEqual(second, first, "same result");
    const textParams = { token: view.token, client_msg_id: msgId(), text: "hello" };
    const third = await visitor().reply(textParams);
    assert.strictEqual(third.state, "ended");
    assert.deepEqual(await visitor().reply(textParams), third, "same result even after the script ended");
    const history = await visitor().history(view.token);
    assert.deepEqual(bodies(history.messages), ["Q", "A", "Say", "hello", "done"], "nothing posted twice");
  });

  QUnit.test("the same client_msg_id sent concurrently posts once", async (assert) => {
    const view = await openTest([{ type: "free_input_single", message: "Say" }, { type: "text", message: "ok" }]);
    const params = { token: view.token, client_msg_id: msgId(), text: "once" };
    const results = await Promise.all([visitor().reply(params), visitor().reply(params), visitor().reply(params)]);
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
    assert.deepEqual(bodies((await visitor().history(view.token)).messages), ["Say", "once", "ok"]);
  });

  QUnit.test("two concurrent answers cannot both advance the conversation", async (assert) => {
    const view = await openTest([
      { type: "question_selection", message: "Q", answers: ["A", "B"] },
      { type: "question_selection", message: "Q2", answers: ["C"] },
    ]);
    const settled = await Promise.allSettled([
      visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: answerNamed(view, "A") }),
      visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: answerNamed(view, "B") }),
    ]);
    const ok = settled.filter((s) => s.status === "fulfilled");
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    assert.strictEqual(ok.length, 1, "one reply went through");
    assert.strictEqual(refused.length, 1, "the other was refused");
    assert.ok(refused[0]!.reason instanceof RpcError && refused[0]!.reason.data?.message === BRIDGE_ERRORS.unknownAnswer, "as an answer of another step");
    const history = await visitor().history(view.token);
    assert.strictEqual(bodies(history.messages).filter((b) => b === "Q2").length, 1, "the next step was posted once");
  });

  QUnit.test("session/open with client_open_id returns the same conversation", async (assert) => {
    const init = await serverInit();
    const openId = msgId();
    const params = { channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL, script_id: init.chatbot!.script_id, client_open_id: openId };
    const first = await visitor().open(params);
    const second = await visitor().open(params);
    assert.strictEqual(second.token, first.token);
    assert.deepEqual(second, first);
    const other = await visitor().open({ ...params, client_open_id: msgId() });
    assert.notStrictEqual(other.token, first.token, "another id opens another conversation");
    const plain = await visitor().open({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL, script_id: init.chatbot!.script_id });
    assert.notStrictEqual(plain.token, first.token);
  });

  QUnit.test("session/open: concurrent opens with one client_open_id make one conversation, per live chat channel", async (assert) => {
    const init = await serverInit();
    const scriptId = init.chatbot!.script_id;
    const openId = msgId();
    const params = { channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL, script_id: scriptId, client_open_id: openId };
    const views = await Promise.all([visitor().open(params), visitor().open(params), visitor().open(params)]);
    assert.deepEqual(new Set(views.map((view) => view.token)).size, 1, "one conversation");
    assert.deepEqual(views[1], views[0]);
    assert.deepEqual(views[2], views[0]);
    const channel = await admin.create("im_livechat.channel", {
      name: `Open ids ${Date.now()}`,
      rule_ids: [[0, 0, { regex_url: "/contactus", chatbot_script_id: scriptId }]],
    });
    const elsewhere = await visitor().open({ ...params, channel_id: channel });
    assert.notStrictEqual(elsewhere.token, views[0]!.token, "the same id on another channel opens another conversation");
    assert.deepEqual(await visitor().open({ ...params, channel_id: channel }), elsewhere, "once per channel");
  });

  QUnit.test("restart and close with client_msg_id are idempotent", async (assert) => {
    const view = await openTest([{ type: "free_input_single", message: "Say" }]);
    const restartId = msgId();
    const first = await visitor().restart(view.token, restartId);
    assert.deepEqual(await visitor().restart(view.token, restartId), first);
    const history = await visitor().history(view.token);
    assert.strictEqual(bodies(history.messages).filter((b) => b === ODOO_TEXTS.restarting).length, 1, "one restart");
    const closeId = msgId();
    const closed = await visitor().close(view.token, closeId);
    assert.deepEqual(await visitor().close(view.token, closeId), closed);
  });

  QUnit.test("history: the whole transcript and the current step, for resuming", async (assert) => {
    const view = await openTest([
      { type: "text", message: "Hi" },
      { type: "question_selection", message: "Q", answers: ["A"] },
      { type: "free_input_single", message: "Say" },
    ]);
    await visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: answerNamed(view, "A") });
    const history = await visitor().history(view.token);
    assert.deepEqual(history.messages.map((m) => [m.author, m.body]), [["bot", "Hi"], ["bot", "Q"], ["visitor", "A"], ["bot", "Say"]]);
    assert.strictEqual(history.step?.type, "free_input_single");
    assert.strictEqual(history.state, "bot");
    assert.strictEqual(history.token, view.token);
  });

  QUnit.test("poll: messages after an id, immediately with timeout 0", async (assert) => {
    const view = await openTest([
      { type: "text", message: "one" },
      { type: "free_input_single", message: "two" },
      { type: "text", message: "three" },
    ]);
    const all = await visitor().poll({ token: view.token, after_id: 0, timeout: 0 });
    assert.deepEqual(bodies(all.messages), ["one", "two"]);
    const started = Date.now();
    const none = await visitor().poll({ token: view.token, after_id: view.messages.at(-1)!.id, timeout: 0 });
    assert.deepEqual(none.messages, []);
    assert.ok(Date.now() - started < 2000, "timeout 0 does not wait");
    assert.strictEqual(none.step?.type, "free_input_single", "the view still carries the step");
    const afterFirst = await visitor().poll({ token: view.token, after_id: view.messages[0]!.id, timeout: 0 });
    assert.deepEqual(bodies(afterFirst.messages), ["two"]);
  });

  testIf("a waiting poll wakes up when the visitor's other tab replies", PUSH.poll_max_timeout > 0, "this server does not hold polls (poll_max_timeout 0)", async (assert) => {
    const view = await openTest([{ type: "free_input_single", message: "Say" }, { type: "text", message: "heard" }]);
    const last = view.messages.at(-1)!.id;
    const started = Date.now();
    const waiting = visitor().poll({ token: view.token, after_id: last, timeout: 10 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "from another tab" });
    const woken = await waiting;
    assert.ok(Date.now() - started < 5000, "answered well before the timeout");
    assert.ok(bodies(woken.messages).includes("from another tab"), "the new message is delivered");
  });
});
