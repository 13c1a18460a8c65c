// Notifications in the corner of the screen, as Odoo shows them, and the text Odoo gives a
// server error: the exception's message under a title naming its kind.
import { Component, reactive, useState, xml } from "@odoo/owl";
import { ConnectionError, RpcError } from "../../rpc/index.ts";
import { ODOO_ERRORS } from "../../protocol/odoo.ts";
import { _t } from "../i18n/translate.ts";

export type NotificationType = "danger" | "warning" | "success" | "info";

export interface Notification {
  id: number;
  type: NotificationType;
  title: string;
  message: string;
}

export class NotificationService {
  readonly list: Notification[] = reactive([]);
  private nextId = 1;

  add(message: string, options: { type?: NotificationType; title?: string; sticky?: boolean } = {}): number {
    const id = this.nextId++;
    this.list.push({ id, type: options.type ?? "info", title: options.title ?? "", message });
    if (!options.sticky) setTimeout(() => this.close(id), options.type === "danger" ? 8000 : 4000);
    return id;
  }

  close(id: number): void {
    const index = this.list.findIndex((n) => n.id === id);
    if (index >= 0) this.list.splice(index, 1);
  }

  /** Called when the server says the session is gone (the app then asks to log in again). */
  onSessionExpired: (() => void) | null = null;

  /** Shows any error; server errors with their own message, as Odoo does. */
  error(error: unknown): void {
    const { title, message } = describeError(error);
    this.add(message, { type: "danger", title });
    if (error instanceof RpcError && (error.code === 100 || error.exceptionName === ODOO_ERRORS.sessionExpired)) this.onSessionExpired?.();
  }
}

export function describeError(error: unknown): { title: string; message: string } {
  if (error instanceof RpcError) {
    const titles: Record<string, string> = {
      [ODOO_ERRORS.validation]: _t("Validation Error"),
      [ODOO_ERRORS.access]: _t("Access Error"),
      [ODOO_ERRORS.missing]: _t("Missing Record"),
      [ODOO_ERRORS.user]: _t("User Error"),
      [ODOO_ERRORS.accessDenied]: _t("Access Denied"),
      [ODOO_ERRORS.sessionExpired]: _t("Odoo Session Expired"),
    };
    return { title: titles[error.exceptionName ?? ""] ?? _t("Odoo Server Error"), message: error.message };
  }
  if (error instanceof ConnectionError) return { title: _t("Connection lost"), message: _t("The server could not be reached. Trying again may help.") };
  return { title: _t("Error"), message: error instanceof Error ? error.message : String(error) };
}

export class NotificationArea extends Component<{ service: NotificationService }> {
  static override props = { service: Object };
  static override template = xml`
    <div class="o_notification_manager" aria-live="polite">
      <div t-foreach="list" t-as="n" t-key="n.id" t-attf-class="o_notification o_notification_{{n.type}}" t-att-role="n.type === 'danger' ? 'alert' : 'status'">
        <strong t-if="n.title" class="o_notification_title" t-esc="n.title"/>
        <div class="o_notification_content" t-esc="n.message"/>
        <button type="button" class="o_notification_close" aria-label="Close" t-on-click="() => props.service.close(n.id)">×</button>
      </div>
    </div>`;
  list = useState(this.props.service.list);
}
