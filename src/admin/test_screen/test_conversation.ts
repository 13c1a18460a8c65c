// One test conversation over bridge v1 (`session/open_test`, `reply`, `restart`): the
// messages shown so far, the step waiting for the tester, and what was exercised (for the
// coverage panel). Bot messages are revealed one at a time behind a typing indicator, as
// the visitor widget does.
import { reactive } from "@odoo/owl";
import type { BridgeClient } from "../../rpc/index.ts";
import type { BridgeMessage, BridgeStep, BridgeView, ConversationState } from "../../protocol/bridge.ts";
import { LIMITS } from "../../protocol/bridge.ts";
import { newClientId } from "../core/ids.ts";

/** What one run through the script did: steps shown and answers chosen, in order. */
export interface ExercisedRun {
  stepIds: number[];
  answerIds: number[];
  /** Input steps the bot asked again (an invalid answer was given). */
  invalidInputStepIds: number[];
  operatorJoined: boolean;
  /** The run reached its end (script ended or an operator joined). */
  finished: boolean;
}

const newRun = (): ExercisedRun => ({ stepIds: [], answerIds: [], invalidInputStepIds: [], operatorJoined: false, finished: false });

export class TestConversation {
  token = "";
  messages: BridgeMessage[] = [];
  step: BridgeStep | null = null;
  state: ConversationState = "bot";
  closed = false;
  operatorName = "";
  typing = false;
  busy = false;
  runs: ExercisedRun[] = [];
  /** Called after each exchange with the server (the runs may have changed), e.g. to keep them. */
  onChange: (() => void) | null = null;
  private pending: BridgeMessage[] = [];
  private multilineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly bridge: BridgeClient,
    readonly scriptId: number,
    /** Pause before each bot message, in ms (the widget's typing time). */
    private readonly typingDelay = 300,
  ) {
    return reactive(this);
  }

  get currentRun(): ExercisedRun {
    if (!this.runs.length) this.runs.push(newRun());
    return this.runs[this.runs.length - 1]!;
  }
  get ended() {
    return this.state === "ended";
  }

  async open(operatorAvailable: boolean): Promise<void> {
    this.messages = [];
    this.runs.push(newRun());
    await this.apply(() => this.bridge.openTest({ script_id: this.scriptId, ...(operatorAvailable ? { operator_available: true } : {}) }));
  }

  answer(answerId: number): Promise<void> {
    return this.apply(() => this.bridge.reply({ token: this.token, client_msg_id: newClientId(), answer_id: answerId }));
  }

  /** Sends text; on a multi-line step the line is held and the answer ends after 10 s without typing. */
  send(text: string): Promise<void> {
    const hold = this.step?.type === "free_input_multi" && this.state === "bot";
    clearTimeout(this.multilineTimer);
    const done = this.apply(() => this.bridge.reply({ token: this.token, client_msg_id: newClientId(), text, ...(hold ? { hold: true } : {}) }));
    if (hold) this.multilineTimer = setTimeout(() => void this.finishMultiline(), LIMITS.multilineDebounceMs);
    return done;
  }

  finishMultiline(): Promise<void> {
    clearTimeout(this.multilineTimer);
    return this.apply(() => this.bridge.reply({ token: this.token, client_msg_id: newClientId() }));
  }

  async restart(): Promise<void> {
    this.runs.push(newRun());
    await this.apply(() => this.bridge.restart(this.token, newClientId()));
  }

  dispose() {
    clearTimeout(this.multilineTimer);
  }

  private async apply(call: () => Promise<BridgeView>): Promise<void> {
    this.busy = true;
    this.typing = true;
    try {
      const view = await call();
      this.token = view.token;
      this.pending.push(...view.messages);
      await this.reveal();
      this.step = view.step;
      this.state = view.state;
      this.closed = view.closed;
      this.operatorName = view.operator?.name ?? "";
      if (view.state === "operator") this.currentRun.operatorJoined = true;
      if (view.state !== "bot") this.currentRun.finished = true;
    } finally {
      this.typing = false;
      this.busy = false;
      this.onChange?.();
    }
  }

  private async reveal() {
    while (this.pending.length) {
      const message = this.pending.shift()!;
      if (message.author === "bot" && this.typingDelay > 0) await new Promise((r) => setTimeout(r, this.typingDelay));
      if (this.messages.some((m) => m.id === message.id)) continue;
      this.messages.push(message);
      const run = this.currentRun;
      if (message.step_id && message.author === "bot") {
        if (run.stepIds.at(-1) !== message.step_id) run.stepIds.push(message.step_id);
        else if (!run.invalidInputStepIds.includes(message.step_id)) run.invalidInputStepIds.push(message.step_id);
      }
      if (message.answer_id && message.author === "visitor") run.answerIds.push(message.answer_id);
    }
  }
}
