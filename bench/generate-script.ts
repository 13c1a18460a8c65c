// Deterministic large scripts for the benchmarks: blocks of ten steps, each opened by a
// question with three answers; the block's steps depend on its answers (and now and then on an
// answer of the block before), with an email step, a forward step and its fallback in each.

import type { ChatbotScript, ChatbotScriptStep } from "../src/engine/types.ts";
import type { StepType } from "../src/protocol/odoo.ts";

/** A small seeded generator so every run measures the same scripts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function generateScript(stepCount: number, seed = 42): ChatbotScript {
  const next = random(seed);
  const steps: ChatbotScriptStep[] = [];
  let answerId = 0;
  let previousAnswers: number[] = [];
  for (let id = 1; id <= stepCount; id++) {
    const inBlock = (id - 1) % 10;
    let type: StepType = "text";
    let triggers: number[] = [];
    const answers: ChatbotScriptStep["answer_ids"] = [];
    if (inBlock === 0) {
      type = "question_selection";
      for (let k = 0; k < 3; k++) answers.push({ id: ++answerId, name: `Answer ${k + 1} of step ${id}`, sequence: k + 1, redirect_link: false, script_step_id: id });
    } else {
      const block = steps[id - 1 - inBlock]!;
      const own = block.answer_ids.map((a) => a.id);
      const roll = next();
      if (roll < 0.6) triggers = [own[Math.floor(next() * own.length)]!];
      else if (roll < 0.75 && previousAnswers.length) triggers = [own[Math.floor(next() * own.length)]!, previousAnswers[Math.floor(next() * previousAnswers.length)]!];
      if (inBlock === 4) type = "forward_operator";
      else if (inBlock === 6) type = "question_email";
      else if (inBlock === 8) type = "free_input_single";
    }
    steps.push({ id, sequence: id, step_type: type, message: type === "forward_operator" && next() < 0.5 ? false : `Message of step ${id}`, answer_ids: answers, triggering_answer_ids: triggers });
    if (inBlock === 9) previousAnswers = steps[id - 10]!.answer_ids.map((a) => a.id);
  }
  steps.push({ id: stepCount + 1, sequence: stepCount + 1, step_type: "text", message: "Goodbye!", answer_ids: [], triggering_answer_ids: [] });
  return { id: 1, title: `Generated ${stepCount}`, script_step_ids: steps };
}
