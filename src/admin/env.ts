// What every admin component finds in `this.env`: the clients of both APIs and the app's
// services. Built once by the standalone entry or by the Odoo client action.
import { reactive } from "@odoo/owl";
import type { BridgeClient, OdooClient } from "../rpc/index.ts";
import type { Router } from "./core/router.ts";
import { NotificationService } from "./core/notifications.ts";
import { DialogService } from "./core/dialogs.ts";
import { _t } from "./i18n/translate.ts";

export interface SessionState {
  uid: number | false;
  name: string;
  login: string;
  tz: string;
  lang: string;
}

export interface AdminEnv {
  orm: OdooClient;
  bridge: BridgeClient;
  router: Router;
  notifications: NotificationService;
  dialogs: DialogService;
  session: SessionState;
  /** "standalone" at /web; "odoo" inside Odoo's web client (no login form, no Inbox). */
  mode: "standalone" | "odoo";
  _t: typeof _t;
}

export function makeEnv(parts: { orm: OdooClient; bridge: BridgeClient; router: Router; mode: AdminEnv["mode"] }): AdminEnv {
  const dialogs = new DialogService();
  // Dialogs belong to the screen they were opened on: a new route (a link, Back/Forward)
  // closes them rather than leaving them over another page. Unsaved drafts ask first (their
  // leave guard runs before the route changes).
  parts.router.onChange(() => dialogs.closeAll());
  return {
    ...parts,
    notifications: new NotificationService(),
    dialogs,
    session: reactive({ uid: false, name: "", login: "", tz: defaultTimeZone(), lang: "en_US" }),
    _t,
  };
}

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
