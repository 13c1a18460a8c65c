// Drives one visitor conversation over bridge v1, as Odoo's livechat does: welcome steps
// shown locally (nothing stored) until the visitor's first interaction, then every action
// on the server; bot messages revealed one by one with a typing delay.
import { reactive } from "@odoo/owl";
import type { BridgeAnswer, BridgeMessage, BridgeStep, BridgeView, InitResult } from "../../../protocol/bridge.ts";
import { ODOO_ERRORS } from "../../../protocol/odoo.ts";
import { RpcError } from "../../../rpc/errors.ts";
import type { WidgetSettings } from "../../shared/chat-contract.ts";
import { newClientId } from "../../shared/retry.ts";
import { writeConversation } from "../../shared/storage.ts";
import { typingDelay } from "../../shared/typing-delay.ts";
import { BridgeService, isRetryable } from "./bridge_service.ts";
import { emptyState, fromServer, lastMessageId, unseenMessages, type ChatState, type UiMessage } from "./conversation_model.ts";
import { LiveUpdates } from "./live_updates.ts";

type Translate = (text: string, ...values: string[]) => string;

interface PendingSend {
  clientMsgId: string;
  answer?: BridgeAnswer;
  text?: string;
  hold?: boolean;
  /** The step this answers, given back if the server refuses the answer. */
  step: BridgeStep | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ConversationService {
  readonly state: ChatState = reactive(emptyState());
  private readonly bridge: BridgeService;
  private queue: Promise<unknown> = Promise.resolve();
  private failed = new Map<string, PendingSend>();
  private live: LiveUpdates | null = null;
  private multilineTimer: ReturnType<typeof setTimeout> | null = null;
  private localKey = 0;
  private openId = newClientId();
  /** Set by the window: where focus should go after the conversation changed. */
  onChange: () => void = () => {};
  /** Told how many messages of others came by live push (for an unread count). */
  onIncoming: (count: number) => void = () => {};

  constructor(
    readonly settings: WidgetSettings,
    readonly init: InitResult,
    private readonly t: Translate,
  ) {
    this.bridge = new BridgeService(settings.baseUrl, () => this.setNotice("retrying", this.t("Connection lost. Retrying...")));
    addEventListener("offline", () => this.setNotice("offline", this.t("You are offline. Messages will be sent when you are back online.")));
    addEventListener("online", () => {
      if (this.state.notice?.kind === "offline") this.state.notice = null;
      for (const key of [...this.failed.keys()]) this.retry(key);
    });
  }

  get chatbotName(): string {
    return this.init.chatbot?.title ?? "";
  }

  /** Shows the stored conversation, or the welcome steps of a new one. */
  start(resume: BridgeView | null): Promise<void> {
    if (resume) {
      this.state.token = resume.token;
      this.state.messages = resume.messages.map(fromServer);
      this.applyStatus(resume);
      this.resumeMultiline();
      this.remember(true);
      return Promise.resolve();
    }
    return this.enqueue(() => this.showWelcome());
  }

  /** The window was shown or hidden: reopen it on the next page if it is open. */
  remember(open: boolean): void {
    if (this.state.token) writeConversation(this.settings.storageKey, { token: this.state.token, open });
  }

  chooseAnswer(answer: BridgeAnswer): Promise<void> {
    if (!this.state.step) return Promise.resolve();
    const send: PendingSend = { clientMsgId: newClientId(), answer, step: this.state.step };
    const key = this.addVisitorMessage(answer.name);
    // Answers go away once one is chosen, as in Odoo.
    this.state.step = null;
    return this.enqueue(() => this.send(key, send));
  }

  sendText(raw: string): Promise<void> {
    const text = raw.trim();
    if (!text) return Promise.resolve();
    const multiline = this.state.state === "bot" && this.state.step?.type === "free_input_multi";
    const send: PendingSend = { clientMsgId: newClientId(), text, hold: multiline || undefined, step: this.state.step };
    const key = this.addVisitorMessage(text);
    if (!multiline && this.state.state === "bot") this.state.step = null;
    if (multiline) this.scheduleMultilineEnd();
    return this.enqueue(() => this.send(key, send));
  }

  /** The visitor is typing: a multi-line answer is not finished yet. */
  typingActivity(): void {
    if (this.multilineTimer) this.scheduleMultilineEnd();
  }

  retry(key: string): void {
    const send = this.failed.get(key);
    if (!send) return;
    this.failed.delete(key);
    const message = this.state.messages.find((m) => m.key === key);
    if (message) message.status = "sending";
    void this.enqueue(() => this.send(key, send));
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.state.notice = null;
      // A closed conversation cannot go on: start a new one.
      if (!this.state.token || this.state.closed) {
        this.stopLive();
        writeConversation(this.settings.storageKey, null);
        Object.assign(this.state, emptyState());
        this.openId = newClientId();
        await this.showWelcome();
        return;
      }
      try {
        const view = await this.bridge.restart(this.state.token, newClientId());
        this.state.state = "bot";
        await this.reveal(view.messages);
        this.applyStatus(view);
      } catch (error) {
        this.showError(error);
      }
    });
  }

  private enqueue<T>(job: () => Promise<T>): Promise<void> {
    const next = this.queue.then(job).then(
      () => this.onChange(),
      (error) => this.showError(error),
    );
    this.queue = next;
    return next;
  }

  private async showWelcome(): Promise<void> {
    const chatbot = this.init.chatbot;
    if (!chatbot) return;
    const steps = chatbot.welcome_steps;
    for (const step of steps) {
      if (step.message) await this.revealOne({ author: "bot", authorName: chatbot.title, body: step.message, id: null, date: new Date() });
    }
    this.state.step = steps.at(-1) ?? null;
  }

  private addVisitorMessage(body: string): string {
    const key = `local${++this.localKey}`;
    this.state.messages.push({ key, id: null, author: "visitor", authorName: "", body, date: new Date(), status: "sending" });
    return key;
  }

  /** Stores the conversation on the first interaction (as Odoo), with the welcome steps. */
  private async ensureConversation(): Promise<string> {
    if (this.state.token) return this.state.token;
    const view = await this.bridge.open({
      channel_id: this.settings.channelId,
      url: location.href,
      lang: this.settings.lang,
      client_open_id: this.openId,
      ...(this.init.chatbot ? { script_id: this.init.chatbot.script_id } : {}),
    });
    this.state.token = view.token;
    this.remember(true);
    // The server posted the welcome steps already shown: take its copies (ids, dates).
    const pending = this.state.messages.filter((m) => m.author === "visitor" && m.id === null);
    this.state.messages = [...view.messages.map(fromServer), ...pending];
    this.applyStatus(view, false);
    return view.token;
  }

  private async send(key: string, send: PendingSend): Promise<void> {
    let view: BridgeView;
    try {
      const token = await this.ensureConversation();
      view = await this.bridge.reply({
        token,
        client_msg_id: send.clientMsgId,
        ...(send.answer ? { answer_id: send.answer.id } : {}),
        ...(send.text !== undefined ? { text: send.text } : {}),
        ...(send.hold ? { hold: true } : {}),
      });
    } catch (error) {
      const message = this.state.messages.find((m) => m.key === key);
      if (isRetryable(error)) {
        this.failed.set(key, send);
        if (message) message.status = "failed";
        this.setNotice("error", this.t("The message could not be sent. Check your connection and retry."));
      } else {
        this.state.messages = this.state.messages.filter((m) => m.key !== key);
        if (this.state.state === "bot" && !this.state.step) this.state.step = send.step;
        this.showError(error);
        // Refused: the conversation may have moved on elsewhere (another tab): show where it is.
        await this.resync();
      }
      return;
    }
    if (this.state.notice?.kind === "retrying" || this.state.notice?.kind === "error") this.state.notice = null;
    const fresh = unseenMessages(this.state.messages, view);
    const own = fresh.find((m) => m.author === "visitor");
    const message = this.state.messages.find((m) => m.key === key);
    if (own && message) Object.assign(message, fromServer(own), { key: message.key });
    else if (message) message.status = "sent";
    const others = fresh.filter((m) => m !== own);
    const link = send.answer?.redirect_link;
    if (link && this.redirect(link)) return;
    await this.reveal(others);
    this.applyStatus(view);
  }

  private async resync(): Promise<void> {
    if (!this.state.token) return;
    try {
      const view = await this.bridge.history(this.state.token);
      const unsent = this.state.messages.filter((m) => m.id === null && m.author === "visitor");
      this.state.messages = [...view.messages.map(fromServer), ...unsent];
      this.applyStatus(view);
    } catch {
      /* the notice already says what went wrong */
    }
  }

  /** Follows an answer's link (already saved); true when the page is leaving. */
  private redirect(link: string): boolean {
    const target = new URL(link, location.href);
    if (target.protocol !== "http:" && target.protocol !== "https:") return false;
    const samePage = target.origin === location.origin && target.pathname === location.pathname;
    this.remember(true);
    location.assign(target.href);
    // The same page (an anchor) goes on here; another page resumes the conversation itself.
    return !samePage;
  }

  private async reveal(messages: readonly BridgeMessage[]): Promise<void> {
    for (const m of messages) {
      if (this.state.messages.some((shown) => shown.id === m.id)) continue;
      if (m.author === "bot") await this.revealOne(fromServer(m));
      else this.state.messages.push(fromServer(m));
    }
  }

  private async revealOne(message: Omit<UiMessage, "key" | "status"> & Partial<UiMessage>): Promise<void> {
    const delay = typingDelay(message.body, { maxMs: this.settings.typingDelayMs });
    if (delay > 0) {
      this.state.typing = message.authorName;
      await sleep(delay);
      this.state.typing = null;
    }
    this.state.messages.push({ key: message.key ?? `local${++this.localKey}`, status: "sent", ...message });
  }

  private applyStatus(view: BridgeView, live = true): void {
    this.state.step = view.state === "bot" ? view.step : null;
    this.state.state = view.state;
    this.state.closed = view.closed;
    this.state.operator = view.operator;
    if (live && view.state === "operator" && !view.closed) this.startLive(view.token);
    else if (view.state !== "operator") this.stopLive();
  }

  private startLive(token: string): void {
    if (this.live) return;
    this.live = new LiveUpdates({
      client: this.bridge.client,
      push: this.init.push,
      token,
      pollIntervalMs: this.settings.pollIntervalMs,
      afterId: () => lastMessageId(this.state.messages),
      onView: (view) => this.applyPushed(view),
    });
    this.live.start();
  }

  private stopLive(): void {
    this.live?.stop();
    this.live = null;
  }

  private applyPushed(view: BridgeView): void {
    if (view.token !== this.state.token) return;
    const fresh = unseenMessages(this.state.messages, view);
    for (const m of fresh) {
      // The visitor's own message may still be waiting for its answer: match it by text.
      const pending = m.author === "visitor" ? this.state.messages.find((p) => p.id === null && p.author === "visitor" && p.body === m.body) : undefined;
      if (pending) Object.assign(pending, fromServer(m), { key: pending.key });
      else this.state.messages.push(fromServer(m));
    }
    this.state.state = view.state;
    this.state.closed = view.closed;
    this.state.operator = view.operator;
    if (view.state === "bot") this.state.step = view.step;
    if (view.state !== "operator" || view.closed) this.stopLive();
    const incoming = fresh.filter((m) => m.author !== "visitor").length;
    if (incoming) this.onIncoming(incoming);
    this.onChange();
  }

  private scheduleMultilineEnd(): void {
    if (this.multilineTimer) clearTimeout(this.multilineTimer);
    this.multilineTimer = setTimeout(() => {
      this.multilineTimer = null;
      void this.enqueue(() => this.finishMultiline());
    }, this.settings.multilineDelayMs);
  }

  /** After a reload in the middle of a multi-line answer, its lines still get finished. */
  private resumeMultiline(): void {
    const last = this.state.messages.at(-1);
    if (this.state.state === "bot" && this.state.step?.type === "free_input_multi" && last?.author === "visitor") this.scheduleMultilineEnd();
  }

  private async finishMultiline(): Promise<void> {
    if (!this.state.token || this.state.step?.type !== "free_input_multi") return;
    const clientMsgId = newClientId();
    const step = this.state.step;
    this.state.step = null;
    try {
      const view = await this.bridge.reply({ token: this.state.token, client_msg_id: clientMsgId });
      await this.reveal(unseenMessages(this.state.messages, view));
      this.applyStatus(view);
    } catch (error) {
      this.state.step = step;
      this.showError(error);
      // Try again after the next silence.
      if (isRetryable(error)) this.scheduleMultilineEnd();
    }
  }

  private setNotice(kind: "error" | "offline" | "retrying", text: string): void {
    this.state.notice = { kind, text };
  }

  private showError(error: unknown): void {
    this.state.typing = null;
    if (error instanceof RpcError && error.exceptionName === ODOO_ERRORS.missing && this.state.token) {
      // The server forgot this conversation: start a new one next time.
      writeConversation(this.settings.storageKey, null);
    }
    if (error instanceof RpcError && !isRetryable(error)) this.setNotice("error", error.message);
    else this.setNotice("error", this.t("The server could not be reached. Please try again."));
    this.onChange();
  }
}
