// Drives one visitor conversation over bridge v1, as Odoo's livechat does: welcome steps
// shown locally (nothing stored) until the visitor's first interaction, then every action
// on the server; bot messages revealed one by one with a typing delay.
import { reactive } from "@odoo/owl";
import { BRIDGE_ERRORS, type BridgeAnswer, type BridgeMessage, type BridgeStep, type BridgeView, type InitResult } from "../../../protocol/bridge.ts";
import { ODOO_ERRORS } from "../../../protocol/odoo.ts";
import { RpcError } from "../../../rpc/errors.ts";
import type { WidgetSettings } from "../../shared/chat-contract.ts";
import { newClientId } from "../../shared/retry.ts";
import { writeConversation, type StoredConversation } from "../../shared/storage.ts";
import { typingDelay } from "../../shared/typing-delay.ts";
import { BridgeService, isRetryable, type BridgeCalls } from "./bridge_service.ts";
import { botOfMessages, emptyState, fromServer, lastMessageId, unseenMessages, type BotIdentity, type ChatState, type Notice, type UiMessage } from "./conversation_model.ts";
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

/** Refusals of bridge v1 that the widget's catalog translates; others show as the server wrote them. */
const KNOWN_ERRORS = new Set<string>(Object.values(BRIDGE_ERRORS));

