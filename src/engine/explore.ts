// Exhaustive search of the states a conversation can reach, shared by the analysis.
// A state is "step about to run, with these selected answers"; answers no later step refers to
// are dropped from the state (they can no longer change anything), so branches that differ only
// by forgotten choices merge and large scripts stay tractable. Every state found is reachable by
// a real conversation; when the search is cut short the result says so (`complete: false`).

import { INPUT_STEP_TYPES } from "../protocol/odoo.ts";
import type { ChatbotScript } from "./types.ts";
import { indexScript, nextPosition, type ScriptIndex } from "./script-index.ts";
import { welcomeSteps } from "./welcome.ts";

export interface ExploreOptions {
  /** Upper bound on distinct states visited before giving up (default 25,000). */
  maxStates?: number;
}

export interface Exploration {
  index: ScriptIndex;
  /** Step ids some conversation reaches (welcome steps included). */
  reached: Set<number>;
  /** Witnessed: (question, answer) pairs after which no step follows. */
  deadEnds: { question_id: number; answer_id: number }[];
  /** Witnessed: forward steps after which no step follows when no operator is available. */
  forwardsWithoutFallback: number[];
  /** False when the state budget ran out: `reached` may then miss steps. */
  complete: boolean;
  states: number;
}

/** The relevance helper: for each answer, the highest sequence of a step whose "Only If" names it. */
export function lastReferenceSequence(index: ScriptIndex): Map<number, number> {
  const last = new Map<number, number>();
  for (const step of index.steps)
    for (const answerId of step.triggering_answer_ids) last.set(answerId, Math.max(last.get(answerId) ?? -Infinity, step.sequence));
  return last;
}

/** The selected answers that can still matter once the step at `position` has run. */
export function relevantSelection(index: ScriptIndex, lastRef: Map<number, number>, position: number, selected: Iterable<number>): number[] {
  const sequence = index.steps[position]!.sequence;
  const kept: number[] = [];
  for (const answerId of selected) if ((lastRef.get(answerId) ?? -Infinity) > sequence) kept.push(answerId);
  return kept.sort((a, b) => a - b);
}

export function exploreScript(script: ChatbotScript, options: ExploreOptions = {}): Exploration {
  const index = indexScript(script);
  const maxStates = options.maxStates ?? 25_000;
  const lastRef = lastReferenceSequence(index);
  const reached = new Set<number>();
  const deadEnds = new Map<string, { question_id: number; answer_id: number }>();
  const forwards = new Set<number>();
  const seen = new Set<string>();
  const stack: [number, number[]][] = [];
  let complete = true;

  const push = (position: number, selected: number[]) => {
    if (position < 0) return;
    const kept = relevantSelection(index, lastRef, position, selected);
    const key = `${position}|${kept.join(",")}`;
    if (seen.has(key)) return;
    if (seen.size >= maxStates) {
      complete = false;
      return;
    }
    seen.add(key);
    stack.push([position, kept]);
  };

  // Opening: the welcome steps are posted as they are; the last one then acts as a normal step
  // if it waits for the visitor, else the script goes on after it.
  const welcome = welcomeSteps(script);
  for (const step of welcome) reached.add(step.id);
  const lastWelcome = welcome[welcome.length - 1];
  if (lastWelcome) {
    const position = index.positionOf.get(lastWelcome.id)!;
    if (INPUT_STEP_TYPES.includes(lastWelcome.step_type)) push(position, []);
    else push(nextPosition(index, position, new Set()), []);
  }
  // Restart (and a reply with no current step): the first step runs whatever its "Only If".
  if (index.steps.length) push(0, []);

  while (stack.length) {
    const [position, selected] = stack.pop()!;
    const step = index.steps[position]!;
    reached.add(step.id);
    const selectedSet = new Set(selected);
    if (step.step_type === "question_selection") {
      for (const answer of step.answer_ids) {
        selectedSet.add(answer.id);
        const next = nextPosition(index, position, selectedSet);
        selectedSet.delete(answer.id);
        if (next < 0) deadEnds.set(`${step.id}|${answer.id}`, { question_id: step.id, answer_id: answer.id });
        else push(next, [...selected, answer.id]);
      }
      continue;
    }
    // An operator found ends the bot's part; "no operator" goes on like any other step.
    const next = nextPosition(index, position, selectedSet);
    if (next < 0 && step.step_type === "forward_operator") forwards.add(step.id);
    push(next, selected);
  }
  return { index, reached, deadEnds: [...deadEnds.values()], forwardsWithoutFallback: [...forwards], complete, states: seen.size };
}
