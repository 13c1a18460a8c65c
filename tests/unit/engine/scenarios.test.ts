// More of Odoo's own chatbot tests (behaviour reference, section 8) that concern the engine.
import { viewStep } from "../../../src/engine/index.ts";
import { welcomeBot, WELCOME_BOT_IDS } from "../../../src/engine/fixtures/index.ts";
import { drive, lines, script } from "./helpers.ts";

QUnit.module("engine: Odoo test scenarios", () => {
  QUnit.test("test_chatbot_trigger_selection: two questions, answered, restarted, answered again", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "First question?", answers: [[1, "A1"], [2, "A2"]] },
      { id: 2, sequence: 2, type: "question_selection", message: "Second question?", answers: [[3, "B1"], [4, "B2"]] },
    ]);
    const { state, outputs } = drive(s, [
      { type: "open" },
      { type: "answer", answer_id: 1 },
      { type: "answer", answer_id: 4 },
      { type: "restart" },
      { type: "answer", answer_id: 2 },
      { type: "answer", answer_id: 3 },
    ]);
    assert.deepEqual(lines(outputs), [
      "bot: First question?",
      "visitor: A1",
      "bot: Second question?",
      "visitor: B2",
      "system: Restarting conversation...",
      "bot: First question?",
      "visitor: A2",
      "bot: Second question?",
      "visitor: B1",
    ]);
    assert.strictEqual(state.state, "ended", "the answer to the last question ends the script");
    assert.deepEqual(state.selected_answer_ids, [2, 3], "only the answers since the restart");
  });

  QUnit.test("test_question_selection_overlapping_answers: 'not X', 'X', 'Maybe X' each lead to their own text", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "X?", answers: [[1, "not X"], [2, "X"], [3, "Maybe X"]] },
      { id: 2, sequence: 2, type: "text", message: "You said not X", onlyIf: [1] },
      { id: 3, sequence: 3, type: "text", message: "You said X", onlyIf: [2] },
      { id: 4, sequence: 4, type: "text", message: "You said maybe", onlyIf: [3] },
    ]);
    for (const [answer, reply] of [[1, "You said not X"], [2, "You said X"], [3, "You said maybe"]] as const) {
      const { outputs } = drive(s, [{ type: "open" }, { type: "answer", answer_id: answer }]);
      assert.deepEqual(lines(outputs).slice(-1), [`bot: ${reply}`]);
    }
  });

  QUnit.test("test_chatbot_user_input_saved_on_last_step: the answer to the last step is kept", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_phone", message: "Phone?" },
      { id: 2, sequence: 2, type: "question_email", message: "Email?" },
    ]);
    const { state } = drive(s, [{ type: "open" }, { type: "text", text: "+32 499 11 22 33" }, { type: "text", text: "last@example.com" }]);
    assert.strictEqual(state.state, "ended");
    assert.deepEqual(state.raw_answers.map((r) => r.text), ["+32 499 11 22 33", "last@example.com"]);
  });

  QUnit.test("redirect links: the answer is recorded and the script goes on at once", (assert) => {
    const bot = welcomeBot();
    const { answers: a, steps: st } = WELCOME_BOT_IDS;
    const dispatch = bot.script_step_ids.find((s) => s.id === st.dispatch)!;
    assert.strictEqual(viewStep(bot, dispatch, []).answers.find((x) => x.id === a.documentation)?.redirect_link, "/");
    const { outputs, state } = drive(bot, [{ type: "open" }, { type: "answer", answer_id: a.documentation }]);
    assert.deepEqual(lines(outputs).slice(2), ["visitor: I am looking for your documentation", "bot: And tadaaaa here you go! 🌟", "bot: If you need anything else, feel free to get back in touch"]);
    assert.deepEqual(state.selected_answer_ids, [a.documentation]);
  });

  QUnit.test("answers accumulate until restart: an early choice opens a later branch", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "Plan?", answers: [[1, "Pro"], [2, "Free"]] },
      { id: 2, sequence: 2, type: "question_selection", message: "Region?", answers: [[3, "EU"], [4, "US"]] },
      { id: 3, sequence: 3, type: "text", message: "Pro in the EU", onlyIf: [1, 3] },
      { id: 4, sequence: 4, type: "text", message: "Anything but Pro in the EU" },
    ]);
    assert.deepEqual(lines(drive(s, [{ type: "open" }, { type: "answer", answer_id: 1 }, { type: "answer", answer_id: 3 }]).outputs).slice(-2), ["bot: Pro in the EU", "bot: Anything but Pro in the EU"]);
    assert.deepEqual(lines(drive(s, [{ type: "open" }, { type: "answer", answer_id: 2 }, { type: "answer", answer_id: 3 }]).outputs).slice(-1), ["bot: Anything but Pro in the EU"]);
  });

  QUnit.test("a step whose Only If names a question never reached is never shown", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "Start?", answers: [[1, "a"], [2, "b"]] },
      { id: 2, sequence: 2, type: "question_selection", message: "Only after a", answers: [[3, "c"]], onlyIf: [1] },
      { id: 3, sequence: 3, type: "text", message: "needs c", onlyIf: [3] },
      { id: 4, sequence: 4, type: "text", message: "end" },
    ]);
    assert.deepEqual(lines(drive(s, [{ type: "open" }, { type: "answer", answer_id: 2 }]).outputs).slice(-1), ["bot: end"]);
  });
});
