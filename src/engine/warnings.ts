// UI hints Odoo computes for the chatbot form: the first-step warning (3.3) and the
// "forward to operator child" flag of a step (3.6). Neither blocks anything.

import { INPUT_STEP_TYPES, type FirstStepWarning } from "../protocol/odoo.ts";
import type { ChatbotScript, ChatbotScriptStep } from "./types.ts";
import { sortedSteps } from "./next-step.ts";
import { welcomeSteps } from "./welcome.ts";

export type { FirstStepWarning } from "../protocol/odoo.ts";

/** Judged on the last welcome step: the bot needs one interaction before a forward or an action. */
export function firstStepWarning(script: ChatbotScript): FirstStepWarning {
  const welcome = welcomeSteps(script);
  const last = welcome[welcome.length - 1];
  if (!last) return false;
  if (last.step_type === "forward_operator") return "first_step_operator";
  if (!INPUT_STEP_TYPES.includes(last.step_type)) return "first_step_invalid";
  return false;
}

/**
 * Whether the step only plays when no operator was found: climbing from the step to its
 * "parent" (the closest earlier question or forward step whose condition it extends, or one of
 * whose answers it requires) reaches a forward step.
 */
export function isForwardOperatorChild(script: ChatbotScript, stepId: number): boolean {
  const steps = sortedSteps(script);
  const step = steps.find((s) => s.id === stepId);
  if (!step) return false;
  // Closest first: descending sequence; equal sequences keep their (sequence, id) order.
  const parents = steps
    .filter((s) => s.step_type === "forward_operator" || s.step_type === "question_selection")
    .map((s, order) => ({ s, order }))
    .sort((a, b) => b.s.sequence - a.s.sequence || a.order - b.order)
    .map(({ s }) => s)
    .filter((s) => s.sequence < step.sequence);
  let parent: ChatbotScriptStep | null = step;
  do parent = parentStep(parent, parents);
  while (parent && parent.step_type !== "forward_operator");
  return parent !== null;
}

function parentStep(child: ChatbotScriptStep, candidates: ChatbotScriptStep[]): ChatbotScriptStep | null {
  const childTriggers = new Set(child.triggering_answer_ids);
  for (const candidate of candidates) {
    if (candidate.sequence >= child.sequence) continue;
    if (childTriggers.size) {
      const extendsCondition = candidate.triggering_answer_ids.every((id) => childTriggers.has(id));
      const requiresItsAnswer = candidate.answer_ids.some((answer) => childTriggers.has(answer.id));
      if (!extendsCondition && !requiresItsAnswer) continue;
    } else if (candidate.triggering_answer_ids.length) continue;
    return candidate;
  }
  return null;
}

/** The flag for every step, in (sequence, id) order. */
export function forwardOperatorChildFlags(script: ChatbotScript): { step_id: number; is_forward_operator_child: boolean }[] {
  return sortedSteps(script).map((step) => ({ step_id: step.id, is_forward_operator_child: isForwardOperatorChild(script, step.id) }));
}
