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
  /** The chatbot that created it (the script whose UTM source the record carries). */
  scriptId: number;
  scriptTitle: string;
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

  /** Which of CRM and Helpdesk this server has, and their fields: asked once. */
  private models?: Promise<(Record<string, unknown> | null)[]>;

  /**
   * Leads and tickets created by chatbots: those whose UTM source is the source of a chatbot
   * script (archived ones included), as Odoo counts a script's leads. Leads from other sources
   * (a website form, an import) are not listed.
   */
  async createdByBots(): Promise<CreatedRecord[]> {
    this.models ??= Promise.all([MODELS.lead, MODELS.ticket].map((model) => this.orm.fieldsGet(model, ["type"]).catch(() => null)));
    const fields = await this.models;
    const withSource = fields.map((f) => !!f && "source_id" in f);
    if (!withSource.some(Boolean)) return [];
    // A user who may not read scripts, leads or tickets simply sees none of them.
    const scripts = await this.orm
      .searchRead(MODELS.script, [], ["title", "source_id"], { context: { active_test: false } })
      .catch(() => [] as Record<string, unknown>[]);
    const bySource = new Map<number, { id: number; title: string }>();
    for (const script of scripts) {
      const source = many2oneId(script.source_id);
      if (source) bySource.set(source, { id: script.id as number, title: (script.title as string) || "" });
    }
    if (!bySource.size) return [];
    const sourceIds = [...bySource.keys()];
    const out: CreatedRecord[] = [];
    const read = async (model: string, emailField: string, phoneField: string) => {
      const rows = await this.orm.searchRead(model, [["source_id", "in", sourceIds]], ["name", emailField, phoneField, "team_id", "create_date", "description", "source_id"], {
        order: "id desc",
        limit: 50,
      });
      for (const r of rows) {
        const script = bySource.get(many2oneId(r.source_id) || 0);
        if (!script) continue;
        out.push({
          model,
          id: r.id as number,
          scriptId: script.id,
          scriptTitle: script.title,
          name: (r.name as string) || "",
          email: (r[emailField] as string) || "",
          phone: (r[phoneField] as string) || "",
          team: Array.isArray(r.team_id) ? String(r.team_id[1]) : "",
          date: (r.create_date as string) || "",
          description: htmlToText((r.description as string) || ""),
        });
      }
    };
    await Promise.all([
      withSource[0] ? read(MODELS.lead, "email_from", "phone").catch(() => undefined) : null,
      withSource[1] ? read(MODELS.ticket, "partner_email", "partner_phone").catch(() => undefined) : null,
    ]);
    return out.sort((a, b) => (b.date > a.date ? 1 : b.date < a.date ? -1 : 0));
  }
}

const many2oneId = (value: unknown): number | false => (Array.isArray(value) ? (value[0] as number) : typeof value === "number" ? value : false);

/** Descriptions are HTML on the server; the inbox shows them as text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}
