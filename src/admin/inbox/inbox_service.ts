// The operator side of the embedded ERP's bridge (Odoo has Discuss instead): presence
// heartbeat, conversations forwarded to me, their transcript, replies, close; and the leads
// and tickets the bots created (over the ORM).
import type { BridgeClient, OdooClient } from "../../rpc/index.ts";
import { BRIDGE_ROUTES, type BridgeView } from "../../protocol/bridge.ts";
import { MODELS } from "../../protocol/odoo.ts";
import { newClientId } from "../core/ids.ts";

export interface InboxEntry {
  conversation_id: number;
  name?: string;
  visitor_name?: string;
  state?: string;
  closed?: boolean;
  last_message: { body: string; author: string; date?: string } | null;
  [key: string]: unknown;
}

export interface CreatedRecord {
  model: string;
  id: number;
  name: string;
  email: string;
  phone: string;
  team: string;
  date: string;
  description: string;
}

/** Odoo makes an operator offline after 60 s without a heartbeat; beat well within. */
export const HEARTBEAT_MS = 25_000;

export class InboxService {
  constructor(
    private readonly orm: OdooClient,
    private readonly bridge: BridgeClient,
  ) {}

  private call<T>(route: string, params: object): Promise<T> {
    return this.bridge.transport.call<T>(route, params);
  }

  presence(online: boolean): Promise<unknown> {
    return this.call(BRIDGE_ROUTES.operatorPresence, { online });
  }
  async inbox(): Promise<InboxEntry[]> {
    const result = await this.call<InboxEntry[] | { conversations: InboxEntry[] }>(BRIDGE_ROUTES.operatorInbox, {});
    return Array.isArray(result) ? result : result.conversations;
  }
  history(conversationId: number): Promise<BridgeView> {
    return this.call(BRIDGE_ROUTES.operatorHistory, { conversation_id: conversationId });
  }
  post(conversationId: number, text: string): Promise<BridgeView> {
    return this.call(BRIDGE_ROUTES.operatorPost, { conversation_id: conversationId, client_msg_id: newClientId(), text });
  }
  close(conversationId: number): Promise<BridgeView> {
    return this.call(BRIDGE_ROUTES.operatorClose, { conversation_id: conversationId });
  }

  /** Leads and tickets that came from a chatbot (they carry the script's UTM source). */
  private models?: Promise<(Record<string, unknown> | null)[]>;

  async createdByBots(): Promise<CreatedRecord[]> {
    // Which of CRM and Helpdesk this server has: asked once.
    this.models ??= Promise.all([MODELS.lead, MODELS.ticket].map((model) => this.orm.fieldsGet(model, ["type"]).catch(() => null)));
    const fields = await this.models;
    const out: CreatedRecord[] = [];
    const read = async (model: string, emailField: string, phoneField: string) => {
      const rows = await this.orm.searchRead(model, [["source_id", "!=", false]], ["name", emailField, phoneField, "team_id", "create_date", "description"], {
        order: "id desc",
        limit: 50,
      });
      for (const r of rows)
        out.push({
          model,
          id: r.id as number,
          name: (r.name as string) || "",
          email: (r[emailField] as string) || "",
          phone: (r[phoneField] as string) || "",
          team: Array.isArray(r.team_id) ? String(r.team_id[1]) : "",
          date: (r.create_date as string) || "",
          description: htmlToText((r.description as string) || ""),
        });
    };
    // A user who may not read leads or tickets simply sees none of them.
    await Promise.all([
      fields[0] ? read(MODELS.lead, "email_from", "phone").catch(() => undefined) : null,
      fields[1] ? read(MODELS.ticket, "partner_email", "partner_phone").catch(() => undefined) : null,
    ]);
    return out.sort((a, b) => (b.date > a.date ? 1 : b.date < a.date ? -1 : 0));
  }
}

/** Descriptions are HTML on the server; the inbox shows them as text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}
