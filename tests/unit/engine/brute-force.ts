// Reference for the analysis, independent of its search: every conversation of a small script,
// found by driving the reducer itself with every visitor event at every point where it waits
// (each answer, a valid and an invalid input, "restart"), an operator available or not for
// each of them. Shares nothing with explore.ts or paths.ts; the only simplification is that
// selected answers no "Only If" of the script names are left out of the states compared (the
// reducer reads selected answers only through "Only If").
import { initialState, reduce, type ConversationState, type VisitorEvent } from "../../../src/engine/index.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";
import { INVALID_INPUT, OTHER_INPUT, VALID_INPUT } from "./path-replay.ts";

export interface BruteForce {
  /** False when the search met more states than allowed: then nothing below is exhaustive. */
  complete: boolean;
  /** Steps the reducer ran in some conversation (welcome steps included). */
  reached: Set<number>;
  /** "question|answer" → whether every conversation choosing it there got no step after it. */
  deadEnds: Map<string, boolean>;
  /** Forward steps after which the reducer ran nothing, no operator being available. */
  forwardsLeftAlone: Set<number>;
  states: number;
}

export function bruteForce(script: ChatbotScript, maxStates = 20_000): BruteForce {
  const steps = new Map(script.script_step_ids.map((s) => [s.id, s]));
  const named = new Set(script.script_step_ids.flatMap((s) => s.triggering_answer_ids));
  // Odoo's welcome steps: in (sequence, id) order, up to the first step that is not a text.
  const ordered = [...script.script_step_ids].sort((a, b) => a.sequence - b.sequence || a.id - b.id);
  const firstNotText = ordered.findIndex((s) => s.step_type !== "text");
  const welcomeCount = firstNotText < 0 ? ordered.length : firstNotText + 1;
  const reached = new Set<number>();
  const dead = new Set<string>();
  const alive = new Set<string>();
  const forwardsLeftAlone = new Set<number>();
  const seen = new Set<string>();
  const queue: ConversationState[] = [];
  let complete = true;

  const keep = (state: ConversationState) => {
    if (state.state !== "bot") return; // ended or with an operator: only a restart, tried from the start
    const selected = state.selected_answer_ids.filter((id) => named.has(id)).sort((a, b) => a - b);
    const key = JSON.stringify([state.current_step_id, selected]);
    if (seen.has(key)) return;
    if (seen.size >= maxStates) {
      complete = false;
      return;
    }
    seen.add(key);
    queue.push(state);
  };
  /** Applies the event with and without an operator; returns the states it leads to. */
  const tryEvent = (from: ConversationState, event: VisitorEvent, waitingAt: number | null): ConversationState[] => {
    const results: ConversationState[] = [];
    for (const operatorAvailable of [false, true]) {
      const ran: number[] = [];
      const result = reduce(script, from, event, { operatorAvailable, onStep: (id) => ran.push(id) });
      if ("error" in result) continue;
      for (const id of ran) reached.add(id);
      // On opening, the welcome steps are only posted: a forward among them does not forward.
      const posted = event.type === "open" ? welcomeCount : 0;
      const last = ran.length > posted ? steps.get(ran[ran.length - 1]!)! : null;
      if (!operatorAvailable && last?.step_type === "forward_operator" && result.state.state === "ended") forwardsLeftAlone.add(last.id);
      if (event.type === "answer" && waitingAt !== null) (ran.length ? alive : dead).add(`${waitingAt}|${event.answer_id}`);
      keep(result.state);
      results.push(result.state);
    }
    return results;
  };

  // A restart forgets everything, so restarting from any point is restarting from the opening.
  for (const opened of tryEvent(initialState(), { type: "open" }, null)) tryEvent(opened, { type: "restart" }, null);

  while (queue.length) {
    const state = queue.shift()!;
    const step = state.current_step_id === null ? null : steps.get(state.current_step_id)!;
    if (step?.step_type === "question_selection") {
      for (const answer of step.answer_ids) tryEvent(state, { type: "answer", answer_id: answer.id }, step.id);
      continue;
    }
    const type = step?.step_type ?? "";
    for (const text of new Set([VALID_INPUT[type] ?? OTHER_INPUT, INVALID_INPUT[type] ?? OTHER_INPUT])) tryEvent(state, { type: "text", text }, null);
  }

  const deadEnds = new Map<string, boolean>();
  for (const key of dead) deadEnds.set(key, !alive.has(key));
  return { complete, reached, deadEnds, forwardsLeftAlone, states: seen.size };
}
