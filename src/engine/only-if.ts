// "Only If" bookkeeping (2.2): which question owns each answer, and the cleanup Odoo runs when
// a step's sequence is written: triggering answers whose question is not strictly before the
// step are silently dropped.

import type { ChatbotScript } from "./types.ts";

/** Answer id → id of the step (question) it belongs to. */
export function answerStepMap(script: ChatbotScript): Map<number, number> {
  const map = new Map<number, number>();
  for (const step of script.script_step_ids) for (const answer of step.answer_ids) map.set(answer.id, step.id);
  return map;
}

/**
 * The triggering answer ids the step keeps after its sequence is written, in their stored order.
 * Answers this script does not own are kept: their question cannot be compared.
 */
export function cleanTriggeringAnswers(script: ChatbotScript, stepId: number): number[] {
  const step = script.script_step_ids.find((s) => s.id === stepId);
  if (!step) return [];
  const owner = answerStepMap(script);
  const sequenceOf = new Map(script.script_step_ids.map((s) => [s.id, s.sequence]));
  return step.triggering_answer_ids.filter((answerId) => {
    const questionId = owner.get(answerId);
    if (questionId === undefined) return true;
    return sequenceOf.get(questionId)! < step.sequence;
  });
}
