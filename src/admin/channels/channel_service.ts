// Livechat channels and their rules over Odoo's ORM (im_livechat.channel, .channel.rule).
import type { OdooClient } from "../../rpc/index.ts";
import { MODELS, type RuleAction } from "../../protocol/odoo.ts";

export interface ChannelRow {
  id: number;
  name: string;
  ruleCount: number;
  operatorCount: number;
}

export interface Rule {
  id: number;
  sequence: number;
  regex_url: string;
  action: RuleAction;
  auto_popup_timer: number;
  country_ids: number[];
  chatbot_script_id: number | false;
  chatbot_only_if_no_operator: boolean;
}

export interface RuleDraft {
  regex_url: string;
  action: RuleAction;
  auto_popup_timer: number;
  country_ids: number[];
  chatbot_script_id: number | false;
  chatbot_only_if_no_operator: boolean;
}

export interface ChannelRecord {
  id: number;
  name: string;
  operators: string[];
  rules: Rule[];
}

export interface Option {
  id: number;
  name: string;
}

/** What "Create Rules" offers: chatbots, countries, and the optional fields this server has. */
export interface RuleOptions {
  chatbots: Option[];
  countries: Option[];
  /** `chatbot_only_if_no_operator` exists (Odoo 17.0/18.0 and the embedded ERP; not 19.0). */
  onlyIfNoOperator: boolean;
}

export const EMPTY_RULE_OPTIONS: RuleOptions = { chatbots: [], countries: [], onlyIfNoOperator: false };

/** Optional fields of `im_livechat.channel.rule` on this server. */
export interface RuleCapabilities {
  onlyIfNoOperator: boolean;
}

const m2oId = (v: unknown): number | false => (Array.isArray(v) ? (v[0] as number) : typeof v === "number" ? v : false);

export class ChannelService {
  private capabilities?: Promise<RuleCapabilities>;

  constructor(private readonly orm: OdooClient) {}

  /** Which optional rule fields the server has, read once from `fields_get` (never assumed). */
  ruleCapabilities(): Promise<RuleCapabilities> {
    this.capabilities ??= this.orm.fieldsGet(MODELS.livechatRule, ["type"]).then((fields) => ({ onlyIfNoOperator: "chatbot_only_if_no_operator" in fields }));
    return this.capabilities;
  }

  async list(): Promise<ChannelRow[]> {
    const rows = await this.orm.searchRead(MODELS.livechatChannel, [], ["name", "rule_ids", "user_ids"], { order: "name, id" });
    return rows.map((r) => ({
      id: r.id as number,
      name: r.name as string,
      ruleCount: ((r.rule_ids as number[]) ?? []).length,
      operatorCount: ((r.user_ids as number[]) ?? []).length,
    }));
  }

  async load(id: number): Promise<ChannelRecord | null> {
    const [channel] = await this.orm.read(MODELS.livechatChannel, [id], ["name", "user_ids"]);
    if (!channel) return null;
    const userIds = (channel.user_ids as number[]) ?? [];
    const caps = await this.ruleCapabilities();
    const ruleFields = ["sequence", "regex_url", "action", "auto_popup_timer", "country_ids", "chatbot_script_id"];
    if (caps.onlyIfNoOperator) ruleFields.push("chatbot_only_if_no_operator");
    const [users, rules] = await Promise.all([
      userIds.length ? this.orm.read(MODELS.users, userIds, ["name"]) : Promise.resolve([]),
      this.orm.searchRead(MODELS.livechatRule, [["channel_id", "=", id]], ruleFields, { order: "sequence, id" }),
    ]);
    return {
      id,
      name: channel.name as string,
      operators: users.map((u) => u.name as string),
      rules: rules.map((r) => ({
        id: r.id as number,
        sequence: (r.sequence as number) ?? 10,
        regex_url: (r.regex_url as string) || "",
        action: r.action as RuleAction,
        auto_popup_timer: (r.auto_popup_timer as number) ?? 0,
        country_ids: (r.country_ids as number[]) ?? [],
        chatbot_script_id: m2oId(r.chatbot_script_id),
        chatbot_only_if_no_operator: !!r.chatbot_only_if_no_operator,
      })),
    };
  }

  create(name: string): Promise<number> {
    return this.orm.create(MODELS.livechatChannel, { name });
  }
  rename(id: number, name: string): Promise<boolean> {
    return this.orm.write(MODELS.livechatChannel, [id], { name });
  }

  async saveRule(channelId: number, ruleId: number | null, draft: RuleDraft): Promise<number | boolean> {
    const caps = await this.ruleCapabilities();
    const values: Record<string, unknown> = {
      regex_url: draft.regex_url || false,
      action: draft.action,
      auto_popup_timer: draft.action === "auto_popup" ? draft.auto_popup_timer : 0,
      country_ids: [[6, 0, draft.country_ids]],
      chatbot_script_id: draft.action === "hide_button" ? false : draft.chatbot_script_id,
    };
    if (caps.onlyIfNoOperator) values.chatbot_only_if_no_operator = draft.chatbot_script_id ? draft.chatbot_only_if_no_operator : false;
    if (ruleId) return this.orm.write(MODELS.livechatRule, [ruleId], values);
    return this.orm.create(MODELS.livechatRule, { ...values, channel_id: channelId });
  }

  deleteRule(ruleId: number): Promise<boolean> {
    return this.orm.unlink(MODELS.livechatRule, [ruleId]);
  }

  async options(): Promise<RuleOptions> {
    const [chatbots, countries, caps] = await Promise.all([
      this.orm.searchRead(MODELS.script, [], ["title"], { order: "title, id" }),
      this.orm.searchRead("res.country", [], ["name"], { order: "name" }),
      this.ruleCapabilities(),
    ]);
    return {
      chatbots: chatbots.map((c) => ({ id: c.id as number, name: c.title as string })),
      countries: countries.map((c) => ({ id: c.id as number, name: c.name as string })),
      onlyIfNoOperator: caps.onlyIfNoOperator,
    };
  }
}
