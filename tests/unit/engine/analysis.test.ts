import { analyzeScript, enumeratePaths, type Finding } from "../../../src/engine/index.ts";
import * as F from "../../../src/engine/fixtures/index.ts";
import { script } from "./helpers.ts";

const only = (findings: Finding[]): Finding[] => findings;

QUnit.module("engine: whole-script analysis, one fixture per finding", () => {
  QUnit.test("the sample bots are clean", (assert) => {
    for (const bot of [F.welcomeBot(), F.leadGenerationBot(), F.helpdeskBot(), F.testingBot(), F.testingBotWithLead(), F.testingBotWithTicket()])
      assert.deepEqual(analyzeScript(bot), { findings: [], partial: false }, bot.title);
  });

  QUnit.test("dead_end", (assert) => {
    assert.deepEqual(only(analyzeScript(F.deadEndScript()).findings), [
      {
        kind: "dead_end",
        step_ids: [1],
        answer_ids: [2],
        message:
          'Choosing "No" at "Do you like bots?" ends the chat with no reply: no step is shown after this answer. Add a step for it (with this answer in its "Only If"), or a step without condition after the question.',
      },
    ]);
  });

  QUnit.test("dead_end in some conversations only, and never for a redirect answer", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "Q1", answers: [[1, "a"], [2, "b"]] },
      { id: 2, sequence: 2, type: "question_selection", message: "Q2", answers: [[3, "c"], [4, "docs", "/docs"]] },
      { id: 3, sequence: 3, type: "text", message: "after a and c", onlyIf: [1, 3] },
    ]);
    const findings = analyzeScript(s).findings;
    assert.deepEqual(findings.map((f) => [f.kind, f.step_ids, f.answer_ids]), [["dead_end", [2], [3]]]);
    assert.true(findings[0]!.message.startsWith('In some conversations, choosing "c" at "Q2" ends the chat'));
  });

  QUnit.test("unreachable_step (found by the full search)", (assert) => {
    assert.deepEqual(only(analyzeScript(F.unreachableStepScript()).findings), [
      {
        kind: "unreachable_step",
        step_ids: [4],
        answer_ids: [],
        message: '"Ask for the order number" is never shown: no conversation the script allows reaches it. Check its "Only If" and its place in the list of steps.',
      },
    ]);
  });

  QUnit.test("each fixture shows exactly its own kind of finding", (assert) => {
    const cases: [string, () => ReturnType<typeof F.deadEndScript>, Finding["kind"]][] = [
      ["deadEndScript", F.deadEndScript, "dead_end"],
      ["unreachableStepScript", F.unreachableStepScript, "unreachable_step"],
      ["impossibleConditionScript", F.impossibleConditionScript, "impossible_condition"],
      ["neverShownQuestionScript", F.neverShownQuestionScript, "impossible_condition"],
      ["forwardWithoutFallbackScript", F.forwardWithoutFallbackScript, "forward_without_fallback"],
      ["shadowedStepScript", F.shadowedStepScript, "shadowed_step"],
      ["firstStepOperatorScript", F.firstStepOperatorScript, "first_step_operator"],
      ["firstStepInvalidScript", F.firstStepInvalidScript, "first_step_invalid"],
    ];
    for (const [name, fixture, kind] of cases) {
      const { findings, partial } = analyzeScript(fixture());
      assert.false(partial, name);
      assert.true(findings.length > 0, `${name} has a finding`);
      assert.deepEqual([...new Set(findings.map((f) => f.kind))], [kind], `${name}: only ${kind}`);
    }
  });

  QUnit.test("impossible_condition: answers that exclude each other", (assert) => {
    assert.deepEqual(only(analyzeScript(F.impossibleConditionScript()).findings), [
      {
        kind: "impossible_condition",
        step_ids: [3, 1, 2],
        answer_ids: [2, 1],
        message:
          '"Premium support" is never shown: its "Only If" needs answers that cannot be chosen in the same conversation: at "What do you need?" it needs "Sales", and also "Support" (to reach "Are you a customer?"). Only one answer of a question can be chosen.',
      },
    ]);
  });

  QUnit.test("impossible_condition: an answer of a later question, of a non-question, of another script", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "First?", answers: [[1, "a"]] },
      { id: 2, sequence: 2, type: "text", message: "needs a later answer", onlyIf: [3] },
      { id: 3, sequence: 3, type: "question_selection", message: "Later?", answers: [[3, "z"]] },
      { id: 4, sequence: 4, type: "text", message: "was a question", answers: [[4, "old answer"]] },
      { id: 5, sequence: 5, type: "text", message: "needs an old answer", onlyIf: [4] },
      { id: 6, sequence: 6, type: "text", message: "needs a foreign answer", onlyIf: [999] },
      { id: 7, sequence: 7, type: "text", message: "Bye" },
    ]);
    const findings = analyzeScript(s).findings;
    assert.deepEqual(findings.map((f) => [f.kind, f.step_ids, f.answer_ids]), [
      ["impossible_condition", [2, 3], [3]],
      ["impossible_condition", [5, 4], [4]],
      ["impossible_condition", [6], [999]],
    ]);
    assert.strictEqual(
      findings[0]!.message,
      '"needs a later answer" is never shown: its "Only If" needs "z", but "Later?" is asked after this step (or at the same place), so that answer cannot be chosen before it. Move the step below the question, or change its "Only If".',
    );
    assert.strictEqual(findings[1]!.message, '"needs an old answer" is never shown: its "Only If" needs "old answer" of "was a question", which is not a question, so that answer can never be chosen.');
    assert.strictEqual(findings[2]!.message, '"needs a foreign answer" is never shown: its "Only If" needs an answer that does not belong to this script. Remove it from the "Only If".');
  });

  QUnit.test("impossible_condition: the question it needs is itself never shown", (assert) => {
    const findings = analyzeScript(F.neverShownQuestionScript()).findings;
    assert.deepEqual(findings.map((f) => [f.kind, f.step_ids, f.answer_ids]), [
      ["impossible_condition", [2, 3], [5]],
      ["impossible_condition", [4, 2], [4]],
    ]);
    assert.strictEqual(findings[1]!.message, '"Here is the laptop price list." is never shown: its "Only If" needs "Laptop" of "Which product?", and that question is itself never shown.');
  });

  QUnit.test("impossible_condition: the question it needs is shadowed, so never shown either", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "What do you need?", answers: [[1, "Support"], [2, "Sales"]] },
      { id: 2, sequence: 2, type: "free_input_single", message: "Tell me more." },
      { id: 3, sequence: 2, type: "question_selection", message: "Do you have an order?", answers: [[3, "Yes, I do"]] },
      { id: 4, sequence: 3, type: "text", message: "Ask for the order number", onlyIf: [3] },
      { id: 5, sequence: 4, type: "text", message: "Thanks, bye!" },
    ]);
    const { findings, partial } = analyzeScript(s);
    assert.deepEqual(findings.map((f) => [f.kind, f.step_ids, f.answer_ids]), [
      ["impossible_condition", [4, 3], [3]],
      ["shadowed_step", [3, 2], []],
    ]);
    assert.strictEqual(findings[0]!.message, '"Ask for the order number" is never shown: its "Only If" needs "Yes, I do" of "Do you have an order?", and that question is itself never shown.');
    // Proved statically, so a search cut short still says it.
    const cut = analyzeScript(s, { maxStates: 1 });
    assert.true(cut.partial);
    assert.deepEqual(cut.findings.map((f) => f.kind), ["impossible_condition", "shadowed_step"]);
    assert.false(partial);
  });

  QUnit.test("forward_without_fallback", (assert) => {
    assert.deepEqual(only(analyzeScript(F.forwardWithoutFallbackScript()).findings), [
      {
        kind: "forward_without_fallback",
        step_ids: [3],
        answer_ids: [],
        message:
          'When no operator is available, "Let me find someone for you." posts nothing and no step follows it, so the visitor gets no reply at all. Add a step after it for when nobody is available (for example, ask for an email address).',
      },
    ]);
  });

  QUnit.test("shadowed_step, also by a conditional step that asks for no more", (assert) => {
    assert.deepEqual(only(analyzeScript(F.shadowedStepScript()).findings), [
      {
        kind: "shadowed_step",
        step_ids: [3, 2],
        answer_ids: [],
        message:
          '"Tea lovers get a discount!" is never shown: "Here is the menu." has the same sequence, comes first and has no "Only If", so it is always picked instead. Give this step a place of its own in the list of steps.',
      },
    ]);
    const s = script([
      { id: 1, sequence: 1, type: "question_selection", message: "Q", answers: [[1, "a"], [2, "b"]] },
      { id: 2, sequence: 2, type: "text", message: "a or b", onlyIf: [1, 2] },
      { id: 3, sequence: 2, type: "text", message: "only a", onlyIf: [1] },
      { id: 4, sequence: 2, type: "text", message: "no condition" },
    ]);
    const findings = analyzeScript(s).findings;
    assert.deepEqual(findings.map((f) => [f.kind, f.step_ids]), [
      ["shadowed_step", [3, 2]],
      ["unreachable_step", [4]],
    ], "step 4 is not shadowed (it asks for less than the steps before it) but is unreachable: step 2 is always picked");
    assert.strictEqual(
      findings[0]!.message,
      '"only a" is never shown: "a or b" has the same sequence, comes first and is shown whenever this one could be (its "Only If" asks for no more), so it is always picked instead. Give this step a place of its own in the list of steps.',
    );
  });

  QUnit.test("first_step_operator and first_step_invalid use Odoo's tips", (assert) => {
    assert.deepEqual(only(analyzeScript(F.firstStepOperatorScript()).findings), [
      {
        kind: "first_step_operator",
        step_ids: [2],
        answer_ids: [],
        message:
          "Tip: At least one interaction (Question, Email, ...) is needed before the Bot can perform more complex actions (Forward to an Operator, ...). " +
          "Use Channel Rules if you want the Bot to interact with visitors only when no operator is available.",
      },
    ]);
    assert.deepEqual(only(analyzeScript(F.firstStepInvalidScript()).findings), [
      {
        kind: "first_step_invalid",
        step_ids: [2],
        answer_ids: [],
        message: "Tip: At least one interaction (Question, Email, ...) is needed before the Bot can perform more complex actions (Forward to an Operator, ...).",
      },
    ]);
  });

  QUnit.test("a search cut short says partial and reports nothing it cannot prove", (assert) => {
    // 10 independent questions whose answers all matter at the end: 2^10 states.
    const steps = [];
    for (let q = 0; q < 10; q++)
      steps.push({ id: q + 1, sequence: q + 1, type: "question_selection" as const, message: `Q${q}`, answers: [[2 * q + 1, "x"], [2 * q + 2, "y"]] as [number, string][] });
    steps.push({ id: 50, sequence: 50, type: "text" as const, message: "all x", onlyIf: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19] });
    const s = script(steps);
    const full = analyzeScript(s);
    assert.false(full.partial);
    assert.deepEqual(full.findings.map((f) => [f.kind, f.answer_ids]), [["dead_end", [19]], ["dead_end", [20]]], "after Q9 only 'all x' follows");
    assert.true(full.findings[0]!.message.startsWith("In some conversations"));
    assert.true(full.findings[1]!.message.startsWith("Choosing"));
    const cut = analyzeScript(s, { maxStates: 50 });
    assert.true(cut.partial);
    assert.false(cut.findings.some((f) => f.kind === "unreachable_step"), "no unreachable claim without the full search");
    for (const finding of cut.findings) assert.true(full.findings.some((f) => JSON.stringify(f) === JSON.stringify(finding)), `${finding.kind} also in the full result`);
  });
});

