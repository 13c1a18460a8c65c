// Property tests (fast-check): the next-step rule against its definition, enumerated paths
// against the reducer, and the analysis against the enumerated paths.
import fc from "fast-check";
import { analyzeScript, enumeratePaths, nextStep, sortedSteps, welcomeSteps } from "../../../src/engine/index.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";
import { randomScript } from "./random-script.ts";
import { replayPath } from "./path-replay.ts";

const RUNS = 150;

/** The definition, written plainly: strictly later, first in (sequence, id) order, OR within / AND across questions. */
function eligible(script: ChatbotScript, stepId: number, selected: Set<number>): boolean {
  const step = script.script_step_ids.find((s) => s.id === stepId)!;
  const owner = (answerId: number) => script.script_step_ids.find((s) => s.answer_ids.some((a) => a.id === answerId))?.id ?? -answerId;
  const questions = new Set(step.triggering_answer_ids.map(owner));
  return [...questions].every((q) => step.triggering_answer_ids.some((a) => owner(a) === q && selected.has(a)));
}

QUnit.module("engine: properties", () => {
  QUnit.test("nextStep is the first eligible step with a strictly greater sequence", (assert) => {
    fc.assert(
      fc.property(randomScript, fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), (script, pick, picks) => {
        const steps = sortedSteps(script);
        const current = steps[pick % steps.length]!;
        const answers = script.script_step_ids.flatMap((s) => s.answer_ids.map((a) => a.id));
        const selected = new Set(answers.length ? picks.map((p) => answers[p % answers.length]!) : []);
        const expected = steps.find((s) => s.sequence > current.sequence && eligible(script, s.id, selected)) ?? null;
        return nextStep(script, current.id, selected)?.id === expected?.id;
      }),
      { numRuns: RUNS * 2 },
    );
    assert.true(true, "checked");
  });

  QUnit.test("every enumerated path replays step by step through the reducer", (assert) => {
    let replayed = 0;
    fc.assert(
      fc.property(randomScript, (script) => {
        const { paths } = enumeratePaths(script, { maxPaths: 200 });
        for (const path of paths) {
          const replay = replayPath(script, path);
          if (!replay.ok) throw new Error(`${replay.problem}: ${JSON.stringify({ script, path, replay })}`);
          replayed++;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
    assert.true(replayed > RUNS, `${replayed} paths replayed`);
  });

  QUnit.test("the analysis is sound and, when complete, exact about steps never shown", (assert) => {
    let checked = 0;
    fc.assert(
      fc.property(randomScript, (script) => {
        const { findings, partial } = analyzeScript(script);
        const { paths, capped } = enumeratePaths(script, { maxPaths: 5000 });
        const inPaths = new Set(paths.flatMap((p) => p.steps));
        const neverShown = new Set(findings.filter((f) => ["unreachable_step", "impossible_condition", "shadowed_step"].includes(f.kind)).map((f) => f.step_ids[0]!));
        for (const id of neverShown) if (inPaths.has(id)) throw new Error(`step ${id} reported never shown but path reaches it: ${JSON.stringify(script)}`);
        for (const f of findings.filter((f) => f.kind === "dead_end")) {
          const witnessed = paths.some((p) => {
            const last = p.choices[p.choices.length - 1];
            return p.end === "ended" && last?.kind === "answer" && last.answer_id === f.answer_ids[0] && p.steps[p.steps.length - 1] === f.step_ids[0];
          });
          if (!capped && !witnessed) throw new Error(`dead end without witness: ${JSON.stringify({ script, f })}`);
        }
        for (const f of findings.filter((f) => f.kind === "forward_without_fallback")) {
          const witnessed = paths.some((p) => p.end === "ended" && p.steps[p.steps.length - 1] === f.step_ids[0]);
          if (!capped && !witnessed) throw new Error(`forward without fallback not witnessed: ${JSON.stringify({ script, f })}`);
        }
        if (!partial && !capped) {
          const welcome = new Set(welcomeSteps(script).map((s) => s.id));
          for (const step of script.script_step_ids)
            if (!inPaths.has(step.id) && !welcome.has(step.id) && !neverShown.has(step.id))
              throw new Error(`step ${step.id} never shown but not reported: ${JSON.stringify(script)}`);
        }
        checked++;
        return true;
      }),
      { numRuns: RUNS },
    );
    assert.strictEqual(checked, RUNS);
  });
});
