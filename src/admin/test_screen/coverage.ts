// Test coverage: the conversations the script allows (engine enumeration, opened ones) and
// which of them the test conversations went through.
import { enumeratePaths, type ScriptPath } from "../../engine/index.ts";
import type { ChatbotScript } from "../../engine/types.ts";
import type { ExercisedRun } from "./test_conversation.ts";

export interface CoveredPath {
  path: ScriptPath;
  covered: boolean;
}

/** Steps a visitor sees a message for (a step without message posts nothing). */
function shownSteps(script: ChatbotScript, stepIds: number[]): number[] {
  const withMessage = new Set(script.script_step_ids.filter((s) => s.message).map((s) => s.id));
  return stepIds.filter((id) => withMessage.has(id));
}

export function runMatchesPath(script: ChatbotScript, run: ExercisedRun, path: ScriptPath): boolean {
  const answers = path.choices.flatMap((c) => (c.kind === "answer" ? [c.answer_id] : []));
  const invalid = path.choices.flatMap((c) => (c.kind === "input" && !c.valid ? [c.step_id] : []));
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    same(answers, run.answerIds) &&
    same(shownSteps(script, path.steps), shownSteps(script, run.stepIds)) &&
    same(invalid, run.invalidInputStepIds) &&
    (path.end === "operator") === run.operatorJoined
  );
}

export function coverage(script: ChatbotScript, runs: ExercisedRun[], maxPaths = 500): { paths: CoveredPath[]; capped: boolean } {
  const { paths, capped } = enumeratePaths(script, { maxPaths });
  const opened = paths.filter((p) => p.start === "open");
  const finished = runs.filter((r) => r.finished);
  return { paths: opened.map((path) => ({ path, covered: finished.some((run) => runMatchesPath(script, run, path)) })), capped };
}
