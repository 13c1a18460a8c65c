// A read-only index of one script: steps in Odoo's (sequence, id) order, lookups by id and the
// "Only If" answers of each step grouped by the question they belong to. Built once per call
// of the public functions (scripts are plain data that callers may edit between calls), except
// for frozen scripts, whose index is kept.

import type { ChatbotScript, ChatbotScriptAnswer, ChatbotScriptStep } from "./types.ts";

export interface ScriptIndex {
  script: ChatbotScript;
  /** Steps in (sequence, id) order. */
  steps: ChatbotScriptStep[];
  positionOf: Map<number, number>;
  stepById: Map<number, ChatbotScriptStep>;
  answerById: Map<number, ChatbotScriptAnswer>;
  /** Answer id → id of the step that owns it (only answers of this script). */
  answerStep: Map<number, number>;
  /** Per position: the step's triggering answers grouped by question (OR inside, AND across). */
  triggerGroups: number[][][];
  /** Per position: the first position whose sequence is strictly greater (steps.length if none). */
  firstLaterPosition: number[];
}

export function compareSteps(a: ChatbotScriptStep, b: ChatbotScriptStep): number {
  return a.sequence - b.sequence || a.id - b.id;
}

export function compareAnswers(a: ChatbotScriptAnswer, b: ChatbotScriptAnswer): number {
  return a.sequence - b.sequence || a.id - b.id;
}

/** A step's answers in Odoo's order (sequence, id). */
export function sortedAnswers(step: ChatbotScriptStep): ChatbotScriptAnswer[] {
  return [...step.answer_ids].sort(compareAnswers);
}

// A frozen script (frozen all the way down, as a server's script cache hands them out) cannot
// change, so its index is built once and kept with it.
const frozenIndexes = new WeakMap<ChatbotScript, ScriptIndex>();

export function indexScript(script: ChatbotScript): ScriptIndex {
  if (!Object.isFrozen(script)) return buildIndex(script);
  let index = frozenIndexes.get(script);
  if (!index) frozenIndexes.set(script, (index = buildIndex(script)));
  return index;
}

function buildIndex(script: ChatbotScript): ScriptIndex {
  const steps = [...script.script_step_ids].sort(compareSteps);
  const positionOf = new Map<number, number>();
  const stepById = new Map<number, ChatbotScriptStep>();
  const answerById = new Map<number, ChatbotScriptAnswer>();
  const answerStep = new Map<number, number>();
  steps.forEach((step, position) => {
    positionOf.set(step.id, position);
    stepById.set(step.id, step);
    for (const answer of step.answer_ids) {
      answerById.set(answer.id, answer);
      answerStep.set(answer.id, step.id);
    }
  });
  const triggerGroups = steps.map((step) => groupByQuestion(step.triggering_answer_ids, answerStep));
  const firstLaterPosition = new Array<number>(steps.length);
  let later = steps.length;
  for (let position = steps.length - 1; position >= 0; position--) {
    if (position + 1 < steps.length && steps[position + 1]!.sequence > steps[position]!.sequence) later = position + 1;
    firstLaterPosition[position] = later;
  }
  return { script, steps, positionOf, stepById, answerById, answerStep, triggerGroups, firstLaterPosition };
}

/**
 * Groups answer ids by their question step. An answer this script does not own (a foreign or
 * deleted record) forms its own group: it can never be selected, so its group never holds.
 */
export function groupByQuestion(answerIds: readonly number[], answerStep: Map<number, number>): number[][] {
  const groups = new Map<string, number[]>();
  for (const answerId of new Set(answerIds)) {
    const stepId = answerStep.get(answerId);
    const key = stepId === undefined ? `foreign:${answerId}` : `step:${stepId}`;
    const group = groups.get(key);
    if (group) group.push(answerId);
    else groups.set(key, [answerId]);
  }
  return [...groups.values()];
}

/** Odoo's "Only If" predicate: every question group has at least one selected answer. */
export function groupsHold(groups: readonly (readonly number[])[], selected: ReadonlySet<number>): boolean {
  for (const group of groups) {
    let held = false;
    for (const answerId of group) {
      if (selected.has(answerId)) {
        held = true;
        break;
      }
    }
    if (!held) return false;
  }
  return true;
}

/** Position of the next step after `position` (Odoo's `_fetch_next_step`), or -1 at the end. */
export function nextPosition(index: ScriptIndex, position: number, selected: ReadonlySet<number>): number {
  for (let candidate = index.firstLaterPosition[position]!; candidate < index.steps.length; candidate++) {
    if (groupsHold(index.triggerGroups[candidate]!, selected)) return candidate;
  }
  return -1;
}
