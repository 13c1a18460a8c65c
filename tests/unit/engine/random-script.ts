// fast-check arbitrary: small random scripts with every step type, equal sequences, "Only If"
// on earlier and later answers, questions without answers and phone checks.
import fc from "fast-check";
import { STEP_TYPES } from "../../../src/protocol/odoo.ts";
import type { ChatbotScript, ChatbotScriptStep } from "../../../src/engine/types.ts";

export const randomScript: fc.Arbitrary<ChatbotScript> = fc
  .array(
    fc.record({
      sequence: fc.integer({ min: 0, max: 8 }),
      type: fc.constantFrom(...STEP_TYPES, "question_selection", "question_selection", "text"),
      answerCount: fc.integer({ min: 0, max: 3 }),
      hasMessage: fc.boolean(),
      phoneCheck: fc.boolean(),
      triggerPicks: fc.array(fc.nat(), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((specs) => {
    let answerId = 0;
    const steps: ChatbotScriptStep[] = specs.map((spec, i) => {
      const id = i + 1;
      const answers = spec.type === "question_selection" ? Array.from({ length: spec.answerCount }, (_, k) => ({ id: ++answerId, name: `s${id}a${k}`, sequence: k + 1, redirect_link: false as const, script_step_id: id })) : [];
      return {
        id,
        sequence: spec.sequence,
        step_type: spec.type,
        message: spec.hasMessage || spec.type === "question_selection" ? `step ${id}` : false,
        answer_ids: answers,
        triggering_answer_ids: [],
        phone_check: spec.phoneCheck,
      };
    });
    const allAnswers = steps.flatMap((s) => s.answer_ids.map((a) => a.id));
    specs.forEach((spec, i) => {
      if (!allAnswers.length) return;
      steps[i]!.triggering_answer_ids = [...new Set(spec.triggerPicks.map((pick) => allAnswers[pick % allAnswers.length]!))];
    });
    return { id: 1, title: "Random", script_step_ids: steps };
  });
