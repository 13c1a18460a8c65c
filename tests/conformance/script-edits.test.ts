// A script edited while conversations run: the next step of each conversation follows what is
// stored now (steps, answers, their order), as Odoo reads the script on every step.
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { BRIDGE_ERRORS } from "../../src/protocol/bridge.ts";
import { ODOO_ERRORS } from "../../src/protocol/odoo.ts";
import { answerNamed, bodies, bridgeWithSession, createScript, loginAdmin, msgId, rejectsWith, visitor } from "./support/bridge.ts";

let admin: OdooClient;

QUnit.module("bridge: script edited during a conversation", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  QUnit.test("the next reply sees edited messages and answers, and removed steps", async (assert) => {
    const script = await createScript(admin, [
      { type: "free_input_single", message: "First?" },
      { type: "question_selection", message: "Pick", answers: ["A", "B"] },
      { type: "text", message: "Bye" },
    ]);
    const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
    assert.strictEqual(view.step?.message, "First?");

    const [, pick, bye] = script.steps;
    await admin.write("chatbot.script.step", [pick!.id], { message: "Pick one" });
    await admin.write("chatbot.script.answer", [pick!.answers[0]!.id], { name: "A, renamed" });
    const asked = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "hello" });
    assert.strictEqual(asked.step?.message, "Pick one", "edited step message");
    assert.deepEqual(asked.step?.answers.map((a) => a.name), ["A, renamed", "B"], "edited answer");

    await admin.unlink("chatbot.script.step", [bye!.id]);
    const ended = await visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: answerNamed(asked, "A, renamed") });
    assert.strictEqual(ended.state, "ended", "the removed last step is not played");
    assert.deepEqual(bodies((await visitor().history(view.token)).messages), ["First?", "hello", "Pick one", "A, renamed"]);
  });

  QUnit.test("a step added after the current one is played next", async (assert) => {
    const script = await createScript(admin, [
      { type: "free_input_single", message: "Name?" },
      { type: "text", message: "Thanks" },
    ]);
    const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
    await admin.create("chatbot.script.step", { chatbot_script_id: script.id, step_type: "free_input_single", message: "Email too?", sequence: 100 });
    const thanked = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "Ann" });
    assert.strictEqual(thanked.step?.message, "Email too?", "the new step comes after Thanks");
    assert.deepEqual(bodies(thanked.messages), ["Ann", "Thanks", "Email too?"]);
  });

  QUnit.test("the step a conversation waits on is deleted: that run has ended, Restart starts it anew", async (assert) => {
    const script = await createScript(admin, [
      { type: "text", message: "Hello" },
      { type: "free_input_single", message: "Your name?" },
      { type: "text", message: "Thanks" },
    ]);
    const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
    assert.strictEqual(view.step?.message, "Your name?");
    await admin.unlink("chatbot.script.step", [script.steps[1]!.id]);
    const history = await visitor().history(view.token);
    assert.strictEqual(history.state, "ended", "never 'bot' without a step");
    assert.strictEqual(history.step, null);
    await rejectsWith(assert, visitor().reply({ token: view.token, client_msg_id: msgId(), text: "Ann" }), ODOO_ERRORS.user, BRIDGE_ERRORS.ended);
    const restarted = await visitor().restart(view.token, msgId());
    assert.strictEqual(restarted.state, "ended", "the script left has no step that waits");
    assert.deepEqual(bodies(restarted.messages).slice(-2), ["Hello", "Thanks"], "restart plays the script as it is now");
  });
});
