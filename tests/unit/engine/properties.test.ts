// Property tests (fast-check): the next-step rule against its definition, enumerated paths
// against the reducer (the exact steps it runs), and the analysis and the path enumeration
// against an independent brute-force search through the reducer.
import fc from "fast-check";
import { analyzeScript, enumeratePaths, nextStep, sortedSteps, welcomeSteps, type AnalysisOptions } from "../../../src/engine/index.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";
import * as F from "../../../src/engine/fixtures/index.ts";
import { randomScript } from "./random-script.ts";
import { replayPath } from "./path-replay.ts";
import { bruteForce } from "./brute-force.ts";

const RUNS = 300;
const NEVER_SHOWN = ["unreachable_step", "impossible_condition", "shadowed_step"];

/** The definition, written plainly: strictly later, first in (sequence, id) order, OR within / AND across questions. */
function eligible(script: ChatbotScript, stepId: number, selected: Set<number>): boolean {
  const step = script.script_step_ids.find((s) => s.id === stepId)!;
  const owner = (answerId: number) => script.script_step_ids.find((s) => s.answer_ids.some((a) => a.id === answerId))?.id ?? -answerId;
  const questions = new Set(step.triggering_answer_ids.map(owner));
  return [...questions].every((q) => step.triggering_answer_ids.some((a) => owner(a) === q && selected.has(a)));
}

const fail = (what: string, details: unknown): never => {
  throw new Error(`${what}: ${JSON.stringify(details)}`);
};

/**
 * Throws on any disagreement between the analysis and the brute-force search: a claim the
 * reducer contradicts (soundness) or, for a complete analysis, something the reducer shows that
 * the analysis misses.
 */
function compareWithBruteForce(script: ChatbotScript, options: AnalysisOptions = {}): "search incomplete" | "partial" | "complete" {
  const truth = bruteForce(script);
  if (!truth.complete) return "search incomplete";
  const { findings, partial } = analyzeScript(script, options);
  const welcome = new Set(welcomeSteps(script).map((s) => s.id));
  const redirect = new Set(script.script_step_ids.flatMap((s) => s.answer_ids.filter((a) => a.redirect_link).map((a) => a.id)));

  // Sound: every claim is true of the reducer.
  const neverShown = new Set(findings.filter((f) => NEVER_SHOWN.includes(f.kind)).map((f) => f.step_ids[0]!));
  for (const id of neverShown) if (truth.reached.has(id)) fail(`step ${id} reported never shown, but the reducer runs it`, { script, findings });
  for (const f of findings.filter((f) => f.kind === "dead_end")) {
    const always = truth.deadEnds.get(`${f.step_ids[0]}|${f.answer_ids[0]}`);
    if (always === undefined) fail("dead end the reducer never shows", { script, f });
    if (f.message.startsWith("Choosing") && !always) fail("dead end said to happen always, but some conversation goes on", { script, f });
  }
  for (const f of findings.filter((f) => f.kind === "forward_without_fallback"))
    if (!truth.forwardsLeftAlone.has(f.step_ids[0]!)) fail("forward without fallback the reducer never shows", { script, f });

  // Complete: a full analysis misses nothing the reducer shows.
  if (partial) {
    if (findings.some((f) => f.kind === "unreachable_step")) fail("unreachable_step without the full search", { script, findings });
    return "partial";
  }
  for (const step of script.script_step_ids)
    if (!truth.reached.has(step.id) && !welcome.has(step.id) && !neverShown.has(step.id)) fail(`step ${step.id} never run but not reported`, { script, findings });
  const reported = new Map(findings.filter((f) => f.kind === "dead_end").map((f) => [`${f.step_ids[0]}|${f.answer_ids[0]}`, f.message.startsWith("Choosing")]));
  for (const [key, always] of truth.deadEnds) {
    if (redirect.has(Number(key.split("|")[1]))) continue;
    if (reported.get(key) !== always) fail(`dead end ${key} (always: ${always}) reported as ${reported.get(key)}`, { script, findings });
  }
  for (const id of truth.forwardsLeftAlone)
    if (!findings.some((f) => f.kind === "forward_without_fallback" && f.step_ids[0] === id)) fail(`forward ${id} left alone but not reported`, { script, findings });
  return "complete";
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

  QUnit.test("every enumerated path replays through the reducer, which runs exactly its steps", (assert) => {
    let replayed = 0;
    fc.assert(
      fc.property(randomScript, (script) => {
        const { paths } = enumeratePaths(script, { maxPaths: 200 });
        for (const path of paths) {
          const replay = replayPath(script, path);
          if (!replay.ok) fail(replay.problem!, { script, path, ran: replay.ranStepIds });
          replayed++;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
    assert.true(replayed > RUNS, `${replayed} paths replayed`);
  });

  QUnit.test("the analysis agrees with a brute-force search through the reducer", (assert) => {
    let compared = 0;
    let exhaustive = 0;
    fc.assert(
      fc.property(randomScript, (script) => {
        const result = compareWithBruteForce(script);
        if (result === "search incomplete") return true;
        compared++;
        if (result === "complete") exhaustive++;
        return true;
      }),
      { numRuns: RUNS },
    );
    assert.true(compared > RUNS * 0.9, `${compared} of ${RUNS} scripts searched exhaustively`);
    assert.true(exhaustive > RUNS * 0.9, `${exhaustive} of them analysed completely`);
  });

  QUnit.test("an analysis cut short by its budgets says so and stays sound", (assert) => {
    let cut = 0;
    fc.assert(
      fc.property(randomScript, fc.nat(3_000), fc.nat(12), (script, maxWork, maxStates) => {
        const result = compareWithBruteForce(script, { maxWork, maxStates });
        if (result === "partial") cut++;
        if (result === "complete" && JSON.stringify(analyzeScript(script, { maxWork, maxStates })) !== JSON.stringify(analyzeScript(script)))
          fail("a result not partial differs from the full one", { script, maxWork, maxStates });
        return true;
      }),
      { numRuns: RUNS },
    );
    assert.true(cut > RUNS / 4, `${cut} of ${RUNS} analyses cut short`);
  });

  QUnit.test("the fixtures and sample bots agree with the brute-force search", (assert) => {
    const fixtures = [
      F.welcomeBot, F.leadGenerationBot, F.helpdeskBot, F.testingBot, F.testingBotWithLead, F.testingBotWithTicket,
      F.deadEndScript, F.unreachableStepScript, F.impossibleConditionScript, F.neverShownQuestionScript,
      F.forwardWithoutFallbackScript, F.shadowedStepScript, F.firstStepOperatorScript, F.firstStepInvalidScript,
    ];
    for (const fixture of fixtures) assert.strictEqual(compareWithBruteForce(fixture()), "complete", fixture.name);
  });

  QUnit.test("path enumeration reaches exactly the steps the brute-force search reaches", (assert) => {
    let compared = 0;
    fc.assert(
      fc.property(randomScript, (script) => {
        const truth = bruteForce(script);
        const { paths, capped } = enumeratePaths(script, { maxPaths: 5_000 });
        if (!truth.complete || capped) return true;
        compared++;
        const inPaths = new Set(paths.flatMap((p) => p.steps));
        const missing = [...truth.reached].filter((id) => !inPaths.has(id));
        const extra = [...inPaths].filter((id) => !truth.reached.has(id));
        if (missing.length || extra.length) fail("different steps reached", { script, missing, extra });
        return true;
      }),
      { numRuns: RUNS },
    );
    assert.true(compared > RUNS * 0.9, `${compared} of ${RUNS} scripts compared`);
  });
});
