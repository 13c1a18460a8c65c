// A script edited while conversations run: the next step of each conversation follows what is
// stored now (steps, answers, their order), as Odoo reads the script on every step.
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { answerNamed, bodies, bridgeWithSession, createScript, loginAdmin, msgId, visitor } from "./support/bridge.ts";

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
});
