// "Only If" candidates: answers of questions placed before the step in this script (Odoo's
// field domain `script_step_id.sequence < sequence`, limited to the edited script), labelled
// "step message: answer" as Odoo's answer display name.
import { answerDisplayName } from "../../engine/index.ts";
import type { ChatbotScript } from "../../engine/types.ts";

export interface OnlyIfCandidate {
  id: number;
  label: string;
  stepId: number;
}

/** All answers of the script with their display names, in step order. */
export function scriptAnswers(script: ChatbotScript): OnlyIfCandidate[] {
  return script.script_step_ids.flatMap((step) =>
    step.answer_ids.map((answer) => ({ id: answer.id, stepId: step.id, label: answerDisplayName(step.message, answer.name) })),
  );
}

/**
 * Candidates for a step with `sequence`; `null` is a step not saved yet, which lands after
 * every existing step, so every question comes before it.
 */
export function onlyIfCandidates(script: ChatbotScript, sequence: number | null, excludeStepId?: number): OnlyIfCandidate[] {
  const earlier = new Set(
    script.script_step_ids
      .filter((s) => s.step_type === "question_selection" && s.id !== excludeStepId && (sequence === null || s.sequence < sequence))
      .map((s) => s.id),
  );
  return scriptAnswers(script).filter((c) => earlier.has(c.stepId));
}
