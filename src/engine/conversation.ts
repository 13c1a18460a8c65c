// The conversation as a pure reducer: (script, state, visitor event) → new state plus the
// outputs the server applies in order (messages to post, then effects right after the message
// of their step). Semantics: Odoo's chatbot (behaviour reference 3.7–3.15) as bridge v1's
// `session/reply`, `restart` and `close` expose them (architecture, normative details).

import { INPUT_STEP_TYPES, ODOO_TEXTS, BRIDGE_TEXTS, formatText, type StepType } from "../protocol/odoo.ts";
import { BRIDGE_ERRORS, LIMITS, type BridgeStep } from "../protocol/bridge.ts";
import type { ChatbotScript, ChatbotScriptStep } from "./types.ts";
import { indexScript, nextPosition, sortedAnswers, type ScriptIndex } from "./script-index.ts";
import { welcomeSteps } from "./welcome.ts";
import { isLastStep } from "./last-step.ts";
import { emailNormalize, quoteVisitorText } from "./email.ts";
import { checkPhone } from "./phone.ts";

export interface RawAnswer {
  step_id: number;
  step_type: StepType;
  text: string;
}

export interface ConversationState {
  state: "bot" | "operator" | "ended";
  closed: boolean;
  /** Odoo's `chatbot_current_step_id`. */
  current_step_id: number | null;
  /** Every answer chosen since the last restart. */
  selected_answer_ids: number[];
  /**
   * Answers to email and phone steps, oldest first: what a lead or ticket is made from. Other
   * free text lives in the transcript only, so the state a conversation carries from step to
   * step stays small however long it runs.
   */
  raw_answers: RawAnswer[];
  /** Lines of a multi-line free input sent with `hold`. */
  held_lines: string[];
}

export type VisitorEvent =
  | { type: "open" }
  | { type: "answer"; answer_id: number }
  | { type: "text"; text: string; hold?: boolean }
  | { type: "finish" }
  | { type: "restart" }
  | { type: "close" };

export interface StepContext {
  operatorAvailable: boolean;
  /** The visitor's country (ISO 3166 alpha-2), default for phone steps without their own. */
  phoneDefaultCountry?: string;
  /**
   * Told the id of each step the reducer runs, in order (a welcome step posted, a step becoming
   * current as the script goes on), including steps that post nothing: tests compare it with
   * enumerated paths. A step asked again after a refused input is not run again.
   */
  onStep?: (stepId: number) => void;
}

export type EngineOutput =
  | { kind: "message"; author: "bot" | "visitor" | "system"; body: string; step_id: number | null; answer_id: number | null }
  | { kind: "forward"; step_id: number }
  | { kind: "create_lead"; step_id: number; crm_team_id: number | false }
  | { kind: "create_ticket"; step_id: number; helpdesk_team_id: number | false };

export type EngineError = { kind: "validation" | "user"; message: string };

export type ReduceResult = { state: ConversationState; outputs: EngineOutput[] } | { error: EngineError };

export function initialState(): ConversationState {
  return { state: "bot", closed: false, current_step_id: null, selected_answer_ids: [], raw_answers: [], held_lines: [] };
}

export function isInputStep(step: ChatbotScriptStep): boolean {
  return INPUT_STEP_TYPES.includes(step.step_type);
}

/** The step as bridge v1 shows it; `is_last` as Odoo's `_is_last_step` with these answers. */
export function viewStep(script: ChatbotScript, step: ChatbotScriptStep, selected: Iterable<number>): BridgeStep {
  return {
    id: step.id,
    type: step.step_type,
    message: step.message || null,
    answers: sortedAnswers(step).map((answer) => ({ id: answer.id, name: answer.name, redirect_link: answer.redirect_link || null })),
    is_last: isLastStep(script, step, selected),
  };
}

const validation = (message: string): { error: EngineError } => ({ error: { kind: "validation", message } });
const userError = (message: string): { error: EngineError } => ({ error: { kind: "user", message } });

export function reduce(script: ChatbotScript, state: ConversationState, event: VisitorEvent, ctx: StepContext): ReduceResult {
  const index = indexScript(script);
  switch (event.type) {
    case "open":
      return open(index, ctx);
    case "answer":
      return answer(index, state, event.answer_id, ctx);
    case "text":
      return text(index, state, event.text, event.hold === true, ctx);
    case "finish":
      return finish(index, state, ctx);
    case "restart":
      return restart(index, state, ctx);
    case "close":
      if (state.closed) return { state, outputs: [] };
      return { state: { ...state, state: "ended", closed: true }, outputs: [] };
  }
}

