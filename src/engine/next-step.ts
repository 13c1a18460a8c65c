// Odoo's `_fetch_next_step`: the first step, in (sequence, id) order, whose sequence is strictly
// greater than the current one and whose "Only If" holds for the answers selected since the
// last restart (OR within a question, AND across questions).
//
// Docstring example: STEP1 answers A,B; STEP2 C,D; STEP3 E; STEP4 Only If {A,B,C,E}.
// Selected {A,C,E} → groups {A,B}✓ {C}✓ {E}✓ → STEP4 shown. Selected {B,D,E} → {C} fails → skipped.

import type { ChatbotScript, ChatbotScriptStep } from "./types.ts";
import { compareSteps, groupByQuestion, groupsHold, indexScript, nextPosition, type ScriptIndex } from "./script-index.ts";

/** The script's steps in Odoo's order: (sequence, id). */
export function sortedSteps(script: ChatbotScript): ChatbotScriptStep[] {
  return [...script.script_step_ids].sort(compareSteps);
}

/**
 * The step that follows `currentStepId` for these selected answers, or null at the end of the
 * script. `currentStepId` null means no current step (new conversation or after a restart):
 * Odoo then starts at the first step of the script, whatever its "Only If".
 */
export function nextStep(
  script: ChatbotScript,
  currentStepId: number | null,
  selectedAnswerIds: Iterable<number>,
): ChatbotScriptStep | null {
  return nextStepIndexed(indexScript(script), currentStepId, new Set(selectedAnswerIds));
}

export function nextStepIndexed(
  index: ScriptIndex,
  currentStepId: number | null,
  selected: ReadonlySet<number>,
): ChatbotScriptStep | null {
  if (currentStepId === null) return index.steps[0] ?? null;
  const position = index.positionOf.get(currentStepId);
  if (position === undefined) return null;
  const next = nextPosition(index, position, selected);
  return next < 0 ? null : index.steps[next]!;
}

/** Whether a step's "Only If" holds for these selected answers (no condition: always). */
export function onlyIfHolds(script: ChatbotScript, step: ChatbotScriptStep, selectedAnswerIds: Iterable<number>): boolean {
  const owners = new Map<number, number>();
  for (const s of script.script_step_ids) for (const answer of s.answer_ids) owners.set(answer.id, s.id);
  return groupsHold(groupByQuestion(step.triggering_answer_ids, owners), new Set(selectedAnswerIds));
}
