import { nextStep, sortedSteps, isLastStep, onlyIfHolds } from "../../../src/engine/index.ts";
import { indexScript } from "../../../src/engine/script-index.ts";
import { helpdeskBot, HELPDESK_BOT_IDS, welcomeBot, WELCOME_BOT_IDS } from "../../../src/engine/fixtures/index.ts";
import { script } from "./helpers.ts";

// Odoo's docstring example: STEP1 answers A,B; STEP2 C,D; STEP3 E; STEP4 Only If {A,B,C,E}.
const A = 1, B = 2, C = 3, D = 4, E = 5;
const docstring = script([
  { id: 1, sequence: 1, type: "question_selection", message: "STEP1", answers: [[A, "A"], [B, "B"]] },
  { id: 2, sequence: 2, type: "question_selection", message: "STEP2", answers: [[C, "C"], [D, "D"]] },
  { id: 3, sequence: 3, type: "question_selection", message: "STEP3", answers: [[E, "E"]] },
  { id: 4, sequence: 4, type: "text", message: "STEP4", onlyIf: [A, B, C, E] },
  { id: 5, sequence: 5, type: "text", message: "STEP5" },
]);

QUnit.module("engine: next step (Odoo's _fetch_next_step)", () => {
  QUnit.test("docstring example: OR within a question, AND across questions", (assert) => {
    assert.strictEqual(nextStep(docstring, 3, [A, C, E])?.id, 4, "{A,C,E}: every group holds");
    assert.strictEqual(nextStep(docstring, 3, [B, C, E])?.id, 4, "{B,C,E}: B satisfies the {A,B} group");
    assert.strictEqual(nextStep(docstring, 3, [B, D, E])?.id, 5, "{B,D,E}: the {C} group fails, step 4 skipped");
    assert.strictEqual(nextStep(docstring, 3, [A, C])?.id, 5, "{A,C}: the {E} group fails");
    assert.strictEqual(nextStep(docstring, 3, [A, B, C, D, E])?.id, 4, "all answers: holds");
  });

  QUnit.test("a plain script is read afresh at each call; a frozen one keeps its index", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "text", message: "one" },
      { id: 2, sequence: 2, type: "text", message: "two" },
    ]);
    assert.strictEqual(nextStep(s, 1, [])?.id, 2);
    s.script_step_ids[1]!.sequence = 0;
    assert.strictEqual(nextStep(s, 1, [])?.id, undefined, "an edit between calls is seen: step 2 now comes first");
    assert.strictEqual(nextStep(s, null, [])?.id, 2);
    const frozen = structuredClone(s);
    for (const step of frozen.script_step_ids) Object.freeze(step);
    Object.freeze(frozen.script_step_ids);
    Object.freeze(frozen);
    assert.strictEqual(indexScript(frozen), indexScript(frozen), "the same index each time");
    assert.strictEqual(nextStep(frozen, null, [])?.id, 2, "and the same answers as the plain script");
    assert.notStrictEqual(indexScript(s), indexScript(s), "a plain script is indexed anew");
  });

  QUnit.test("no current step: the first step of the script, whatever its Only If", (assert) => {
    const s = script([
      { id: 7, sequence: 3, type: "text", message: "later" },
      { id: 8, sequence: 1, type: "text", message: "first", onlyIf: [99] },
    ]);
    assert.strictEqual(nextStep(s, null, [])?.id, 8);
    assert.strictEqual(nextStep(script([]), null, []), null, "empty script");
  });

  QUnit.test("strictly greater sequence: a step with the same sequence is never next", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "text", message: "one" },
      { id: 2, sequence: 1, type: "text", message: "same sequence" },
      { id: 3, sequence: 2, type: "text", message: "two" },
    ]);
    assert.strictEqual(nextStep(s, 1, [])?.id, 3, "step 2 shares step 1's sequence");
    assert.strictEqual(nextStep(s, 2, [])?.id, 3);
    assert.strictEqual(nextStep(s, 3, []), null, "end of script");
  });

  QUnit.test("(sequence, id) order decides between equal sequences", (assert) => {
    const s = script([
      { id: 30, sequence: 5, type: "text", message: "higher id" },
      { id: 20, sequence: 5, type: "text", message: "lower id" },
      { id: 10, sequence: 1, type: "text", message: "start" },
    ]);
    assert.strictEqual(nextStep(s, 10, [])?.id, 20);
    assert.deepEqual(sortedSteps(s).map((st) => st.id), [10, 20, 30]);
  });

  QUnit.test("empty selection: only unconditional steps can follow", (assert) => {
    assert.strictEqual(nextStep(docstring, 1, [])?.id, 2);
    assert.strictEqual(nextStep(docstring, 3, [])?.id, 5);
  });

  QUnit.test("answers accumulate: an early answer still counts much later", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "Q1", answers: [[1, "x"], [2, "y"]] },
      { id: 2, sequence: 2, type: "text", message: "plain" },
      { id: 3, sequence: 3, type: "text", message: "plain 2" },
      { id: 4, sequence: 4, type: "text", message: "needs x", onlyIf: [1] },
    ]);
    assert.strictEqual(nextStep(s, 3, [1])?.id, 4);
    assert.strictEqual(nextStep(s, 3, [2]), null);
  });

  QUnit.test("an answer this script does not own never satisfies a condition", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "text", message: "a" },
      { id: 2, sequence: 2, type: "text", message: "foreign condition", onlyIf: [12345] },
      { id: 3, sequence: 3, type: "text", message: "c" },
    ]);
    assert.strictEqual(nextStep(s, 1, [])?.id, 3);
    assert.strictEqual(nextStep(s, 1, [777])?.id, 3);
    assert.strictEqual(nextStep(s, 999, []), null, "unknown current step: nothing follows");
  });

  QUnit.test("Welcome Bot branches as on Odoo", (assert) => {
    const bot = welcomeBot();
    const { steps: st, answers: an } = WELCOME_BOT_IDS;
    assert.strictEqual(nextStep(bot, st.dispatch, [an.pricing])?.id, st.pricing);
    assert.strictEqual(nextStep(bot, st.pricing, [an.pricing])?.id, st.pricingForward);
    assert.strictEqual(nextStep(bot, st.pricingForward, [an.pricing])?.id, st.pricingNoOne);
    assert.strictEqual(nextStep(bot, st.pricingEmail, [an.pricing]), null, "email is the last pricing step");
    assert.strictEqual(nextStep(bot, st.dispatch, [an.documentation])?.id, st.docRedirect);
    assert.strictEqual(nextStep(bot, st.docRedirect, [an.documentation])?.id, st.docExit);
    assert.strictEqual(nextStep(bot, st.docExit, [an.documentation]), null);
    assert.strictEqual(nextStep(bot, st.dispatch, [an.justLooking])?.id, st.justLooking);
  });

  QUnit.test("Helpdesk Bot step 7 needs 'administrative' AND 'No'", (assert) => {
    const bot = helpdeskBot();
    const { steps: st, answers: an } = HELPDESK_BOT_IDS;
    assert.strictEqual(nextStep(bot, st.reference, [an.administrative, an.no])?.id, st.noReference);
    assert.strictEqual(nextStep(bot, st.reference, [an.administrative, an.yes])?.id, st.withReference);
    assert.strictEqual(nextStep(bot, st.noReference, [an.administrative, an.no])?.id, st.issue, "skips the 'Yes' steps");
    assert.strictEqual(nextStep(bot, st.nature, [an.technical])?.id, st.serial);
    assert.strictEqual(nextStep(bot, st.technicalMore, [an.technical])?.id, st.allSet, "administrative steps skipped");
  });
});

