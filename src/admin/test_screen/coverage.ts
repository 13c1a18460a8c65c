// Test coverage: the conversations the script allows (engine enumeration, opened ones) and
// which of them the test conversations went through. The runs are kept per script in the
// tab's sessionStorage, so leaving the Test screen, testing again or reloading keeps the ticks;
// any edit of the steps starts the coverage anew.
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

type Translate = (text: string, ...args: (string | number)[]) => string;

/**
 * A path in words: answers in quotes, inputs by kind, the operator's part, then how it ends.
 * An input refused once is one step of the path ("invalid email, then a valid one"), not two:
 * the engine lists the refused input and the accepted one as separate choices.
 */
export function describePath(script: ChatbotScript, path: ScriptPath, _t: Translate): string {
  const steps = new Map(script.script_step_ids.map((s) => [s.id, s]));
  const answers = new Map(script.script_step_ids.flatMap((s) => s.answer_ids.map((a) => [a.id, a.name] as const)));
  const parts: string[] = [];
  path.choices.forEach((choice, index) => {
    if (choice.kind === "answer") parts.push(`“${answers.get(choice.answer_id) ?? choice.answer_id}”`);
    else if (choice.kind === "operator") parts.push(choice.found ? _t("an operator joins") : _t("no operator"));
    else {
      const previous = path.choices[index - 1];
      if (choice.valid && previous?.kind === "input" && !previous.valid && previous.step_id === choice.step_id) return;
      const type = steps.get(choice.step_id)?.step_type;
      const what = type === "question_email" ? _t("email") : type === "question_phone" ? _t("phone") : _t("text");
      parts.push(choice.valid ? what : _t("invalid %s, then a valid one", what));
    }
  });
  parts.push(path.end === "operator" ? _t("talks with the operator") : _t("end"));
  return parts.join(" → ");
}

/** Changes with any edit of the steps (order, types, messages, answers, conditions). */
export function scriptFingerprint(script: ChatbotScript): string {
  const text = JSON.stringify(
    script.script_step_ids.map((s) => [
      s.id,
      s.sequence,
      s.step_type,
      s.message,
      s.answer_ids.map((a) => [a.id, a.name]),
      s.triggering_answer_ids,
      s.phone_check ?? false,
    ]),
  );
  // FNV-1a, 32 bits, plus the length: enough to tell versions of one script apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(36)}.${text.length.toString(36)}`;
}

const storageKey = (scriptId: number) => `chatbot_bridge.coverage.${scriptId}`;

/** The tab's sessionStorage, or null where the page may not use it. */
export function sessionStore(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The finished runs kept for this version of the script (none after an edit). */
export function loadRuns(storage: Storage | null, script: ChatbotScript): ExercisedRun[] {
  try {
    const kept = JSON.parse(storage?.getItem(storageKey(script.id)) ?? "null") as { fingerprint?: string; runs?: ExercisedRun[] } | null;
    if (!kept || kept.fingerprint !== scriptFingerprint(script) || !Array.isArray(kept.runs)) return [];
    return kept.runs.filter((r) => r && r.finished && Array.isArray(r.stepIds) && Array.isArray(r.answerIds) && Array.isArray(r.invalidInputStepIds));
  } catch {
    return [];
  }
}

/** Keeps the finished runs (once each) for this version of the script. */
export function saveRuns(storage: Storage | null, script: ChatbotScript, runs: ExercisedRun[]): void {
  if (!storage) return;
  const distinct = new Map<string, ExercisedRun>();
  for (const run of runs) {
    if (!run.finished) continue;
    const copy: ExercisedRun = {
      stepIds: [...run.stepIds],
      answerIds: [...run.answerIds],
      invalidInputStepIds: [...run.invalidInputStepIds],
      operatorJoined: run.operatorJoined,
      finished: true,
    };
    distinct.set(JSON.stringify(copy), copy);
  }
  try {
    storage.setItem(storageKey(script.id), JSON.stringify({ fingerprint: scriptFingerprint(script), runs: [...distinct.values()] }));
  } catch {
    /* full or refused: coverage then lasts as long as the screen */
  }
}
