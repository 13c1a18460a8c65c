// Scripts far larger or deeper than an admin writes by hand: path enumeration and the analysis
// must neither overflow the stack nor run away in time or memory, and say when they stopped.
import { analyzeScript, enumeratePaths, type Finding } from "../../../src/engine/index.ts";
import { generateChainScript as chainedQuestions, generateLinearScript as inputsInARow } from "../../../bench/generate-script.ts";
import type { ChatbotScript, ChatbotScriptStep } from "../../../src/engine/types.ts";

/** `count` independent questions with two answers each, then a goodbye: 2^count conversations. */
function independentQuestions(count: number): ChatbotScript {
  const steps: ChatbotScriptStep[] = [];
  for (let q = 1; q <= count; q++)
    steps.push({
      id: q,
      sequence: q,
      step_type: "question_selection",
      message: `Q${q}`,
      answer_ids: [
        { id: 2 * q - 1, name: "x", sequence: 1, redirect_link: false, script_step_id: q },
        { id: 2 * q, name: "y", sequence: 2, redirect_link: false, script_step_id: q },
      ],
      triggering_answer_ids: [],
    });
  steps.push({ id: count + 1, sequence: count + 1, step_type: "text", message: "Bye", answer_ids: [], triggering_answer_ids: [] });
  return { id: 1, title: "Independent", script_step_ids: steps };
}

const key = (f: Finding) => JSON.stringify([f.kind, f.step_ids, f.answer_ids]);

QUnit.module("engine: large scripts", () => {
  QUnit.test("path enumeration: 20,000 input steps in a row", (assert) => {
    const { paths, capped } = enumeratePaths(inputsInARow(20_000, "free_input_single"));
    assert.false(capped);
    assert.strictEqual(paths.length, 1);
    assert.strictEqual(paths[0]!.steps.length, 20_000);
    assert.strictEqual(paths[0]!.choices.length, 20_000);
    assert.strictEqual(paths[0]!.steps[19_999], 20_000);
  });

  QUnit.test("path enumeration: 20,000 email steps in a row (each may be refused once) stops at the default cap", (assert) => {
    const { paths, capped } = enumeratePaths(inputsInARow(20_000, "question_email"));
    assert.true(capped);
    assert.strictEqual(paths.length, 10_000);
    assert.strictEqual(paths[0]!.steps.length, 20_000, "the first path runs to the end");
  });

  QUnit.test("path enumeration: 5,000 questions, each shown only after 'a' to the one before", (assert) => {
    const { paths, capped } = enumeratePaths(chainedQuestions(5_000));
    assert.false(capped);
    assert.strictEqual(paths.length, 5_001, "'b' ends the chat at each question, or 'a' everywhere");
    assert.strictEqual(paths[0]!.steps.length, 5_000);
    assert.deepEqual(paths[1]!.choices.slice(-2), [
      { step_id: 4_999, kind: "answer", answer_id: 9_997 },
      { step_id: 5_000, kind: "answer", answer_id: 10_000 },
    ]);
    assert.deepEqual(paths[paths.length - 1]!.steps, [1]);
  });

  QUnit.test("path enumeration: the default cap of 10,000 paths, on 2^14 conversations", (assert) => {
    const s = independentQuestions(14);
    const { paths, capped } = enumeratePaths(s);
    assert.true(capped);
    assert.strictEqual(paths.length, 10_000);
    assert.strictEqual(new Set(paths.map((p) => JSON.stringify(p.choices))).size, 10_000, "all distinct");
    const all = enumeratePaths(s, { maxPaths: 2 ** 14 });
    assert.false(all.capped);
    assert.strictEqual(all.paths.length, 2 ** 14);
  });

  QUnit.test("analysis: 10,000 chained questions, completely within the default work budget", (assert) => {
    // The budget counts work, not time: copying each question's conditions into every step after
    // it (quadratic) would exhaust it and make the result partial.
    const { findings, partial } = analyzeScript(chainedQuestions(10_000));
    assert.false(partial);
    // "b" ends the chat at every question, and so does "a" at the last one.
    assert.strictEqual(findings.length, 10_001);
    assert.true(findings.every((f) => f.kind === "dead_end" && f.message.startsWith("Choosing")));
  });

  QUnit.test("analysis: 5,000 chained questions that also need the first answer, completely", (assert) => {
    const { findings, partial } = analyzeScript(chainedQuestions(5_000, true));
    assert.false(partial);
    assert.strictEqual(findings.length, 5_001);
  });

  QUnit.test("analysis: the work budget covers every part and makes the result partial, never wrong", (assert) => {
    const s = chainedQuestions(2_000);
    const full = analyzeScript(s);
    for (const maxWork of [0, 1_000, 30_000, 60_000, 85_000]) {
      const cut = analyzeScript(s, { maxWork });
      assert.true(cut.partial, `maxWork ${maxWork}: partial`);
      assert.false(cut.findings.some((f) => f.kind === "unreachable_step"), "no unreachable claim without the full search");
      const known = new Set(full.findings.map(key));
      assert.true(cut.findings.every((f) => known.has(key(f))), `maxWork ${maxWork}: every finding also in the full result`);
    }
    // The static parts count too: 1,000 steps sharing one sequence are compared pairwise.
    const steps: ChatbotScriptStep[] = [{ id: 1, sequence: 0, step_type: "question_selection", message: "Q", answer_ids: [], triggering_answer_ids: [] }];
    for (let id = 2; id <= 1_000; id++) steps.push({ id, sequence: 1, step_type: "text", message: `T${id}`, answer_ids: [], triggering_answer_ids: [100_000 + id] });
    const same: ChatbotScript = { id: 1, title: "Same sequence", script_step_ids: steps };
    assert.false(analyzeScript(same).partial);
    assert.true(analyzeScript(same, { maxWork: 100_000 }).partial);
  });
});