QUnit.module("engine: last step (Odoo's _is_last_step)", () => {
  QUnit.test("a question is never last; other steps are last when nothing follows", (assert) => {
    const bot = welcomeBot();
    const { steps: st, answers: an } = WELCOME_BOT_IDS;
    const step = (id: number) => bot.script_step_ids.find((s) => s.id === id)!;
    assert.false(isLastStep(bot, step(st.dispatch), []), "question");
    assert.true(isLastStep(bot, step(st.pricingEmail), [an.pricing]), "email step ends the pricing branch");
    assert.false(isLastStep(bot, step(st.pricing), [an.pricing]));
    assert.true(isLastStep(bot, step(st.docExit), [an.documentation]));
    assert.false(isLastStep(bot, step(st.welcome), []), "the question follows");
    const lone = script([{ id: 1, sequence: 1, type: "question_selection", message: "only", answers: [[1, "a"]] }]);
    assert.false(isLastStep(lone, lone.script_step_ids[0]!, []), "even with nothing after it");
  });
});

QUnit.module("engine: onlyIfHolds", () => {
  QUnit.test("the docstring example, step by step", (assert) => {
    const step4 = docstring.script_step_ids.find((s) => s.id === 4)!;
    assert.true(onlyIfHolds(docstring, step4, [A, C, E]));
    assert.false(onlyIfHolds(docstring, step4, [B, D, E]));
    assert.false(onlyIfHolds(docstring, step4, []));
    assert.true(onlyIfHolds(docstring, docstring.script_step_ids[0]!, []), "no condition: always");
  });
});
