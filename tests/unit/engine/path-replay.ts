// Replays an enumerated path through the reducer, choice by choice, and checks that the reducer
// runs exactly the steps the path lists, in order (steps without message included, each step
// once), waits where the path makes a choice, ends as the path says, and posts the messages of
// those steps.
import { initialState, reduce, welcomeSteps, type ConversationState, type EngineOutput, type ScriptPath, type VisitorEvent } from "../../../src/engine/index.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";

export const VALID_INPUT: Record<string, string> = { question_email: "visitor@example.com", question_phone: "+32 499 11 22 33" };
export const INVALID_INPUT: Record<string, string> = { question_email: "not-an-email", question_phone: "12345" };
export const OTHER_INPUT = "some words";

export interface Replay {
  ok: boolean;
  problem?: string;
  /** Ids of the steps the reducer ran, in order. */
  ranStepIds: number[];
  shownStepIds: number[];
  expectedStepIds: number[];
  finalState: ConversationState;
}

export function replayPath(script: ChatbotScript, path: ScriptPath): Replay {
  const choices = [...path.choices];
  let state = initialState();
  const ran: number[] = [];
  const shown: EngineOutput[] = [];
  let problem: string | undefined;
  /** Operator availability for the run this event starts: the next choice, if it is the operator's. */
  const takeOperator = () => {
    const next = choices[0];
    if (next?.kind === "operator") {
      choices.shift();
      return next.found;
    }
    return false;
  };
  const apply = (event: VisitorEvent, operatorAvailable: boolean, record: boolean) => {
    const onStep = (stepId: number) => {
      if (record) ran.push(stepId);
    };
    const result = reduce(script, state, event, { operatorAvailable, onStep });
    if ("error" in result) {
      problem ??= `${event.type} refused: ${result.error.message}`;
      return;
    }
    state = result.state;
    if (record) shown.push(...result.outputs);
  };

  if (path.start === "restart") {
    apply({ type: "open" }, false, false);
    apply({ type: "restart" }, takeOperator(), true);
  } else apply({ type: "open" }, takeOperator(), true);

  while (choices.length && !problem) {
    const choice = choices.shift()!;
    const step = script.script_step_ids.find((s) => s.id === choice.step_id)!;
    if (state.current_step_id !== choice.step_id) problem = `expected to wait at ${choice.step_id}, at ${state.current_step_id}`;
    else if (choice.kind === "answer") apply({ type: "answer", answer_id: choice.answer_id }, takeOperator(), true);
    else if (choice.kind === "input") {
      const text = choice.valid ? (VALID_INPUT[step.step_type] ?? OTHER_INPUT) : INVALID_INPUT[step.step_type]!;
      apply({ type: "text", text }, choice.valid ? takeOperator() : false, true);
    } else problem = `operator choice at ${choice.step_id} not right after a visitor event`;
  }

  // What the visitor should see: each listed step's message, except forward steps, which speak
  // only when an operator is found (or when posted as a welcome step on opening).
  const welcomeCount = path.start === "open" ? welcomeSteps(script).length : 0;
  const found = new Set(path.choices.filter((c) => c.kind === "operator" && c.found).map((c) => c.step_id));
  const expectedStepIds = path.steps.filter((id, i) => {
    const step = script.script_step_ids.find((s) => s.id === id)!;
    if (!step.message) return false;
    return step.step_type !== "forward_operator" || i < welcomeCount || found.has(id);
  });
  const shownStepIds = shown
    .filter((o): o is Extract<EngineOutput, { kind: "message" }> => o.kind === "message" && o.author === "bot")
    .filter((o) => {
      const step = script.script_step_ids.find((s) => s.id === o.step_id);
      return step !== undefined && o.body === step.message;
    })
    .map((o) => o.step_id!);
  const endState = { ended: "ended", operator: "operator", stuck: "bot" }[path.end];
  if (!problem && state.state !== endState) problem = `ends in ${state.state}, path says ${path.end}`;
  if (!problem && JSON.stringify(ran) !== JSON.stringify(path.steps)) problem = "different steps run";
  if (!problem && JSON.stringify(shownStepIds) !== JSON.stringify(expectedStepIds)) problem = "different messages shown";
  return { ok: !problem, problem, ranStepIds: ran, shownStepIds, expectedStepIds, finalState: state };
}
