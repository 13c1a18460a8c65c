// Exhaustive search of the states a conversation can reach, shared by the analysis.
// A state is "step about to run, with these selected answers"; answers no later step refers to
// are dropped from the state (they can no longer change anything), so branches that differ only
// by forgotten choices merge and large scripts stay tractable. Every state found is reachable by
// a real conversation; when the search is cut short (too many states, or the work budget spent)
// the result says so (`complete: false`).

import { INPUT_STEP_TYPES } from "../protocol/odoo.ts";
import type { ChatbotScript } from "./types.ts";
import { indexScript, type ScriptIndex } from "./script-index.ts";
import { buildNextIndex, nextPositionIndexed } from "./next-index.ts";
import { budgetOf, spend, type Budget, type Work } from "./budget.ts";
import { welcomeSteps } from "./welcome.ts";

export interface ExploreOptions {
  /** Upper bound on distinct states visited before giving up (default 25,000). */
  maxStates?: number;
  /** Upper bound on the work of the whole analysis, in small units (default 5 million, about half a second). */
  maxWork?: number;
}

export interface DeadEnd {
  question_id: number;
  answer_id: number;
  /** The search is complete and every conversation reaching the question ends after this answer. */
  always: boolean;
}

export interface Exploration {
  index: ScriptIndex;
  /** Step ids some conversation reaches (welcome steps included). */
  reached: Set<number>;
  /** Witnessed: (question, answer) pairs after which no step follows. */
  deadEnds: DeadEnd[];
  /** Witnessed: forward steps after which no step follows when no operator is available. */
  forwardsWithoutFallback: number[];
  /** False when a budget ran out: `reached` may then miss steps. */
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
  return exploreIndex(indexScript(script), options, budgetOf(options.maxWork));
}

/** The search on an indexed script, spending the analysis's shared budget. */
export function exploreIndex(index: ScriptIndex, options: ExploreOptions, budget: Budget): Exploration {
  const script = index.script;
  const next = buildNextIndex(index);
  const maxStates = options.maxStates ?? 25_000;
  const lastRef = lastReferenceSequence(index);
  const reached = new Set<number>();
  const deadEnds = new Map<string, DeadEnd>();
  /** (question, answer) pairs after which some state goes on. */
  const goesOn = new Set<string>();
  const forwards = new Set<number>();
  const seen = new Set<string>();
  const stack: [number, number[]][] = [];
  const tried: Work = { units: 0 };
  let complete = spend(budget, index.steps.length);

  const push = (position: number, selected: number[]) => {
    if (position < 0 || !complete) return;
    const kept = relevantSelection(index, lastRef, position, selected);
    const key = `${position}|${kept.join(",")}`;
    if (!spend(budget, 5 * (1 + selected.length))) complete = false;
    if (seen.has(key) || !complete) return;
    if (seen.size >= maxStates) {
      complete = false;
      return;
    }
    seen.add(key);
    stack.push([position, kept]);
  };
  const after = (position: number, selected: ReadonlySet<number>) => {
    tried.units = 1;
    const found = nextPositionIndexed(index, next, position, selected, tried);
    if (!spend(budget, tried.units)) complete = false;
    return found;
  };

  // Opening: the welcome steps are posted as they are; the last one then acts as a normal step
  // if it waits for the visitor, else the script goes on after it.
  const welcome = welcomeSteps(script);
  for (const step of welcome) reached.add(step.id);
  const lastWelcome = welcome[welcome.length - 1];
  if (lastWelcome) {
    const position = index.positionOf.get(lastWelcome.id)!;
    if (INPUT_STEP_TYPES.includes(lastWelcome.step_type)) push(position, []);
    else push(after(position, new Set()), []);
  }
  // Restart (and a reply with no current step): the first step runs whatever its "Only If".
  if (index.steps.length) push(0, []);

  while (stack.length && complete) {
    const [position, selected] = stack.pop()!;
    const step = index.steps[position]!;
    reached.add(step.id);
    const selectedSet = new Set(selected);
    if (step.step_type === "question_selection") {
      for (const answer of step.answer_ids) {
        selectedSet.add(answer.id);
        const following = after(position, selectedSet);
        selectedSet.delete(answer.id);
        const key = `${step.id}|${answer.id}`;
        if (following >= 0) {
          goesOn.add(key);
          push(following, [...selected, answer.id]);
        } else if (!deadEnds.has(key)) deadEnds.set(key, { question_id: step.id, answer_id: answer.id, always: false });
      }
      continue;
    }
    // An operator found ends the bot's part; "no operator" goes on like any other step.
    const following = after(position, selectedSet);
    if (following < 0 && step.step_type === "forward_operator") forwards.add(step.id);
    push(following, selected);
  }
  // States merge only when what follows cannot differ, so a complete search saw every case.
  if (complete) for (const [key, deadEnd] of deadEnds) deadEnd.always = !goesOn.has(key);
  return { index, reached, deadEnds: [...deadEnds.values()], forwardsWithoutFallback: [...forwards], complete, states: seen.size };
}
