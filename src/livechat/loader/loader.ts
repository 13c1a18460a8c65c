// The tag a website pastes. It asks the server whether and how to show the livechat for this
// page (`init`), resumes a stored conversation, draws the bubble in a shadow root and loads
// the chat bundle only when the chat opens. Kept tiny: no framework, no JSON-RPC library.
// The host is a custom element: page rules written for divs (div { display: none }) miss it.
import { BRIDGE_ROUTES, LIMITS, type BridgeView, type InitResult } from "../../protocol/bridge.ts";
import { ODOO_ERRORS } from "../../protocol/odoo.ts";
import { CHAT_GLOBAL, OPTIONS_GLOBAL, type ChatEntry, type ChatHandle, type PageOptions, type WidgetSettings } from "../shared/chat-contract.ts";
import { readConversation, storageKey, writeConversation } from "../shared/storage.ts";
import { DEFAULT_TYPING_DELAY } from "../shared/typing-delay.ts";
import { pageTranslator } from "../i18n/translate.ts";
import { LOADER_CATALOGS } from "./catalogs.ts";
import { call, LoaderRpcError, retried } from "./rpc.ts";
import css from "./loader.css?inline";

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

function currentScript(): HTMLScriptElement | null {
  return (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="livechat_chatbot_bridge/static/dist/loader"]');
}

/**
 * What the chat goes on with when `init` never answered but a conversation is stored: no
 * bot of this page, and live updates by plain polls (no WebSocket address known).
 */
const UNREACHED_INIT: InitResult = {
  available: true,
  rule: null,
  chatbot: null,
  operator_available: false,
  server: { name: "", version: "", features: [] },
  push: { websocket: null, poll_max_timeout: 0 },
};

