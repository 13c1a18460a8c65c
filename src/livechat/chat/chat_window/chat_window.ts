// The chat window: header, conversation, composer. Keeps focus where a keyboard user
// expects it: on the first answer of a new question, else in the composer.
import { Component, onMounted, onPatched, useRef, useState } from "@odoo/owl";
import type { BridgeAnswer } from "../../../protocol/bridge.ts";
import { composerMode, type ComposerMode } from "../core/conversation_model.ts";
import type { ConversationService } from "../core/conversation_service.ts";
import { Composer } from "../composer/composer.ts";
import { MessageList } from "../message_list/message_list.ts";
import "./chat_window.xml";

export interface ChatWindowProps {
  service: ConversationService;
  /** Shared with the entry point, which shows the window again (reactive). */
  ui: { visible: boolean };
  /** The page's locale, for times. */
  locale: string;
  t: (text: string, ...values: string[]) => string;
  onFold: () => void;
  /** Receives the window's "move focus in" function. */
  exposeFocus: (focus: () => void) => void;
  /** Opened by the visitor: focus goes in. Opened by a rule: focus stays on the page. */
  focusOnMount: boolean;
}

export class ChatWindow extends Component<ChatWindowProps> {
  static override template = "chatbot_bridge.ChatWindow";
  static components = { MessageList, Composer };
  static override props = ["service", "ui", "locale", "t", "onFold", "exposeFocus", "focusOnMount"];

  chat = useState(this.props.service.state);
  ui = useState(this.props.ui);
  state = useState({ avatarFailed: false });
  private root = useRef("window");
  private titleRef = useRef("title");

  override setup() {
    this.props.exposeFocus(() => this.focusInside());
    this.props.service.onChange = () => {
      // Focus moves once the change is on screen: after the next patch (or two frames if
      // nothing of this window re-renders).
      this.focusPending = true;
      requestAnimationFrame(() => requestAnimationFrame(() => this.flushFocus()));
    };
    onPatched(() => this.flushFocus());
    onMounted(() => {
      if (this.props.focusOnMount) this.focusInside();
    });
  }

  /** The conversation's bot (a resumed one may not be this page's), else "Live chat". */
  get title(): string {
    return this.chat.bot?.name || this.props.t("Live chat");
  }

  get avatarUrl(): string | null {
    const url = this.chat.bot?.avatar;
    return url ? new URL(url, this.props.service.settings.baseUrl + "/").href : null;
  }

  get mode(): ComposerMode {
    return composerMode(this.chat, !!this.props.service.init.chatbot);
  }

  onAnswer(answer: BridgeAnswer) {
    this.titleRef.el?.focus();
    void this.props.service.chooseAnswer(answer);
  }

  onSend(text: string) {
    void this.props.service.sendText(text);
  }

  onTyping() {
    this.props.service.typingActivity();
  }

  onRetry(key: string) {
    this.props.service.retry(key);
  }

  onRestart() {
    this.titleRef.el?.focus();
    void this.props.service.restart();
  }

  onKeydown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.stopPropagation();
      this.props.onFold();
    }
  }

  private focusPending = false;

  /** Only moves focus when it was already in the chat (or lost from it), never away from the page. */
  private flushFocus() {
    if (!this.focusPending) return;
    this.focusPending = false;
    if (this.focusIsInChat()) this.focusInside();
  }

  /** Focus was last inside the window (kept when the focused button itself went away). */
  private hadFocus = false;

  onFocusIn() {
    this.hadFocus = true;
  }

  onFocusOut(event: FocusEvent) {
    const next = event.relatedTarget as Node | null;
    if (next && !this.root.el?.contains(next)) this.hadFocus = false;
  }

  private focusIsInChat(): boolean {
    const root = this.root.el;
    if (!root) return false;
    const shadow = root.getRootNode() as ShadowRoot;
    if (shadow.activeElement && root.contains(shadow.activeElement)) return true;
    const lost = document.activeElement === document.body || (document.activeElement === shadow.host && !shadow.activeElement);
    return this.hadFocus && lost;
  }

  /** First answer, else the composer when it takes text, else the title. */
  focusInside() {
    const root = this.root.el;
    if (!root || !this.ui.visible) return;
    const target = root.querySelector<HTMLElement>(".answer") ?? root.querySelector<HTMLTextAreaElement>(".input:not([disabled])") ?? root.querySelector<HTMLElement>(".restart") ?? this.titleRef.el;
    target?.focus();
  }
}
