// Inside Odoo's web client: registers the client action `livechat_chatbot_bridge.admin`. The
// action mounts the admin app in its own OWL App (the same OWL as Odoo's, kept external in
// this build) with in-memory routes, since the URL belongs to Odoo. Odoo's framework modules
// are read from its module loader at run time; nothing else here knows it runs in Odoo.
import { App, Component, onMounted, onWillUnmount, useRef, xml } from "@odoo/owl";
import { BridgeClient, JsonRpcTransport, OdooClient } from "../../rpc/index.ts";
import { Router } from "../core/router.ts";
import { makeEnv } from "../env.ts";
import { AdminApp } from "../shell/app.ts";
import { catalogFor } from "../i18n/catalogs.ts";
import { setCatalog, translateTemplateText } from "../i18n/translate.ts";
import "../style.css";

export const CLIENT_ACTION_TAG = "livechat_chatbot_bridge.admin";

interface OdooGlobal {
  loader: { modules: Map<string, Record<string, unknown>>; bus?: EventTarget };
}
declare const odoo: OdooGlobal;

function odooModule<T>(name: string): T | undefined {
  return odoo.loader.modules.get(name) as T | undefined;
}

/** The user's language: `user.lang` (18.0), `session.user_context.lang` (17.0), or the page's. */
function userLang(): string {
  const user = odooModule<{ user?: { lang?: string } }>("@web/core/user")?.user;
  const session = odooModule<{ session?: { user_context?: { lang?: string } } }>("@web/session")?.session;
  return user?.lang || session?.user_context?.lang || document.documentElement.lang || "en_US";
}

class ChatbotBridgeAction extends Component {
  static override props = ["*"];
  static override template = xml`<div class="o_chatbot_bridge_action" t-ref="root"/>`;
  root = useRef("root");
  app: App | null = null;

  override setup() {
    onMounted(async () => {
      const transport = new JsonRpcTransport({ baseUrl: location.origin, credentials: "same-origin" });
      // An action may open a given screen, e.g. the chatbot form's "Test (Bridge)" button opens
      // "/chatbots/<id>/test".
      const params = (this.props as { action?: { params?: { path?: unknown } } }).action?.params;
      const path = typeof params?.path === "string" && params.path.startsWith("/") ? params.path : undefined;
      const env = makeEnv({ orm: new OdooClient(transport), bridge: new BridgeClient(transport), router: new Router("memory", "/web", path), mode: "odoo" });
      env.session.lang = userLang();
      setCatalog(env.session.lang, catalogFor(env.session.lang));
      this.app = new App(AdminApp, { env, translateFn: translateTemplateText, dev: false, name: "Chatbot Bridge admin" });
      await this.app.mount(this.root.el!);
    });
    onWillUnmount(() => this.app?.destroy());
  }
}

function register(): boolean {
  const registry = odooModule<{ registry: { category(name: string): { add(key: string, value: unknown, options?: object): void } } }>("@web/core/registry")?.registry;
  if (!registry) return false;
  registry.category("actions").add(CLIENT_ACTION_TAG, ChatbotBridgeAction, { force: true });
  return true;
}

// The registry module may start after this file runs: then wait for it.
if (!register()) {
  const bus = odoo.loader.bus;
  const retry = () => {
    if (register()) bus?.removeEventListener("module-started", retry);
  };
  bus?.addEventListener("module-started", retry);
}
