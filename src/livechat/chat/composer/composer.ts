// The text box: email, phone and free-input answers, and chat with an operator. Enter
// sends, Shift+Enter starts a new line.
import { Component, useRef, useState } from "@odoo/owl";
import { LIMITS } from "../../../protocol/bridge.ts";
import type { ComposerMode } from "../core/conversation_model.ts";
import "./composer.xml";

export interface ComposerProps {
  mode: ComposerMode;
  t: (text: string, ...values: string[]) => string;
  onSend: (text: string) => void;
  onTyping: () => void;
  onRestart: () => void;
}

export class Composer extends Component<ComposerProps> {
  static override template = "chatbot_bridge.Composer";
  static override props = ["mode", "t", "onSend", "onTyping", "onRestart"];

  state = useState({ text: "" });
  input = useRef<HTMLTextAreaElement>("input");

  /** The server refuses longer messages. */
  readonly maxLength = LIMITS.textMax;

  get autocomplete(): string {
    return this.props.mode.inputMode === "email" ? "email" : this.props.mode.inputMode === "tel" ? "tel" : "off";
  }

  submit() {
    const text = this.state.text.trim();
    if (!text || !this.props.mode.enabled) return;
    this.state.text = "";
    this.props.onSend(text);
  }

  onKeydown(event: KeyboardEvent) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }
}
