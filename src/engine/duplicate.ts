// Copying a script (2.1): the ORM does not copy "Only If", Odoo re-links it afterwards by
// zipping the steps of original and copy in sorted order, and their answers likewise.

import type { ChatbotScript } from "./types.ts";
import { sortedSteps } from "./next-step.ts";
import { sortedAnswers } from "./script-index.ts";

/** For each step of the copy: the copy's answers matching the original step's "Only If". */
export function remapTriggeringAnswers(original: ChatbotScript, copy: ChatbotScript): Map<number, number[]> {
  const originalSteps = sortedSteps(original);
  const copySteps = sortedSteps(copy);
  const originalAnswers = originalSteps.flatMap(sortedAnswers);
  const copyAnswers = copySteps.flatMap(sortedAnswers);
  const answerMap = new Map<number, number>();
  originalAnswers.forEach((answer, i) => {
    const twin = copyAnswers[i];
    if (twin) answerMap.set(answer.id, twin.id);
  });
  const result = new Map<number, number[]>();
  originalSteps.forEach((step, i) => {
    const twin = copySteps[i];
    if (!twin) return;
    const mapped = step.triggering_answer_ids.map((id) => answerMap.get(id)).filter((id): id is number => id !== undefined);
    result.set(twin.id, mapped);
  });
  return result;
}
