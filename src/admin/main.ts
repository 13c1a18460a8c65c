// The standalone admin app at /web: talks to the server that serves it (or to
// `window.CHATBOT_BRIDGE_ERP`, another base URL), routes in the browser history.
import { App } from "@odoo/owl";
import { BridgeClient, OdooClient, JsonRpcTransport } from "../rpc/index.ts";
import { Router } from "./core/router.ts";
import { makeEnv } from "./env.ts";
import { AdminApp } from "./shell/app.ts";
import { catalogFor } from "./i18n/catalogs.ts";
import { setCatalog, translateTemplateText } from "./i18n/translate.ts";
import "./style.css";
import "./page.css";

declare global {
  interface Window {
    CHATBOT_BRIDGE_ERP?: string;
  }
}

async function start() {
  const baseUrl = window.CHATBOT_BRIDGE_ERP ?? location.origin;
  const transport = new JsonRpcTransport({ baseUrl, credentials: baseUrl === location.origin ? "same-origin" : "include" });
  const orm = new OdooClient(transport);
  const bridge = new BridgeClient(transport);
  // Templates are translated when compiled: pick the language before mounting.
  const asked = new URLSearchParams(location.search).get("lang");
  let lang = asked ?? navigator.language;
  const env = makeEnv({ orm, bridge, router: new Router("history"), mode: "standalone" });
  try {
    const info = await orm.sessionInfo();
    const userLang = (info.user_context as { lang?: string } | undefined)?.lang;
    if (info.uid && userLang && !asked) lang = userLang;
  } catch {
    /* not logged in */
  }
  env.session.lang = lang.replace("-", "_");
  setCatalog(env.session.lang, catalogFor(lang));
  document.documentElement.lang = lang.split(/[-_]/)[0] ?? "en";
  // An error nobody caught still reaches the user, as a notification (never a blank screen).
  window.addEventListener("unhandledrejection", (ev) => env.notifications.error(ev.reason));
  const app = new App(AdminApp, { env, translateFn: translateTemplateText, dev: false, name: "Chatbot Bridge admin" });
  await app.mount(document.getElementById("app")!);
}

void start();
