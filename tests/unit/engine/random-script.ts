// fast-check arbitrary: small random scripts (1 to 14 steps) with every step type (questions and
// texts more often, phone steps with and without the check), equal sequences, "Only If" on
// earlier and later answers, answers of another script, answers left on a step that is no
// longer a question (as Odoo 17 keeps them after a type change), questions without answers,
// and answers with a redirect link.
import fc from "fast-check";
import { STEP_TYPES } from "../../../src/protocol/odoo.ts";
import type { ChatbotScript, ChatbotScriptAnswer, ChatbotScriptStep } from "../../../src/engine/types.ts";

/** Ids of answers that belong to another script: never offered to the visitor. */
export const FOREIGN_ANSWER_IDS = [901, 902];

export const randomScript: fc.Arbitrary<ChatbotScript> = fc
  .array(
    fc.record({
      /** Mostly in the order generated (so "Only If" mostly names earlier questions), sometimes anywhere. */
      sequenceShift: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -1, max: 1 }) }, { weight: 1, arbitrary: fc.integer({ min: -14, max: 14 }) }),
      type: fc.oneof(
        { weight: 4, arbitrary: fc.constant("question_selection" as const) },
        { weight: 1, arbitrary: fc.constant("question_phone" as const) },
        { weight: 5, arbitrary: fc.constantFrom(...STEP_TYPES) },
      ),
      answerCount: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      /** Per answer: whether it has a redirect link (one in eight). */
      redirects: fc.array(fc.integer({ min: 0, max: 7 }).map((n) => n === 0), { minLength: 3, maxLength: 3 }),
      /** A non-question step that kept answers from when it was one. */
      staleAnswers: fc.integer({ min: 0, max: 14 }).map((n) => n === 0),
      hasMessage: fc.boolean(),
      phoneCheck: fc.boolean(),
      /** Answers its "Only If" names: picks among the answers of earlier steps, now and then among all. */
      triggerPicks: fc.array(fc.record({ pick: fc.nat(), anywhere: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }), { maxLength: 3 }),
      foreignTrigger: fc.integer({ min: 0, max: 39 }).map((n) => (n < FOREIGN_ANSWER_IDS.length ? FOREIGN_ANSWER_IDS[n]! : null)),
    }),
    { minLength: 1, maxLength: 14, size: "medium" },
  )
  .map((specs) => {
    let answerId = 0;
    const steps: ChatbotScriptStep[] = specs.map((spec, i) => {
      const id = i + 1;
      const withAnswers = spec.type === "question_selection" || spec.staleAnswers;
      const answers: ChatbotScriptAnswer[] = withAnswers
        ? Array.from({ length: spec.answerCount }, (_, k) => ({
            id: ++answerId,
            name: `s${id}a${k}`,
            sequence: k + 1,
            redirect_link: spec.redirects[k] ? `/page-${answerId}` : false,
            script_step_id: id,
          }))
        : [];
      return {
        id,
        sequence: Math.max(0, i + spec.sequenceShift),
        step_type: spec.type,
        message: spec.hasMessage || spec.type === "question_selection" ? `step ${id}` : false,
        answer_ids: answers,
        triggering_answer_ids: [],
        phone_check: spec.phoneCheck,
      };
    });
    const allAnswers = steps.flatMap((s) => s.answer_ids.map((a) => a.id));
    specs.forEach((spec, i) => {
      const earlier = steps.slice(0, i).flatMap((s) => s.answer_ids.map((a) => a.id));
      const picked: number[] = [];
      for (const { pick, anywhere } of spec.triggerPicks) {
        const from = anywhere ? allAnswers : earlier;
        if (from.length) picked.push(from[pick % from.length]!);
      }
      if (spec.foreignTrigger !== null) picked.push(spec.foreignTrigger);
      steps[i]!.triggering_answer_ids = [...new Set(picked)];
    });
    return { id: 1, title: "Random", script_step_ids: steps };
  });
