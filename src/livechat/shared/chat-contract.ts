// What the loader hands to the lazily loaded chat bundle. The chat bundle is a classic
// script (works cross-origin and under a strict CSP without CORS on static files) that
// puts its entry point on `window[CHAT_GLOBAL]`.
import type { BridgeView, InitResult } from "../../protocol/bridge.ts";
import type { StoredConversation } from "./storage.ts";

export const CHAT_GLOBAL = "chatbotBridgeChat";

/**
 * Page-wide settings, for pages that cannot change the tag (e.g. tests): the same names as
 * the tag's data attributes, which win over them.
 */
export const OPTIONS_GLOBAL = "chatbotBridgeOptions";
export interface PageOptions {
  lang?: string;
  typingDelay?: number;
  multilineDelay?: number;
  pollInterval?: number;
}

export interface WidgetSettings {
  baseUrl: string;
  channelId: number;
  /** UI language picked from data-lang / <html lang>. */
  lang: string;
  /** The page's own locale (e.g. en-GB), for times: a 24-hour page gets 24-hour times. */
  locale: string;
  /** Cap of the bot's typing delay per message, ms (0: no delay). */
  typingDelayMs: number;
  /** Silence that finishes a multi-line answer, ms (Odoo: 10 s). */
  multilineDelayMs: number;
  /** Poll period when the server cannot hold connections (Odoo mode), ms. */
  pollIntervalMs: number;
  storageKey: string;
}

export interface ChatStartOptions {
  settings: WidgetSettings;
  init: InitResult;
  /** The stored conversation, already fetched with `history`, or null. */
  resume: BridgeView | null;
  /**
   * The stored token (and bot): with `resume` null, `history` failed on the network, and the
   * chat loads the conversation itself; it never opens a new one over it.
   */
  stored: StoredConversation | null;
  /** Element inside the widget's shadow root where the chat window goes. */
  target: HTMLElement;
  /** The visitor opened it (focus moves in); an automatic opening leaves focus on the page. */
  byVisitor: boolean;
  /** The visitor folded the window: the loader shows the bubble again. */
  onFold: () => void;
  /** Messages that came while the window was folded (0 once it is shown again). */
  onUnread: (count: number) => void;
}

export interface ChatHandle {
  /** Shows the window again after a fold and moves focus into it. */
  show(): void;
}

export type ChatEntry = (options: ChatStartOptions) => Promise<ChatHandle>;
