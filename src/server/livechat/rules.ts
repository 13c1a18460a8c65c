// Which rule of a livechat channel serves a page, as Odoo 18.0: rules for the visitor's
// country first, then rules without country, each group in sequence order; the first rule
// whose regex is found in the URL wins, skipping rules whose chatbot cannot serve (inactive,
// no steps, or "Enabled only if no operator" while an operator is available).
import type { Env } from "../orm/env.ts";
import { idOf } from "../orm/values.ts";
import { urlRegexFound } from "../models/url-regex.ts";
import type { RuleAction } from "../../protocol/odoo.ts";

export interface MatchedRule {
  id: number;
  action: RuleAction;
  auto_popup_timer: number;
  chatbot_script_id: number | null;
}


async function countryIdOf(env: Env, code: string | undefined): Promise<number | null> {
  if (!code || !env.registry.has("res.country")) return null;
  const [id] = await env.model("res.country").search([["code", "=", code.toUpperCase()]], { limit: 1 });
  return id ?? null;
}

/** Scripts among `ids` that can serve: active and with at least one step. */
async function servingScripts(env: Env, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const active = await env.model("chatbot.script").search([["id", "in", ids]]);
  if (!active.length) return new Set();
  const steps = await env.model("chatbot.script.step").searchRead([["chatbot_script_id", "in", active]], ["chatbot_script_id"]);
  return new Set(steps.map((row) => idOf(row.chatbot_script_id)!));
}

export async function matchRule(env: Env, livechatChannelId: number, url: string, countryCode: string | undefined, operatorAvailable: boolean): Promise<MatchedRule | null> {
  const rules = env.model("im_livechat.channel.rule");
  const hasCountries = "country_ids" in rules.definition.fields;
  const fieldNames = ["regex_url", "action", "auto_popup_timer", "chatbot_script_id", "chatbot_only_if_no_operator", "sequence", ...(hasCountries ? ["country_ids"] : [])];
  const rows = await rules.searchRead([["channel_id", "=", livechatChannelId]], fieldNames, { order: "sequence, id" });
  const countryId = hasCountries ? await countryIdOf(env, countryCode) : null;
  const countries = (row: Record<string, unknown>) => (row.country_ids as number[] | undefined) ?? [];
  const ordered = [...(countryId ? rows.filter((row) => countries(row).includes(countryId)) : []), ...rows.filter((row) => countries(row).length === 0)];
  const serving = await servingScripts(env, [...new Set(ordered.map((row) => idOf(row.chatbot_script_id)).filter((id): id is number => id !== null))]);
  for (const row of ordered) {
    if (!urlRegexFound(String(row.regex_url || ""), url)) continue;
    const scriptId = idOf(row.chatbot_script_id);
    if (scriptId !== null && (!serving.has(scriptId) || (row.chatbot_only_if_no_operator && operatorAvailable))) continue;
    return { id: row.id, action: row.action as RuleAction, auto_popup_timer: Number(row.auto_popup_timer ?? 0), chatbot_script_id: scriptId };
  }
  return null;
}
