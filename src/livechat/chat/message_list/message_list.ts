// The conversation: messages (visitor text as text, links in others made safe), the answer
// buttons of the current question, and the typing indicator. Announced to screen readers
// through the log role; "Sending..." is hidden from them (it would be read after every message).
import { Component, onPatched, useRef } from "@odoo/owl";
import type { BridgeAnswer } from "../../../protocol/bridge.ts";
import { linkify, type TextPart } from "../../shared/linkify.ts";
import type { ChatState, UiMessage } from "../core/conversation_model.ts";
import "./message_list.xml";

export interface MessageListProps {
  state: ChatState;
  /** The page's locale (e.g. en-GB: 24-hour times). */
  locale: string;
  t: (text: string, ...values: string[]) => string;
  onAnswer: (answer: BridgeAnswer) => void;
  onRetry: (key: string) => void;
}

export class MessageList extends Component<MessageListProps> {
  static override template = "chatbot_bridge.MessageList";
  static override props = ["state", "locale", "t", "onAnswer", "onRetry"];

  private list = useRef("list");
  private timeFormat!: Intl.DateTimeFormat;

  override setup() {
    // The visitor's own time zone (the browser's), as the page's locale writes times.
    const options: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
    try {
      this.timeFormat = new Intl.DateTimeFormat(this.props.locale, options);
    } catch {
      // Not a valid language tag (a page's lang attribute can say anything).
      this.timeFormat = new Intl.DateTimeFormat(undefined, options);
    }
    onPatched(() => {
      const el = this.list.el;
      if (el) el.scrollTop = el.scrollHeight;
    });
  }

  get answers(): BridgeAnswer[] {
    const { step, state } = this.props.state;
    return state === "bot" && step?.type === "question_selection" ? step.answers : [];
  }

  parts(body: string): TextPart[] {
    return linkify(body);
  }

  time(date: Date): string {
    return this.timeFormat.format(date);
  }

  authorLabel(message: UiMessage): string {
    return message.author === "visitor" ? this.props.t("You") : message.authorName;
  }
}
