// Small script builders and reducer drivers shared by the engine tests.
import { buildScript, type StepSpec } from "../../../src/engine/fixtures/index.ts";
import { initialState, reduce, type ConversationState, type EngineOutput, type StepContext, type VisitorEvent } from "../../../src/engine/index.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";

export function script(steps: StepSpec[], title = "Test Script"): ChatbotScript {
  return buildScript(99, title, steps);
}

export const NO_OPERATOR: StepContext = { operatorAvailable: false };
export const OPERATOR: StepContext = { operatorAvailable: true };

/** Applies events in order; throws on an engine error (a test expecting one calls reduce itself). */
export function drive(
  s: ChatbotScript,
  events: VisitorEvent[],
  ctx: StepContext = NO_OPERATOR,
  start: ConversationState = initialState(),
): { state: ConversationState; outputs: EngineOutput[] } {
  let state = start;
  const outputs: EngineOutput[] = [];
  for (const event of events) {
    const result = reduce(s, state, event, ctx);
    if ("error" in result) throw new Error(`${event.type}: ${result.error.message}`);
    state = result.state;
    outputs.push(...result.outputs);
  }
  return { state, outputs };
}

/** Messages as "author: body" lines, effects as "[kind step]". */
export function lines(outputs: EngineOutput[]): string[] {
  return outputs.map((o) => (o.kind === "message" ? `${o.author}: ${o.body}` : `[${o.kind} ${o.step_id}]`));
}
