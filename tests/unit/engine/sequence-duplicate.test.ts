import { assignSequences, cleanTriggeringAnswers, answerStepMap, remapTriggeringAnswers, sortedSteps } from "../../../src/engine/index.ts";
import { testingBot, TESTING_BOT_IDS } from "../../../src/engine/fixtures/index.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";
import { script } from "./helpers.ts";

QUnit.module("engine: sequences of created steps", () => {
  QUnit.test("test_chatbot_steps_sequence", (assert) => {
    const first = assignSequences([], [{}, {}, {}, {}, {}]);
    assert.deepEqual(first, [0, 1, 2, 3, 4], "5 steps on a new script");
    assert.deepEqual(assignSequences([], [{}, {}, {}]), [0, 1, 2], "3 steps on another");
    assert.deepEqual(assignSequences(first, [{}, {}]), [5, 6], "2 more on the first");
  });
  QUnit.test("an explicit sequence resets the counter without incrementing", (assert) => {
    assert.deepEqual(assignSequences([], [{}, { sequence: 10 }, {}, {}]), [0, 10, 10, 11]);
    assert.deepEqual(assignSequences([3, 7], [{}, { sequence: 2 }, {}]), [8, 2, 2]);
    assert.deepEqual(assignSequences([4], [{ sequence: 0 }]), [0]);
  });
  QUnit.test("steps added one by one get 0, 1, 2", (assert) => {
    const existing: number[] = [];
    for (let i = 0; i < 3; i++) existing.push(...assignSequences(existing, [{}]));
    assert.deepEqual(existing, [0, 1, 2]);
  });
});

QUnit.module("engine: Only If cleanup when a sequence is written", () => {
  const s = () =>
    script([
      { id: 1, sequence: 1, type: "question_selection", message: "q1", answers: [[11, "a"], [12, "b"]] },
      { id: 2, sequence: 2, type: "question_selection", message: "q2", answers: [[21, "c"]] },
      { id: 3, sequence: 3, type: "text", message: "t", onlyIf: [11, 21, 999] },
    ]);
  QUnit.test("answers of questions not strictly before the step are dropped", (assert) => {
    assert.deepEqual(cleanTriggeringAnswers(s(), 3), [11, 21, 999], "all earlier: kept (an answer whose step is unknown too)");
    const moved = s();
    moved.script_step_ids[2]!.sequence = 2;
    assert.deepEqual(cleanTriggeringAnswers(moved, 3), [11, 999], "same sequence as q2: c dropped");
    moved.script_step_ids[2]!.sequence = 0;
    assert.deepEqual(cleanTriggeringAnswers(moved, 3), [999], "before both questions");
    assert.deepEqual(cleanTriggeringAnswers(s(), 42), [], "unknown step");
  });
  QUnit.test("an answer of another script is judged by its own step's sequence, as Odoo compares it", (assert) => {
    // Odoo unlinks each answer whose step has a sequence >= the step's, whatever script that step is in.
    assert.deepEqual(cleanTriggeringAnswers(s(), 3, new Map([[999, 3]])), [11, 21], "other script's step at the same sequence: dropped");
    assert.deepEqual(cleanTriggeringAnswers(s(), 3, new Map([[999, 7]])), [11, 21], "after: dropped");
    assert.deepEqual(cleanTriggeringAnswers(s(), 3, new Map([[999, 2]])), [11, 21, 999], "before: kept");
    const moved = s();
    moved.script_step_ids[2]!.sequence = 0;
    assert.deepEqual(cleanTriggeringAnswers(moved, 3, new Map([[999, -1]])), [999], "only the other script's earlier answer is left");
    assert.deepEqual(cleanTriggeringAnswers(s(), 3, new Map([[11, 9]])), [11, 21, 999], "this script's answers use this script's sequences");
  });
  QUnit.test("answerStepMap", (assert) => {
    assert.deepEqual([...answerStepMap(s()).entries()], [[11, 1], [12, 1], [21, 2]]);
  });
});

QUnit.module("engine: duplicate remaps Only If", () => {
  /** A copy as the ORM makes it: new ids, same order, no Only If. */
  function copyOf(original: ChatbotScript, offset: number): ChatbotScript {
    return {
      ...original,
      id: original.id + offset,
      title: `${original.title} (copy)`,
      script_step_ids: original.script_step_ids.map((st) => ({
        ...st,
        id: st.id + offset,
        triggering_answer_ids: [],
        answer_ids: st.answer_ids.map((an) => ({ ...an, id: an.id + offset, script_step_id: st.id + offset })),
      })),
    };
  }
  QUnit.test("test_chatbot_duplicate: each copied step gets the copied answers", (assert) => {
    const original = testingBot();
    const copy = copyOf(original, 1000);
    const map = remapTriggeringAnswers(original, copy);
    const { steps: st, answers: an } = TESTING_BOT_IDS;
    assert.deepEqual(map.get(st.email + 1000), [an.buy + 1000]);
    assert.deepEqual(map.get(st.justLeaving + 1000), [an.leaving + 1000]);
    assert.deepEqual(map.get(st.dispatch + 1000), []);
    assert.strictEqual(map.size, 14);
    const names = (id: number) => copy.script_step_ids.flatMap((s) => s.answer_ids).find((a) => a.id === id)?.name;
    assert.strictEqual(names(map.get(st.pricingThankYou + 1000)![0]!), "Pricing Question", "same names, new records");
  });
  QUnit.test("zips in sorted order, not in storage order", (assert) => {
    const original = script([
      { id: 5, sequence: 2, type: "text", message: "second", onlyIf: [1] },
      { id: 4, sequence: 1, type: "question_selection", message: "first", answers: [[2, "y"], [1, "x"]] },
    ]);
    // Answers sort by (sequence, id): the builder gave y sequence 1 and x sequence 2.
    const copy = script([
      { id: 40, sequence: 1, type: "question_selection", message: "first", answers: [[20, "y"], [10, "x"]] },
      { id: 50, sequence: 2, type: "text", message: "second" },
    ]);
    const map = remapTriggeringAnswers(original, copy);
    assert.deepEqual(map.get(50), [10]);
    assert.deepEqual(sortedSteps(copy).map((s) => s.id), [40, 50]);
  });
});