QUnit.module("engine: path enumeration", () => {
  QUnit.test("Welcome Bot: five conversations", (assert) => {
    const { paths, capped } = enumeratePaths(F.welcomeBot());
    assert.false(capped);
    assert.deepEqual(
      paths.map((p) => [p.start, p.end, p.steps.join(","), p.choices.map((c) => (c.kind === "answer" ? `a${c.answer_id}` : c.kind === "operator" ? `op:${c.found}` : `in:${c.valid}`)).join(" ")]),
      [
        ["open", "operator", "1,2,3,4", "a1 op:true"],
        ["open", "ended", "1,2,3,4,5,6", "a1 op:false in:true"],
        ["open", "ended", "1,2,3,4,5,6", "a1 op:false in:false in:true"],
        ["open", "ended", "1,2,7,8", "a2"],
        ["open", "ended", "1,2,9", "a3"],
      ],
    );
  });

  QUnit.test("capped at maxPaths, and says so", (assert) => {
    const steps = [];
    for (let q = 0; q < 12; q++)
      steps.push({ id: q + 1, sequence: q + 1, type: "question_selection" as const, message: `Q${q}`, answers: [[2 * q + 1, "x"], [2 * q + 2, "y"]] as [number, string][] });
    const s = script(steps);
    const all = enumeratePaths(s);
    assert.strictEqual(all.paths.length, 4096);
    assert.false(all.capped);
    const few = enumeratePaths(s, { maxPaths: 100 });
    assert.strictEqual(few.paths.length, 100);
    assert.true(few.capped);
    assert.false(enumeratePaths(s, { maxPaths: 4096 }).capped, "exactly at the cap is complete");
  });

  QUnit.test("a question without answers leaves the conversation stuck", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "text", message: "hi" },
      { id: 2, sequence: 2, type: "question_selection", message: "no answers" },
    ]);
    assert.deepEqual(enumeratePaths(s).paths, [{ start: "open", steps: [1, 2], choices: [], end: "stuck" }]);
  });

  QUnit.test("a restart that differs from opening is listed separately", (assert) => {
    // The second welcome step has an Only If: opening shows it, a restart skips it.
    const s = script([
      { id: 1, sequence: 1, type: "text", message: "hi" },
      { id: 2, sequence: 2, type: "question_email", message: "email?", onlyIf: [9] },
      { id: 3, sequence: 3, type: "question_selection", message: "Q", answers: [[9, "z"]] },
    ]);
    const starts = enumeratePaths(s).paths.map((p) => `${p.start}:${p.steps.join(",")}`);
    assert.deepEqual(starts, ["open:1,2,3", "open:1,2,3", "restart:1,3"]);
  });
});