/** Errors of a reply that the conversation's state decides (normative table of bridge v1). */
function replyStateError(index: ScriptIndex, state: ConversationState): { error: EngineError } | null {
  if (state.closed) return userError(BRIDGE_ERRORS.closed);
  if (state.state === "ended") return userError(BRIDGE_ERRORS.ended);
  // An admin deleted the step the script waited on: that run has ended (Restart starts anew).
  if (state.state === "bot" && !currentStep(index, state)) return userError(BRIDGE_ERRORS.ended);
  return null;
}

/** A conversation opens with the welcome steps posted (steps without message are skipped but become current). */
function open(index: ScriptIndex, ctx: StepContext): ReduceResult {
  const next = initialState();
  const outputs: EngineOutput[] = [];
  const welcome = welcomeSteps(index.script);
  for (const step of welcome) {
    next.current_step_id = step.id;
    ctx.onStep?.(step.id);
    if (step.message) outputs.push(botMessage(step.message, step.id));
  }
  const last = welcome[welcome.length - 1];
  if (!last) return { state: { ...next, state: "ended" }, outputs };
  if (isInputStep(last)) return { state: next, outputs };
  // Welcome steps only post their message; a script whose first steps wait for nothing goes on.
  runFrom(index, next, nextPosition(index, index.positionOf.get(last.id)!, new Set()), ctx, outputs);
  return { state: next, outputs };
}

function answer(index: ScriptIndex, state: ConversationState, answerId: number, ctx: StepContext): ReduceResult {
  const stateError = replyStateError(index, state);
  if (stateError) return stateError;
  if (state.state === "operator") return validation(BRIDGE_ERRORS.expectsText);
  const step = currentStep(index, state);
  if (!step) return validation(BRIDGE_ERRORS.unknownAnswer);
  if (step.step_type !== "question_selection") return validation(BRIDGE_ERRORS.expectsText);
  const chosen = step.answer_ids.find((a) => a.id === answerId);
  if (!chosen) return validation(BRIDGE_ERRORS.unknownAnswer);
  const next = copyState(state);
  const outputs: EngineOutput[] = [visitorMessage(chosen.name, step.id, chosen.id)];
  if (!next.selected_answer_ids.includes(chosen.id)) next.selected_answer_ids.push(chosen.id);
  continueAfter(index, next, step, ctx, outputs);
  return { state: next, outputs };
}

function text(index: ScriptIndex, state: ConversationState, raw: string, hold: boolean, ctx: StepContext): ReduceResult {
  const stateError = replyStateError(index, state);
  if (stateError) return stateError;
  const body = raw.trim();
  if (!body) return validation(BRIDGE_ERRORS.emptyMessage);
  if (body.length > LIMITS.textMax) return validation(BRIDGE_ERRORS.tooLong);
  const next = copyState(state);
  if (state.state === "operator") return { state: next, outputs: [visitorMessage(body, null, null)] };
  const step = currentStep(index, state);
  if (step?.step_type === "question_selection") return validation(BRIDGE_ERRORS.chooseAnswer);
  if (!step) return userError(BRIDGE_ERRORS.ended); // not reached: replyStateError saw it
  const outputs: EngineOutput[] = [visitorMessage(body, step.id, null)];
  switch (step.step_type) {
    case "question_email":
      if (emailNormalize(body) === false) {
        outputs.push(botMessage(formatText(ODOO_TEXTS.invalidEmailRetry, quoteVisitorText(body)), step.id));
        return { state: next, outputs };
      }
      next.raw_answers.push({ step_id: step.id, step_type: step.step_type, text: body });
      break;
    case "question_phone":
      if (step.phone_check && !checkPhone(body, step.phone_default_country || ctx.phoneDefaultCountry).valid) {
        outputs.push(botMessage(formatText(BRIDGE_TEXTS.invalidPhoneRetry, quoteVisitorText(body)), step.id));
        return { state: next, outputs };
      }
      next.raw_answers.push({ step_id: step.id, step_type: step.step_type, text: body });
      break;
    case "free_input_single":
      break; // the answer is the visitor's message itself
    case "free_input_multi":
      if (hold) {
        next.held_lines.push(body);
        return { state: next, outputs };
      }
      next.held_lines = [];
      break;
    default:
      break; // a step that waits for nothing: the reply just moves the script on
  }
  continueAfter(index, next, step, ctx, outputs);
  return { state: next, outputs };
}