/** Pauses before loading again a stored conversation the network kept away (the last one repeats). */
const RELOAD_DELAYS_MS = [2000, 5000, 10_000, 30_000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ConversationService {
  readonly state: ChatState = reactive(emptyState());
  private readonly bridge: BridgeCalls;
  private queue: Promise<unknown> = Promise.resolve();
  /** Sends that failed on the network, by message key: offered again ("Retry", back online). */
  private failed = new Map<string, PendingSend>();
  /** Sends queued or under way, by message key. */
  private pending = new Map<string, PendingSend>();
  private live: LiveUpdates | null = null;
  private multilineTimer: ReturnType<typeof setTimeout> | null = null;
  /** The reply that finishes the held multi-line answer: one id for all its attempts. */
  private finish: { stepId: number; clientMsgId: string } | null = null;
  /** The restart under way: one id for all its attempts. */
  private restartId: string | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
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
    bridge?: BridgeCalls,
  ) {
    this.bridge = bridge ?? new BridgeService(settings.baseUrl, () => this.setNotice("retrying", this.t("Connection lost. Retrying...")));
    window.addEventListener("offline", () => this.setNotice("offline", this.t("You are offline. Messages will be sent when you are back online.")));
    window.addEventListener("online", () => {
      if (this.state.notice?.kind === "offline") this.state.notice = null;
      for (const key of [...this.failed.keys()]) this.retry(key);
      if (this.reloadTimer) this.loadStoredSoon(0, 0);
    });
  }

  /**
   * Shows the stored conversation (`resume`), or loads it when the loader could not
   * (`stored` without `resume`), or shows the welcome steps of a new one.
   */
  start(resume: BridgeView | null, stored: StoredConversation | null = null): Promise<void> {
    if (resume) {
      this.state.bot = stored?.bot ?? botOfMessages(resume.messages);
      this.show(resume);
      return Promise.resolve();
    }
    if (stored) {
      // Its token is kept from now on, so no new conversation is ever opened over it.
      this.state.token = stored.token;
      this.state.bot = stored.bot ?? null;
      return this.enqueue(() => this.loadStored(0));
    }
    this.state.bot = this.pageBot();
    return this.enqueue(() => this.showWelcome());
  }

  /** The window was shown or hidden: reopen it on the next page if it is open. */
  remember(open: boolean): void {
    const { token, bot } = this.state;
    if (token) writeConversation(this.settings.storageKey, { token, open, ...(bot ? { bot: { name: bot.name, avatar: bot.avatar } } : {}) });
  }

  chooseAnswer(answer: BridgeAnswer): Promise<void> {
    if (!this.state.step) return Promise.resolve();
    const send: PendingSend = { clientMsgId: newClientId(), answer, step: this.state.step };
    const key = this.addVisitorMessage(answer.name);
    // Answers go away once one is chosen, as in Odoo.
    this.state.step = null;
    return this.enqueueSend(key, send);
  }

  sendText(raw: string): Promise<void> {
    const text = raw.trim();
    if (!text) return Promise.resolve();
    const multiline = this.state.state === "bot" && this.state.step?.type === "free_input_multi";
    const send: PendingSend = { clientMsgId: newClientId(), text, hold: multiline || undefined, step: this.state.step };
    const key = this.addVisitorMessage(text);
    if (!multiline && this.state.state === "bot") this.state.step = null;
    if (multiline) this.scheduleMultilineEnd();
    return this.enqueueSend(key, send);
  }

  /** The visitor is typing: a multi-line answer is not finished yet. */
  typingActivity(): void {
    if (this.multilineTimer) this.scheduleMultilineEnd();
  }

  retry(key: string): void {
    const send = this.failed.get(key);
    if (!send) return;
    this.failed.delete(key);
    const message = this.message(key);
    if (message) message.status = "sending";
    void this.enqueueSend(key, send);
    // A line of a multi-line answer: the answer is finished, with it, after the next silence.
    if (send.hold) this.scheduleMultilineEnd();
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.state.notice = null;
      this.cancelMultiline();
      // A closed conversation cannot go on: start a new one.
      if (!this.state.token || this.state.closed) {
        this.stopLive();
        writeConversation(this.settings.storageKey, null);
        Object.assign(this.state, emptyState(), { bot: this.pageBot() });
        this.openId = newClientId();
        await this.showWelcome();
        return;
      }
      this.restartId ??= newClientId();
      try {
        const view = await this.bridge.restart(this.state.token, this.restartId);
        this.restartId = null;
        this.state.state = "bot";
        await this.reveal(view.messages);
        this.applyStatus(view);
      } catch (error) {
        this.showError(error);
        if (!isRetryable(error)) {
          this.restartId = null;
          await this.resync();
        }
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

  private enqueueSend(key: string, send: PendingSend): Promise<void> {
    this.pending.set(key, send);
    return this.enqueue(async () => {
      try {
        await this.send(key, send);
      } finally {
        this.pending.delete(key);
      }
    });
  }

  private message(key: string): UiMessage | undefined {
    return this.state.messages.find((m) => m.key === key);
  }

  /** This page's bot, for a conversation that starts here. */
  private pageBot(): BotIdentity | null {
    const chatbot = this.init.chatbot;
    return chatbot ? { name: chatbot.title, avatar: chatbot.avatar_url || null } : null;
  }

  private show(view: BridgeView): void {
    this.state.token = view.token;
    this.state.messages = view.messages.map(fromServer);
    this.applyStatus(view);
    this.resumeMultiline();
    this.remember(true);
  }

  /** The stored conversation, which the loader could not fetch: tried until it comes. */
  private async loadStored(attempt: number): Promise<void> {
    this.reloadTimer = null;
    if (!this.state.token) return;
    try {
      const view = await this.bridge.history(this.state.token);
      this.state.bot ??= botOfMessages(view.messages);
      if (this.state.notice?.kind === "retrying") this.state.notice = null;
      this.show(view);
    } catch (error) {
      if (error instanceof RpcError && error.exceptionName === ODOO_ERRORS.missing) {
        // The server does not know it (any more): only now may a new conversation start.
        writeConversation(this.settings.storageKey, null);
        Object.assign(this.state, emptyState(), { bot: this.pageBot() });
        await this.showWelcome();
      } else if (isRetryable(error)) {
        this.setNotice("retrying", this.t("Connection lost. Retrying..."));
        this.loadStoredSoon(attempt + 1, RELOAD_DELAYS_MS[Math.min(attempt, RELOAD_DELAYS_MS.length - 1)]!);
      } else this.showError(error);
    }
  }

  private loadStoredSoon(attempt: number, delayMs: number): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.enqueue(() => this.loadStored(attempt)), delayMs);
  }

  private async showWelcome(): Promise<void> {
    const chatbot = this.init.chatbot;
    if (!chatbot) return;
    const steps = chatbot.welcome_steps;
    for (const step of steps) {
      if (step.message) await this.revealOne({ author: "bot", authorName: chatbot.title, body: step.message, id: null, date: new Date() });
    }
    const last = steps.at(-1) ?? null;
    // A script of text steps only is over once they are shown (Odoo: "Conversation ended...", Restart).
    if (last?.is_last && last.type === "text") this.state.state = "ended";
    else this.state.step = last;
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
    this.adoptWelcome(view.messages);
    // Not the step: the visitor's answer is on its way and its reply says what comes next
    // (the welcome question's answers must not come back meanwhile).
    this.state.state = view.state;
    this.state.closed = view.closed;
    this.state.operator = view.operator;
    return view.token;
  }

  /**
   * The server posted the welcome steps already shown: the shown ones take its ids in place,
   * keeping their keys, so screen readers do not hear them again.
   */
  private adoptWelcome(posted: readonly BridgeMessage[]): void {
    const local = this.state.messages.filter((m) => m.id === null && m.author !== "visitor");
    const added: UiMessage[] = [];
    for (const m of posted) {
      const index = local.findIndex((l) => l.author === m.author && l.body === m.body);
      if (index >= 0) local.splice(index, 1)[0]!.id = m.id;
      else added.push(fromServer(m));
    }
    if (!added.length) return;
    const firstVisitor = this.state.messages.findIndex((m) => m.author === "visitor" && m.id === null);
    this.state.messages.splice(firstVisitor < 0 ? this.state.messages.length : firstVisitor, 0, ...added);
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
      const message = this.message(key);
      if (isRetryable(error)) {
        this.failed.set(key, send);
        if (message) message.status = "failed";
        this.setNotice("error", this.t("The message could not be sent. Check your connection and retry."));
      } else {
        // Refused: the text stays where the visitor wrote it, with the reason.
        if (message) Object.assign(message, { status: "refused", error: this.reason(error) });
        if (this.state.state === "bot" && !this.state.step) this.state.step = send.step;
        this.showError(error);
        // The conversation may have moved on elsewhere (another tab): show where it is.
        await this.resync();
      }
      return;
    }
    this.clearErrors();
    const fresh = unseenMessages(this.state.messages, view);
    const own = fresh.find((m) => m.author === "visitor");
    const message = this.message(key);
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
      // Messages already shown keep their keys (nothing is announced twice); unsent ones stay last.
      const shown = new Map(this.state.messages.filter((m) => m.id !== null).map((m) => [m.id, m]));
      const unsent = this.state.messages.filter((m) => m.id === null && m.author === "visitor");
      this.state.messages = [...view.messages.map((m) => shown.get(m.id) ?? fromServer(m)), ...unsent];
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

  private applyStatus(view: BridgeView): void {
    this.state.step = view.state === "bot" ? view.step : null;
    this.state.state = view.state;
    this.state.closed = view.closed;
    this.state.operator = view.operator;
    if (view.state === "operator" && !view.closed) this.startLive(view.token);
    else this.stopLive();
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
      onTrouble: (trouble) => {
        if (trouble) this.setNotice("reconnecting", this.t("Reconnecting..."));
        else if (this.state.notice?.kind === "reconnecting") this.state.notice = null;
      },
    });
    this.live.start();
  }

  private stopLive(): void {
    this.live?.stop();
    this.live = null;
    if (this.state.notice?.kind === "reconnecting") this.state.notice = null;
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

  private cancelMultiline(): void {
    if (this.multilineTimer) clearTimeout(this.multilineTimer);
    this.multilineTimer = null;
    this.finish = null;
  }

  /** After a reload in the middle of a multi-line answer, its lines still get finished. */
  private resumeMultiline(): void {
    const last = this.state.messages.at(-1);
    if (this.state.state === "bot" && this.state.step?.type === "free_input_multi" && last?.author === "visitor") this.scheduleMultilineEnd();
  }

  /** Held lines of the answer to `stepId` not known to be on the server (failed, or still queued). */
  private undelivered(stepId: number): [string, PendingSend][] {
    return [...this.failed, ...this.pending].filter(([, send]) => send.hold && send.step?.id === stepId);
  }

  private async finishMultiline(): Promise<void> {
    const token = this.state.token;
    const step = this.state.step;
    if (!token || this.state.state !== "bot" || step?.type !== "free_input_multi") return;
    // The answer is finished with all its lines: those that failed go again first.
    for (const [key, send] of this.undelivered(step.id)) {
      if (!this.failed.delete(key)) continue;
      const message = this.message(key);
      if (message) message.status = "sending";
      await this.send(key, send);
    }
    // A refused line showed where the conversation is: nothing left to finish here.
    if (this.state.step?.id !== step.id) return;
    if (this.undelivered(step.id).length) {
      // Still not through, or queued behind: finished after the next silence.
      this.scheduleMultilineEnd();
      return;
    }
    if (this.finish?.stepId !== step.id) this.finish = { stepId: step.id, clientMsgId: newClientId() };
    const clientMsgId = this.finish.clientMsgId;
    this.state.step = null;
    try {
      const view = await this.bridge.reply({ token, client_msg_id: clientMsgId });
      this.finish = null;
      this.clearErrors();
      await this.reveal(unseenMessages(this.state.messages, view));
      this.applyStatus(view);
    } catch (error) {
      this.showError(error);
      if (isRetryable(error)) {
        // Maybe it never got there: the same answer again (same id) after the next silence.
        this.state.step = step;
        this.scheduleMultilineEnd();
      } else {
        // Refused: the conversation moved on elsewhere; show where it is.
        this.finish = null;
        await this.resync();
      }
    }
  }

  private setNotice(kind: Notice["kind"], text: string): void {
    this.state.notice = { kind, text };
  }

  private clearErrors(): void {
    if (this.state.notice?.kind === "retrying" || this.state.notice?.kind === "error") this.state.notice = null;
  }

  /** What went wrong, as the visitor reads it: the server's known refusals in the page's language. */
  private reason(error: unknown): string {
    if (error instanceof RpcError && !isRetryable(error)) return KNOWN_ERRORS.has(error.message) ? this.t(error.message) : error.message;
    return this.t("The server could not be reached. Please try again.");
  }

  private showError(error: unknown): void {
    this.state.typing = null;
    if (error instanceof RpcError && error.exceptionName === ODOO_ERRORS.missing && this.state.token) {
      // The server forgot this conversation: start a new one next time.
      writeConversation(this.settings.storageKey, null);
    }
    this.setNotice("error", this.reason(error));
    this.onChange();
  }
}
