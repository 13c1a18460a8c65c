// Odoo's `_is_last_step`: a step is last when it is not a question (the answer decides what
// follows a question) and no step follows it for the answers selected so far.

import type { ChatbotScript, ChatbotScriptStep } from "./types.ts";
import { nextStep } from "./next-step.ts";

export function isLastStep(script: ChatbotScript, step: ChatbotScriptStep, selectedAnswerIds: Iterable<number>): boolean {
  return step.step_type !== "question_selection" && nextStep(script, step.id, selectedAnswerIds) === null;
}