/** A multi-line answer finished without a last line. */
function finish(index: ScriptIndex, state: ConversationState, ctx: StepContext): ReduceResult {
  const stateError = replyStateError(index, state);
  if (stateError) return stateError;
  const step = currentStep(index, state);
  if (state.state !== "bot" || step?.step_type !== "free_input_multi" || !state.held_lines.length)
    return validation(BRIDGE_ERRORS.eitherAnswerOrText);
  const next = copyState(state);
  next.held_lines = [];
  const outputs: EngineOutput[] = [];
  continueAfter(index, next, step, ctx, outputs);
  return { state: next, outputs };
}

/** Odoo's restart: forget every answer, post the notice, run again from the first step. */
function restart(index: ScriptIndex, state: ConversationState, ctx: StepContext): ReduceResult {
  if (state.closed) return userError(BRIDGE_ERRORS.closed);
  if (state.state === "operator") return userError(BRIDGE_ERRORS.operatorPresent);
  const next = initialState();
  const outputs: EngineOutput[] = [{ kind: "message", author: "system", body: ODOO_TEXTS.restarting, step_id: null, answer_id: null }];
  runFrom(index, next, index.steps.length ? 0 : -1, ctx, outputs);
  return { state: next, outputs };
}

function continueAfter(index: ScriptIndex, state: ConversationState, step: ChatbotScriptStep, ctx: StepContext, outputs: EngineOutput[]) {
  const position = index.positionOf.get(step.id)!;
  runFrom(index, state, nextPosition(index, position, new Set(state.selected_answer_ids)), ctx, outputs);
}

/**
 * Runs steps from `position` until one waits for the visitor, an operator joins, or the script
 * ends. Each step becomes current before it acts (so its message is linked to it).
 */
function runFrom(index: ScriptIndex, state: ConversationState, position: number, ctx: StepContext, outputs: EngineOutput[]) {
  const selected = new Set(state.selected_answer_ids);
  while (position >= 0) {
    const step = index.steps[position]!;
    state.current_step_id = step.id;
    ctx.onStep?.(step.id);
    if (step.step_type === "forward_operator") {
      if (ctx.operatorAvailable) {
        if (step.message) outputs.push(botMessage(step.message, step.id));
        outputs.push({ kind: "forward", step_id: step.id });
        state.state = "operator";
        return;
      }
      // No operator: nothing is posted, not even the step's message, and the script goes on.
    } else {
      if (step.message) outputs.push(botMessage(step.message, step.id));
      if (step.step_type === "create_lead") outputs.push({ kind: "create_lead", step_id: step.id, crm_team_id: step.crm_team_id ?? false });
      if (step.step_type === "create_ticket")
        outputs.push({ kind: "create_ticket", step_id: step.id, helpdesk_team_id: step.helpdesk_team_id ?? false });
      if (isInputStep(step)) {
        state.state = "bot";
        return;
      }
    }
    position = nextPosition(index, position, selected);
  }
  state.state = "ended";
}

function currentStep(index: ScriptIndex, state: ConversationState): ChatbotScriptStep | null {
  return state.current_step_id === null ? null : (index.stepById.get(state.current_step_id) ?? null);
}

function copyState(state: ConversationState): ConversationState {
  // Spelled out: a spread copy costs more than the rest of a step's bookkeeping.
  return {
    state: state.state,
    closed: state.closed,
    current_step_id: state.current_step_id,
    selected_answer_ids: state.selected_answer_ids.slice(),
    raw_answers: state.raw_answers.slice(),
    held_lines: state.held_lines.slice(),
  };
}

function botMessage(body: string, stepId: number): EngineOutput {
  return { kind: "message", author: "bot", body, step_id: stepId, answer_id: null };
}

function visitorMessage(body: string, stepId: number | null, answerId: number | null): EngineOutput {
  return { kind: "message", author: "visitor", body, step_id: stepId, answer_id: answerId };
}
