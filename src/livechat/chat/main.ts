// Entry of the chat bundle, loaded by the loader when the chat opens: mounts the OWL chat
// window in the widget's shadow root and registers itself for the loader.
import { App, reactive } from "@odoo/owl";
import { CHAT_GLOBAL, type ChatEntry, type ChatHandle } from "../shared/chat-contract.ts";
import { CATALOGS } from "../i18n/catalogs.ts";
import { pageTranslator } from "../i18n/translate.ts";
import { ConversationService } from "./core/conversation_service.ts";
import { ChatWindow } from "./chat_window/chat_window.ts";
import css from "./chat.css?inline";

const startChat: ChatEntry = async ({ settings, init, resume, stored, target, byVisitor, onFold, onUnread }) => {
  const { t } = pageTranslator(settings.lang, CATALOGS);
  const style = document.createElement("style");
  style.textContent = css;
  target.before(style);
  const service = new ConversationService(settings, init, t);
  const ui = reactive({ visible: true });
  let unread = 0;
  service.onIncoming = (count) => {
    if (ui.visible) return;
    unread += count;
    onUnread(unread);
  };
  let focusInside = () => {};
  const props = {
    service,
    ui,
    locale: settings.locale,
    t,
    onFold: () => {
      ui.visible = false;
      service.remember(false);
      onFold();
    },
    exposeFocus: (focus: () => void) => (focusInside = focus),
    focusOnMount: byVisitor,
  };
  const app = new App(ChatWindow, { props, dev: false, translatableAttributes: [] });
  await app.mount(target);
  void service.start(resume, stored);
  service.remember(true);
  const handle: ChatHandle = {
    show() {
      ui.visible = true;
      unread = 0;
      onUnread(0);
      service.remember(true);
      setTimeout(() => focusInside(), 0);
    },
  };
  return handle;
};

(window as unknown as Record<string, ChatEntry>)[CHAT_GLOBAL] = startChat;
