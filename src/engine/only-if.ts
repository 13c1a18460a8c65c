// "Only If" bookkeeping (2.2): which question owns each answer, and the cleanup Odoo runs when
// a step's sequence is written: triggering answers whose own step does not have a strictly
// smaller sequence are silently dropped (Odoo compares sequences only, so an answer of another
// script is judged by its step's sequence in that script).

import type { ChatbotScript } from "./types.ts";

/** Answer id → id of the step (question) it belongs to. */
export function answerStepMap(script: ChatbotScript): Map<number, number> {
  const map = new Map<number, number>();
  for (const step of script.script_step_ids) for (const answer of step.answer_ids) map.set(answer.id, step.id);
  return map;
}

/**
 * The triggering answer ids the step keeps after its sequence is written, in their stored order:
 * Odoo unlinks every answer whose own step's sequence is not strictly smaller than the step's,
 * whichever script that step belongs to. Answers of another script are judged by their step's
 * sequence as given in `otherAnswerSequences` (answer id → sequence of the step owning it); an id
 * found in neither (a deleted answer, which Odoo's relation no longer holds) is kept as it is.
 */
export function cleanTriggeringAnswers(script: ChatbotScript, stepId: number, otherAnswerSequences: ReadonlyMap<number, number> = new Map()): number[] {
  const step = script.script_step_ids.find((s) => s.id === stepId);
  if (!step) return [];
  const owner = answerStepMap(script);
  const sequenceOf = new Map(script.script_step_ids.map((s) => [s.id, s.sequence]));
  return step.triggering_answer_ids.filter((answerId) => {
    const questionId = owner.get(answerId);
    const sequence = questionId === undefined ? otherAnswerSequences.get(answerId) : sequenceOf.get(questionId);
    return sequence === undefined || sequence < step.sequence;
  });
}
