// Create Lead and Create Ticket steps (behaviour reference 3.10–3.12), written through the
// model layer like any other record: Odoo's names, values and description.
import { channelHistory, customerValues, leadName, ticketName, type ConversationState } from "../../engine/index.ts";
import type { Env } from "../orm/env.ts";
import type { LoadedScript } from "./script-loader.ts";
import { readMessages } from "./conversation-store.ts";

interface Source {
  conversationId: number;
  script: LoadedScript;
  state: ConversationState;
  countryCode: string | null;
}

async function description(env: Env, source: Source, customerDescription: string): Promise<string> {
  const messages = await readMessages(env, source.conversationId);
  return customerDescription + channelHistory(messages.map((m) => ({ author_name: m.author_name, body: m.body })));
}

function customer(source: Source) {
  return customerValues(source.state, { script: source.script, phoneDefaultCountry: source.countryCode ?? undefined });
}

export async function createLead(env: Env, source: Source, teamId: number | false): Promise<number> {
  const values = customer(source);
  let type = "opportunity"; // Odoo 17/18: 'lead' only when the team uses leads (no team: opportunity)
  if (teamId) {
    const [team] = await env.model("crm.team").read([teamId], ["use_leads"]);
    if (team?.use_leads) type = "lead";
  }
  return env.model("crm.lead").createOne({
    name: leadName(source.script.title),
    email_from: values.email ?? false,
    phone: values.phone ?? false,
    description: await description(env, source, values.description),
    team_id: teamId || false,
    user_id: false,
    source_id: source.script.source_id || false,
    type,
  });
}

export async function createTicket(env: Env, source: Source, teamId: number | false): Promise<number> {
  const values = customer(source);
  // A public visitor gets a new partner named after the email (Odoo's create_partner=True).
  const partnerId = values.email ? await env.model("res.partner").createOne({ name: values.email, email: values.email, phone: values.phone ?? false }) : false;
  const fields = env.model("helpdesk.ticket").definition.fields;
  return env.model("helpdesk.ticket").createOne({
    name: ticketName(source.script.title),
    partner_id: partnerId,
    description: await description(env, source, values.description),
    team_id: teamId || false,
    ...("partner_email" in fields ? { partner_name: values.email ?? false, partner_email: values.email ?? false, partner_phone: values.phone ?? false } : {}),
    ...("source_id" in fields ? { source_id: source.script.source_id || false } : {}),
    ...("channel_id" in fields ? { channel_id: source.conversationId } : {}),
  });
}
