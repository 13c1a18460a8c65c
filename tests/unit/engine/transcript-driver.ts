// Replays a recorded Welcome Bot conversation through the reducer and lists what the visitor
// sees, in the transcripts' shape ({who, text, step_id?, answers?}).
import { initialState, reduce, viewStep, type ConversationState } from "../../../src/engine/index.ts";
import { welcomeBot } from "../../../src/engine/fixtures/index.ts";
import { ODOO_TEXTS } from "../../../src/protocol/odoo.ts";

export interface Seen {
  who: "bot" | "visitor";
  text: string;
  step_id?: number;
  answers?: string[];
}

/** Drives the visitor's side of `recorded` (their messages and the restart) and returns what the engine shows. */
export function replayWelcomeBot(recorded: Seen[], operatorOnline: boolean): { seen: Seen[]; state: ConversationState } {
  const bot = welcomeBot();
  const ctx = { operatorAvailable: operatorOnline };
  let state = initialState();
  const seen: Seen[] = [];
  const apply = (event: Parameters<typeof reduce>[2]) => {
    const result = reduce(bot, state, event, ctx);
    if ("error" in result) throw new Error(result.error.message);
    for (const out of result.outputs) {
      if (out.kind !== "message") continue;
      const entry: Seen = { who: out.author === "visitor" ? "visitor" : "bot", text: out.body };
      const step = bot.script_step_ids.find((s) => s.id === out.step_id);
      // The transcripts give step ids for step messages only (not for retries or notices).
      if (out.author === "bot" && step && out.body === step.message) {
        entry.step_id = step.id;
        if (step.step_type === "question_selection") entry.answers = viewStep(bot, step, state.selected_answer_ids).answers.map((a) => a.name);
      }
      seen.push(entry);
    }
    state = result.state;
  };
  apply({ type: "open" });
  for (const entry of recorded) {
    if (entry.who === "bot" && entry.text === ODOO_TEXTS.restarting) apply({ type: "restart" });
    if (entry.who !== "visitor") continue;
    const current = bot.script_step_ids.find((s) => s.id === state.current_step_id);
    const answer = state.state === "bot" ? current?.answer_ids.find((a) => a.name === entry.text) : undefined;
    apply(answer ? { type: "answer", answer_id: answer.id } : { type: "text", text: entry.text });
  }
  return { seen, state };
}
