// The visitor's conversation as the chat shows it, and what the composer allows in each
// state (Odoo's rules: answers as buttons, input steps in the composer, ended → restart).
import type { BridgeMessage, BridgeStep, BridgeView, ConversationState, MessageAuthor } from "../../../protocol/bridge.ts";
import type { StepType } from "../../../protocol/odoo.ts";

export interface UiMessage {
  /** Stable key for rendering (server id, or a local key before the server knows it). */
  key: string;
  /** Server id; null for welcome steps shown before the conversation is stored, and for unsent messages. */
  id: number | null;
  author: MessageAuthor;
  authorName: string;
  body: string;
  date: Date;
  /** failed: not sent (network), offered again; refused: the server said no, kept with `error`. */
  status: "sent" | "sending" | "failed" | "refused";
  /** Why the server refused it (translated when known). */
  error?: string;
}

export interface Notice {
  /** error and offline are alerts; retrying and reconnecting are quiet status lines. */
  kind: "error" | "offline" | "retrying" | "reconnecting";
  text: string;
}

/** Whom the visitor talks to, for the header: the conversation's bot, not this page's. */
export interface BotIdentity {
  name: string;
  /** As the server gave it (absolute, or relative to the server). */
  avatar: string | null;
}

export interface ChatState {
  token: string | null;
  messages: UiMessage[];
  /** The step waiting for the visitor, once its message has been shown. */
  step: BridgeStep | null;
  state: ConversationState;
  closed: boolean;
  operator: { name: string } | null;
  bot: BotIdentity | null;
  /** Name of whoever is typing, or null. */
  typing: string | null;
  notice: Notice | null;
}

export function emptyState(): ChatState {
  return { token: null, messages: [], step: null, state: "bot", closed: false, operator: null, bot: null, typing: null, notice: null };
}

export function fromServer(message: BridgeMessage): UiMessage {
  return {
    key: `m${message.id}`,
    id: message.id,
    author: message.author,
    authorName: message.author_name,
    body: message.body,
    date: new Date(message.date),
    status: "sent",
  };
}

/** The bot of a stored conversation whose bot was not stored with it: the author of its bot messages. */
export function botOfMessages(messages: readonly BridgeMessage[]): BotIdentity | null {
  for (let i = messages.length; i--; ) if (messages[i]!.author === "bot") return { name: messages[i]!.author_name, avatar: null };
  return null;
}

/** Highest server id shown, for `poll` (`after_id`). */
export function lastMessageId(messages: readonly UiMessage[]): number {
  let last = 0;
  for (const m of messages) if (m.id !== null && m.id > last) last = m.id;
  return last;
}

/** Messages of `view` not shown yet, in order. */
export function unseenMessages(shown: readonly UiMessage[], view: BridgeView): BridgeMessage[] {
  const known = new Set(shown.map((m) => m.id));
  return view.messages.filter((m) => !known.has(m.id));
}

const INPUT_PLACEHOLDER: Partial<Record<StepType, string>> = {
  question_email: "Enter your email address",
  question_phone: "Enter your phone number",
};

export interface ComposerMode {
  enabled: boolean;
  /** English text (translated by the component). */
  placeholder: string;
  inputMode: "text" | "email" | "tel";
  /** Lines are sent with `hold` and finished after a silence (free_input_multi). */
  multiline: boolean;
  /** "Restart Conversation" is offered. */
  restart: boolean;
}

/**
 * What the composer allows. Odoo disables it on a question ("Select an option above"),
 * while the bot is busy ("Say something") and at the end ("Conversation ended...").
 */
export function composerMode(s: Pick<ChatState, "state" | "step" | "typing" | "token" | "closed">, hasChatbot: boolean): ComposerMode {
  const base: ComposerMode = { enabled: false, placeholder: "Say something", inputMode: "text", multiline: false, restart: false };
  if (s.state === "ended") return { ...base, placeholder: "Conversation ended...", restart: true };
  if (s.state === "operator") return { ...base, enabled: true };
  if (!hasChatbot && !s.token) return { ...base, enabled: true };
  if (s.typing || !s.step) return base;
  switch (s.step.type) {
    case "question_selection":
      return { ...base, placeholder: "Select an option above" };
    case "question_email":
      return { ...base, enabled: true, placeholder: INPUT_PLACEHOLDER.question_email!, inputMode: "email" };
    case "question_phone":
      return { ...base, enabled: true, placeholder: INPUT_PLACEHOLDER.question_phone!, inputMode: "tel" };
    case "free_input_single":
      return { ...base, enabled: true };
    case "free_input_multi":
      return { ...base, enabled: true, multiline: true };
    default:
      return base;
  }
}
