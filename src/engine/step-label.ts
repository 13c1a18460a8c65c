// How findings name steps and answers for an admin: by their text, as the Script tab shows them.

import { STEP_TYPE_LABELS } from "../protocol/odoo.ts";
import type { ChatbotScriptAnswer, ChatbotScriptStep } from "./types.ts";
import { shortenText } from "./answer-display.ts";

export function stepLabel(step: ChatbotScriptStep): string {
  const text = step.message ? shortenText(step.message, 48, "...") : "";
  return text ? `"${text}"` : `the ${STEP_TYPE_LABELS[step.step_type]} step (sequence ${step.sequence})`;
}

export function answerLabel(answer: ChatbotScriptAnswer): string {
  return `"${answer.name}"`;
}

/** "a", "a or b", "a, b or c". */
export function orList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
