import { welcomeSteps, firstStepWarning, isForwardOperatorChild, forwardOperatorChildFlags } from "../../../src/engine/index.ts";
import { testingBot, TESTING_BOT_IDS, welcomeBot, leadGenerationBot, helpdeskBot } from "../../../src/engine/fixtures/index.ts";
import { script } from "./helpers.ts";
import type { StepType } from "../../../src/protocol/odoo.ts";

const ofTypes = (...types: StepType[]) =>
  script(types.map((type, i) => ({ id: i + 1, sequence: i + 1, type, message: type, answers: type === "question_selection" ? [[100 + i, "x"]] : [] })));

QUnit.module("engine: welcome steps", () => {
  QUnit.test("up to and including the first non-text step", (assert) => {
    assert.deepEqual(welcomeSteps(ofTypes("question_selection", "text")).map((s) => s.id), [1]);
    assert.deepEqual(welcomeSteps(ofTypes("text", "text", "question_selection", "text")).map((s) => s.id), [1, 2, 3]);
    assert.deepEqual(welcomeSteps(ofTypes("text", "text")).map((s) => s.id), [1, 2], "only texts: all steps");
    assert.deepEqual(welcomeSteps(ofTypes("forward_operator", "text")).map((s) => s.id), [1]);
    assert.deepEqual(welcomeSteps(script([])), []);
  });

  QUnit.test("test_chatbot_welcome_steps: the Testing Bot's first 3 steps, then only the question", (assert) => {
    const bot = testingBot();
    const { steps: st } = TESTING_BOT_IDS;
    assert.deepEqual(welcomeSteps(bot).map((s) => s.id), [st.hello, st.welcome, st.dispatch]);
    bot.script_step_ids = bot.script_step_ids.filter((s) => s.id !== st.hello && s.id !== st.welcome);
    assert.deepEqual(welcomeSteps(bot).map((s) => s.id), [st.dispatch]);
  });

  QUnit.test("sample bots", (assert) => {
    assert.deepEqual(welcomeSteps(welcomeBot()).map((s) => s.id), [1, 2]);
    assert.deepEqual(welcomeSteps(leadGenerationBot()).map((s) => s.step_type), ["free_input_multi"]);
    assert.deepEqual(welcomeSteps(helpdeskBot()).map((s) => s.step_type), ["text", "question_selection"]);
  });
});

QUnit.module("engine: first step warning", () => {
  QUnit.test("judged on the last welcome step", (assert) => {
    assert.strictEqual(firstStepWarning(ofTypes("text", "forward_operator", "question_selection")), "first_step_operator");
    assert.strictEqual(firstStepWarning(ofTypes("text", "text")), "first_step_invalid", "text only");
    assert.strictEqual(firstStepWarning(ofTypes("create_lead", "question_email")), "first_step_invalid");
    assert.strictEqual(firstStepWarning(ofTypes("text", "create_ticket")), "first_step_invalid");
    for (const type of ["question_selection", "question_email", "question_phone", "free_input_single", "free_input_multi"] as const)
      assert.false(firstStepWarning(ofTypes("text", type, "forward_operator")), `${type} first: no warning`);
    assert.false(firstStepWarning(script([])), "no steps: no warning");
    assert.false(firstStepWarning(welcomeBot()));
  });
});

QUnit.module("engine: forward operator child", () => {
  const { steps: st, answers: an } = TESTING_BOT_IDS;
  QUnit.test("test_chatbot_is_forward_operator_child: exactly three Testing Bot steps", (assert) => {
    const flagged = forwardOperatorChildFlags(testingBot()).filter((f) => f.is_forward_operator_child).map((f) => f.step_id);
    assert.deepEqual(flagged, [st.noOneAvailable, st.noOperatorDispatch, st.justLeaving]);
    assert.strictEqual(forwardOperatorChildFlags(testingBot()).length, 14);
  });

  QUnit.test("after 'So... What can I do' is triggered by 'Pricing Question', only one stays flagged", (assert) => {
    const bot = testingBot();
    bot.script_step_ids.find((s) => s.id === st.noOperatorDispatch)!.triggering_answer_ids = [an.pricing];
    const flagged = forwardOperatorChildFlags(bot).filter((f) => f.is_forward_operator_child).map((f) => f.step_id);
    assert.deepEqual(flagged, [st.noOneAvailable]);
  });

  QUnit.test("steps without condition are children only of unconditional forwards", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "q", answers: [[1, "a"]] },
      { id: 2, sequence: 2, type: "forward_operator", message: false },
      { id: 3, sequence: 3, type: "text", message: "after" },
    ]);
    assert.true(isForwardOperatorChild(s, 3));
    assert.false(isForwardOperatorChild(s, 2), "the forward itself: its parent is the question");
    assert.false(isForwardOperatorChild(s, 1));
    assert.false(isForwardOperatorChild(s, 42), "unknown step");
  });
});