function numberOr(value: string | number | undefined, fallback: number): number {
  const n = value === undefined || value === "" ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

async function start(script: HTMLScriptElement) {
  const page = ((window as unknown as Record<string, PageOptions | undefined>)[OPTIONS_GLOBAL] ?? {}) as PageOptions;
  const data = { ...page, ...script.dataset } as Record<string, string | number | undefined>;
  const channelId = Number(data.channelId);
  if (!Number.isInteger(channelId)) return;
  // The tag pasted twice (template and tag manager): one bubble.
  const started = ((window as unknown as { __chatbotBridgeChannels?: Set<number> }).__chatbotBridgeChannels ??= new Set());
  if (started.has(channelId)) return;
  started.add(channelId);
  const baseUrl = String(data.baseUrl || new URL(script.src).origin).replace(/\/$/, "");
  const explicitLang = data.lang ? String(data.lang) : undefined;
  const pageLang = explicitLang || document.documentElement.lang || undefined;
  const { lang, t } = pageTranslator(explicitLang, LOADER_CATALOGS);
  const settings: WidgetSettings = {
    baseUrl,
    channelId,
    lang,
    locale: pageLang || navigator.language,
    typingDelayMs: numberOr(data.typingDelay, DEFAULT_TYPING_DELAY.maxMs),
    multilineDelayMs: numberOr(data.multilineDelay, LIMITS.multilineDebounceMs),
    pollIntervalMs: numberOr(data.pollInterval, 3000) || 3000,
    storageKey: storageKey(baseUrl, channelId),
  };
  // Same folder and same version query as the loader (cache busting stays consistent).
  const chatUrl = new URL(`chat.js${new URL(script.src).search}`, script.src).href;

  const init = await retried(() => call<InitResult>(baseUrl, BRIDGE_ROUTES.init, { channel_id: channelId, url: location.href, lang: pageLang })).catch(() => null);
  // A conversation started on another page goes on here, whatever this page's rule says.
  let stored = readConversation(settings.storageKey);
  let resume: BridgeView | null = null;
  if (stored) {
    const { token } = stored;
    try {
      resume = await retried(() => call<BridgeView>(baseUrl, BRIDGE_ROUTES.history, { token }));
    } catch (error) {
      if (error instanceof LoaderRpcError && error.exceptionName === ODOO_ERRORS.missing) {
        writeConversation(settings.storageKey, null);
        stored = null;
      }
      // Otherwise the chat loads it itself: the token stays, and no new conversation is opened over it.
    }
  }
  const action = init?.rule?.action;
  if (!stored && (!init?.available || action === "hide_button")) return;

  const host = document.createElement("chatbot-bridge-widget");
  host.className = "chatbot-bridge-root";
  // The widget's own language, whatever the page's (screen readers pronounce it right).
  host.lang = lang;
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = css;
  const bubble = document.createElement("button");
  bubble.type = "button";
  bubble.className = "bubble";
  bubble.setAttribute("aria-label", t("Chat with us"));
  bubble.setAttribute("aria-expanded", "false");
  bubble.innerHTML = CHAT_ICON;
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.hidden = true;
  badge.setAttribute("aria-hidden", "true");
  bubble.append(badge);
  const showUnread = (count: number) => {
    badge.hidden = count === 0;
    badge.textContent = String(count);
    bubble.setAttribute("aria-label", count ? `${t("Chat with us")} (${t("New messages: %s", String(count))})` : t("Chat with us"));
  };
  const slot = document.createElement("div");
  slot.className = "chat";
  root.append(style, bubble, slot);
  let notice: HTMLElement | null = null;
  if (!stored && action === "display_button_and_text") {
    // A button, so the text opens the chat from the keyboard too.
    notice = document.createElement("button");
    notice.setAttribute("type", "button");
    notice.className = "notice";
    notice.textContent = t("Have a Question? Chat with us.");
    notice.addEventListener("click", () => void open(true));
    root.append(notice);
  }
  document.body.append(host);

  let chat: Promise<ChatHandle> | null = null;
  let opened = false;
  let failure: HTMLElement | null = null;
  const fold = (focus = true) => {
    opened = false;
    bubble.hidden = false;
    bubble.setAttribute("aria-expanded", "false");
    if (focus) bubble.focus();
  };
  const open = async (byVisitor: boolean) => {
    if (opened) return;
    opened = true;
    bubble.hidden = true;
    bubble.setAttribute("aria-expanded", "true");
    notice?.remove();
    failure?.remove();
    if (chat) {
      (await chat).show();
      return;
    }
    chat = loadChat(chatUrl).then((entry) => entry({ settings, init: init ?? UNREACHED_INIT, resume, stored, target: slot, byVisitor, onFold: fold, onUnread: showUnread }));
    chat.catch(() => {
      // The chat bundle could not load: said next to the bubble, which tries again when clicked.
      chat = null;
      fold(byVisitor);
      failure = document.createElement("p");
      failure.className = "error";
      failure.setAttribute("role", "alert");
      failure.textContent = t("The chat could not be loaded. Please try again.");
      root.append(failure);
    });
  };
  bubble.addEventListener("click", () => void open(true));

  if (stored) {
    if (stored.open) void open(false);
  } else if (action === "auto_popup") setTimeout(() => void open(false), (init?.rule?.auto_popup_timer ?? 0) * 1000);
}

function loadChat(src: string): Promise<ChatEntry> {
  const existing = (window as unknown as Record<string, ChatEntry | undefined>)[CHAT_GLOBAL];
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = src;
    tag.async = true;
    tag.onload = () => {
      const entry = (window as unknown as Record<string, ChatEntry | undefined>)[CHAT_GLOBAL];
      if (entry) resolve(entry);
      else reject(new Error("chat bundle did not register"));
    };
    tag.onerror = () => {
      tag.remove();
      reject(new Error(`could not load ${src}`));
    };
    document.head.append(tag);
  });
}

const script = currentScript();
if (script) {
  const run = () => start(script).catch((error) => console.warn("[livechat]", error));
  if (document.body) void run();
  else document.addEventListener("DOMContentLoaded", () => void run(), { once: true });
}
