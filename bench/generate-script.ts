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

/**
 * Questions "a" / "b", each shown only after "a" to the one before: the deepest dependency
 * chain. With `alsoFirst`, each from the third on also needs "a" to the first question.
 */
export function generateChainScript(stepCount: number, alsoFirst = false): ChatbotScript {
  const steps: ChatbotScriptStep[] = [];
  for (let id = 1; id <= stepCount; id++) {
    const onlyIf = id > 1 ? [2 * id - 3] : [];
    if (alsoFirst && id > 2) onlyIf.push(1);
    steps.push({
      id,
      sequence: id,
      step_type: "question_selection",
      message: `Question ${id}`,
      answer_ids: [
        { id: 2 * id - 1, name: "a", sequence: 1, redirect_link: false, script_step_id: id },
        { id: 2 * id, name: "b", sequence: 2, redirect_link: false, script_step_id: id },
      ],
      triggering_answer_ids: onlyIf,
    });
  }
  return { id: 1, title: `Chain ${stepCount}`, script_step_ids: steps };
}

/** Input steps of one type in a row (free inputs: one conversation, as long as the script). */
export function generateLinearScript(stepCount: number, stepType: StepType = "free_input_single"): ChatbotScript {
  const steps: ChatbotScriptStep[] = [];
  for (let id = 1; id <= stepCount; id++) steps.push({ id, sequence: id, step_type: stepType, message: `Step ${id}`, answer_ids: [], triggering_answer_ids: [] });
  return { id: 1, title: `Linear ${stepCount}`, script_step_ids: steps };
}

/**
 * `generateScript` with mistakes an admin makes, so that the analysis has findings to report.
 * In turn, one block in five gets: a step shadowed by an unconditional one of the same sequence;
 * a step needing an answer of the next block's question (asked later); a question whose answer
 * cannot go with the answer a later step also needs; a step that only the search finds
 * unreachable (it needs the block's first answer, which always leads through a question whose
 * only answer makes the step before it, of the same sequence, eligible). The last block's steps
 * all need its first answer and it ends with a forward step (dead ends, no fallback).
 */
export function generateScriptWithFindings(stepCount: number, seed = 42): ChatbotScript {
  const script = generateScript(stepCount, seed);
  const steps = script.script_step_ids;
  steps.pop(); // the goodbye
  const blocks = Math.floor(steps.length / 10);
  const newQuestion = (step: ChatbotScriptStep, only: number[]) => {
    step.step_type = "question_selection";
    step.message = `Question of step ${step.id}`;
    step.triggering_answer_ids = only;
    step.answer_ids = [{ id: 1_000_000 + step.id, name: "Sure", sequence: 1, redirect_link: false, script_step_id: step.id }];
    return step.answer_ids[0]!.id;
  };
  for (let block = 0; block < blocks; block++) {
    const at = (inBlock: number) => steps[block * 10 + inBlock]!;
    const [first, second] = at(0).answer_ids.map((a) => a.id) as [number, number];
    if (block === blocks - 1) {
      for (let inBlock = 1; inBlock < 10; inBlock++) at(inBlock).triggering_answer_ids = [first];
      at(9).step_type = "forward_operator";
    } else if (block % 5 === 1) {
      at(2).triggering_answer_ids = [];
      at(3).sequence = at(2).sequence;
    } else if (block % 5 === 2 && block + 1 < blocks - 1) {
      at(5).triggering_answer_ids = [steps[(block + 1) * 10]!.answer_ids[0]!.id];
    } else if (block % 5 === 3) {
      at(5).triggering_answer_ids = [second, newQuestion(at(3), [first])];
    } else if (block % 5 === 4) {
      at(7).triggering_answer_ids = [newQuestion(at(2), [first])];
      at(8).triggering_answer_ids = [first];
      at(8).sequence = at(7).sequence;
    }
  }
  return { ...script, title: `Generated ${stepCount} with findings` };
}
