// Every step type through bridge v1, on scripts made for each test (test conversations).
import { BRIDGE_TEXTS, ODOO_TEXTS, formatText } from "../../src/protocol/odoo.ts";
import { TEST_OPERATOR_NAME } from "../../src/protocol/bridge.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { answerNamed, bodies, bridgeWithSession, createScript, hasFeature, loginAdmin, msgId, testIf, visitor, type StepSpec } from "./support/bridge.ts";

let admin: OdooClient;

async function openTest(steps: StepSpec[], operatorAvailable?: boolean) {
  const script = await createScript(admin, steps);
  const view = await bridgeWithSession(admin).openTest({ script_id: script.id, ...(operatorAvailable ? { operator_available: true } : {}) });
  return { script, view };
}

const say = (token: string, text: string, hold?: boolean) => visitor().reply({ token, client_msg_id: msgId(), text, ...(hold ? { hold } : {}) });
const pick = (token: string, answer_id: number) => visitor().reply({ token, client_msg_id: msgId(), answer_id });

QUnit.module("bridge: step types", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  QUnit.test("welcome steps: texts up to the first step that is not text, step object shape", async (assert) => {
    const { script, view } = await openTest([
      { type: "text", message: "Hello!" },
      { type: "text", message: "I am a bot." },
      { type: "question_selection", message: "Pick one", answers: ["A", { name: "B", redirect_link: "/b" }] },
      { type: "text", message: "after" },
    ]);
    assert.deepEqual(bodies(view.messages), ["Hello!", "I am a bot.", "Pick one"]);
    assert.ok(view.messages.every((m) => m.author === "bot"), "bot authored");
    assert.deepEqual(view.messages.map((m) => m.step_id), script.steps.slice(0, 3).map((s) => s.id), "each message names its step");
    assert.strictEqual(view.state, "bot");
    assert.false(view.closed);
    assert.strictEqual(view.operator, null);
    assert.ok(typeof view.token === "string" && view.token.length >= 22, "token of 128 bits or more");
    assert.deepEqual(view.step, {
      id: script.steps[2]!.id,
      type: "question_selection",
      message: "Pick one",
      answers: [
        { id: script.steps[2]!.answers[0]!.id, name: "A", redirect_link: null },
        { id: script.steps[2]!.answers[1]!.id, name: "B", redirect_link: "/b" },
      ],
      is_last: false,
    });
    for (const message of view.messages) {
      assert.ok(!Number.isNaN(Date.parse(message.date)) && /Z$|[+-]00:?00$/.test(message.date), `ISO UTC date ${message.date}`);
      assert.strictEqual(message.author_name, script.title, "the bot speaks with the script's title");
    }
  });

  QUnit.test("question_selection and Only If: OR within a question, AND across questions", async (assert) => {
    const { view } = await openTest([
      { type: "question_selection", message: "Q1", answers: ["A", "B"] },
      { type: "question_selection", message: "Q2", answers: ["C", "D"] },
      { type: "text", message: "A or B, and C", onlyIf: [[0, 0], [0, 1], [1, 0]] },
      { type: "text", message: "only D", onlyIf: [[1, 1]] },
      { type: "text", message: "A and D", onlyIf: [[0, 0], [1, 1]] },
      { type: "text", message: "always" },
    ]);
    const afterQ1 = await pick(view.token, answerNamed(view, "B"));
    assert.deepEqual(afterQ1.messages.map((m) => [m.author, m.body]), [["visitor", "B"], ["bot", "Q2"]]);
    assert.strictEqual(afterQ1.messages[0]!.answer_id, answerNamed(view, "B"), "the visitor message carries the answer");
    assert.strictEqual(afterQ1.messages[0]!.step_id, view.step!.id, "and the question's step");
    const end = await pick(view.token, answerNamed(afterQ1, "D"));
    assert.deepEqual(bodies(end.messages), ["D", "only D", "always"]);
    assert.strictEqual(end.state, "ended");
    assert.strictEqual(end.step, null);
  });

  QUnit.test("question_email: Odoo's retry message with the text as Odoo quotes it, then the script goes on", async (assert) => {
    const { view } = await openTest([
      { type: "question_email", message: "Your email?" },
      { type: "text", message: "Thanks" },
    ]);
    assert.true(view.step!.is_last === false, "an email step followed by a step is not last");
    const bad = await say(view.token, "  not   an  email ");
    assert.deepEqual(bad.messages.map((m) => m.author), ["visitor", "bot"]);
    assert.strictEqual(bad.messages[1]!.body, formatText(ODOO_TEXTS.invalidEmailRetry, "not an email"));
    assert.strictEqual(bad.step?.id, view.step!.id, "the step stays");
    const good = await say(view.token, "Someone@Example.com");
    assert.deepEqual(bodies(good.messages), ["Someone@Example.com", "Thanks"]);
    assert.strictEqual(good.state, "ended");
  });

  QUnit.test("question_phone: stored as given without check; the last step is flagged", async (assert) => {
    const { view } = await openTest([{ type: "question_phone", message: "Your phone?" }]);
    assert.true(view.step!.is_last, "an input step with nothing after it is last");
    const done = await say(view.token, "call me maybe");
    assert.deepEqual(bodies(done.messages), ["call me maybe"]);
    assert.strictEqual(done.state, "ended");
  });

  testIf("question_phone with phone_check: invalid numbers are refused, valid ones accepted", hasFeature("phone_check"), "phone_check not in server.features", async (assert) => {
    const { view } = await openTest([
      { type: "question_phone", message: "Your phone?", extra: { phone_check: true, phone_default_country: "BE" } },
      { type: "text", message: "Got it" },
    ]);
    const bad = await say(view.token, "12");
    assert.deepEqual(bodies(bad.messages), ["12", formatText(BRIDGE_TEXTS.invalidPhoneRetry, "12")]);
    assert.strictEqual(bad.step?.id, view.step!.id);
    const good = await say(view.token, "0470 12 34 56");
    assert.deepEqual(bodies(good.messages), ["0470 12 34 56", "Got it"]);
  });

  QUnit.test("free_input_single takes one message", async (assert) => {
    const { view } = await openTest([
      { type: "free_input_single", message: "Tell me" },
      { type: "text", message: "Noted" },
    ]);
    const next = await say(view.token, "anything at all");
    assert.deepEqual(bodies(next.messages), ["anything at all", "Noted"]);
  });

  QUnit.test("free_input_multi: held lines are posted and the step waits; a finishing reply without text ends it", async (assert) => {
    const { view } = await openTest([
      { type: "free_input_multi", message: "Tell me more" },
      { type: "text", message: "Thanks for all that" },
    ]);
    const first = await say(view.token, "line one", true);
    assert.deepEqual(bodies(first.messages), ["line one"]);
    assert.strictEqual(first.step?.id, view.step!.id, "still waiting");
    const second = await say(view.token, "line two", true);
    assert.deepEqual(bodies(second.messages), ["line two"]);
    const history = await visitor().history(view.token);
    assert.deepEqual(bodies(history.messages, ["visitor"]), ["line one", "line two"], "held lines show in history");
    const done = await visitor().reply({ token: view.token, client_msg_id: msgId() });
    assert.deepEqual(bodies(done.messages), ["Thanks for all that"]);
    assert.strictEqual(done.state, "ended");
  });

  QUnit.test("free_input_multi finished by a last line without hold", async (assert) => {
    const { view } = await openTest([
      { type: "free_input_multi", message: "Tell me more" },
      { type: "text", message: "ok" },
    ]);
    await say(view.token, "first", true);
    const done = await say(view.token, "last");
    assert.deepEqual(bodies(done.messages), ["last", "ok"]);
  });

  QUnit.test("forward_operator in a test conversation: nobody is found, nothing is posted, the script goes on", async (assert) => {
    const { view } = await openTest([
      { type: "question_selection", message: "Talk to a human?", answers: ["Yes"] },
      { type: "forward_operator", message: "Transferring you" },
      { type: "text", message: "Nobody is there" },
    ]);
    const next = await pick(view.token, answerNamed(view, "Yes"));
    assert.deepEqual(bodies(next.messages), ["Yes", "Nobody is there"]);
    assert.strictEqual(next.state, "ended");
    assert.strictEqual(next.operator, null);
  });

  QUnit.test("forward_operator with operator_available: the step message, then the test operator joins", async (assert) => {
    const { view } = await openTest(
      [
        { type: "question_selection", message: "Talk to a human?", answers: ["Yes"] },
        { type: "forward_operator", message: "Transferring you" },
        { type: "text", message: "never said" },
      ],
      true,
    );
    const next = await pick(view.token, answerNamed(view, "Yes"));
    assert.deepEqual(next.messages.map((m) => [m.author, m.body]), [
      ["visitor", "Yes"],
      ["bot", "Transferring you"],
      ["system", formatText(ODOO_TEXTS.operatorJoined, TEST_OPERATOR_NAME)],
    ]);
    assert.strictEqual(next.state, "operator");
    assert.deepEqual(next.operator, { name: TEST_OPERATOR_NAME });
    assert.strictEqual(next.step, null, "the bot stopped");
    const chat = await say(view.token, "hello human");
    assert.deepEqual(chat.messages.map((m) => [m.author, m.body]), [["visitor", "hello human"]], "a plain chat message");
    assert.strictEqual(chat.state, "operator");
  });

  QUnit.test("a forward step without message posts only the join notice", async (assert) => {
    const { view } = await openTest(
      [
        { type: "question_selection", message: "Human?", answers: ["Yes"] },
        { type: "forward_operator", message: false },
      ],
      true,
    );
    const next = await pick(view.token, answerNamed(view, "Yes"));
    assert.deepEqual(bodies(next.messages), ["Yes", formatText(ODOO_TEXTS.operatorJoined, TEST_OPERATOR_NAME)]);
  });

  QUnit.test("a step reached with an empty message posts nothing and still runs", async (assert) => {
    const { view } = await openTest([
      { type: "free_input_single", message: "Say" },
      { type: "text", message: false },
      { type: "text", message: "bye" },
    ]);
    const next = await say(view.token, "x");
    assert.deepEqual(bodies(next.messages), ["x", "bye"]);
  });

  QUnit.test("restart: the notice, then the welcome steps again; answers are forgotten", async (assert) => {
    const { view } = await openTest([
      { type: "question_selection", message: "Q", answers: ["A", "B"] },
      { type: "text", message: "was A", onlyIf: [[0, 0]] },
      { type: "text", message: "was B", onlyIf: [[0, 1]] },
    ]);
    const first = await pick(view.token, answerNamed(view, "A"));
    assert.deepEqual(bodies(first.messages), ["A", "was A"]);
    const restarted = await visitor().restart(view.token);
    assert.deepEqual(restarted.messages.map((m) => [m.author, m.body]), [
      ["system", ODOO_TEXTS.restarting],
      ["bot", "Q"],
    ]);
    assert.strictEqual(restarted.state, "bot");
    const second = await pick(view.token, answerNamed(restarted, "B"));
    assert.deepEqual(bodies(second.messages), ["B", "was B"], "the earlier answer A no longer counts");
    const history = await visitor().history(view.token);
    assert.strictEqual(history.messages.length, 1 + 2 + 2 + 2, "the whole transcript is kept");
  });

  QUnit.test("restart of an ongoing script is allowed", async (assert) => {
    const { view } = await openTest([{ type: "free_input_single", message: "Say" }]);
    const restarted = await visitor().restart(view.token);
    assert.deepEqual(bodies(restarted.messages), [ODOO_TEXTS.restarting, "Say"]);
  });

  QUnit.test("a new test conversation closes the tester's earlier one of the same script, as Odoo 18", async (assert) => {
    const script = await createScript(admin, [{ type: "free_input_single", message: "Say" }]);
    const first = await bridgeWithSession(admin).openTest({ script_id: script.id });
    const second = await bridgeWithSession(admin).openTest({ script_id: script.id });
    assert.notStrictEqual(second.token, first.token);
    assert.true((await visitor().history(first.token)).closed, "the earlier test is closed");
    assert.false((await visitor().history(second.token)).closed, "the new one is open");
  });

  QUnit.test("close: state ended and closed; a second close changes nothing", async (assert) => {
    const { view } = await openTest([{ type: "free_input_single", message: "Say" }]);
    const closed = await visitor().close(view.token);
    assert.strictEqual(closed.state, "ended");
    assert.true(closed.closed);
    assert.strictEqual(closed.step, null);
    const again = await visitor().close(view.token);
    assert.deepEqual(again.messages, [], "nothing new");
    assert.true(again.closed);
    const history = await visitor().history(view.token);
    assert.true(history.closed);
    assert.strictEqual(history.state, "ended");
  });
});
