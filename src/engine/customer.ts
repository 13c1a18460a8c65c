// What a lead or ticket is created from (3.10–3.12): the latest email and phone answers, the
// description Odoo 17/18 writes, and the conversation transcript Odoo appends to it.

import { ODOO_TEXTS, formatText } from "../protocol/odoo.ts";
import type { ChatbotScript } from "./types.ts";
import type { ConversationState } from "./conversation.ts";
import { checkPhone } from "./phone.ts";

export interface CustomerValues {
  email: string | null;
  phone: string | null;
  /** HTML, as Odoo writes it. */
  description: string;
}

export interface CustomerOptions {
  /** With it, phone answers of steps with the phone check on are given in E.164. */
  script?: ChatbotScript;
  /** The visitor's country, default for phone steps without their own. */
  phoneDefaultCountry?: string;
}

/** As Odoo escapes text into HTML (markupsafe): quotes as numeric references `&#34;` and `&#39;`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;");
}

/** Latest non-empty answer of each kind (Odoo reads the rows newest first and keeps the first found). */
export function customerValues(state: Pick<ConversationState, "raw_answers">, options: CustomerOptions = {}): CustomerValues {
  let email: string | null = null;
  let phone: string | null = null;
  for (let i = state.raw_answers.length - 1; i >= 0; i--) {
    const answer = state.raw_answers[i]!;
    const text = answer.text.trim();
    if (!text) continue;
    if (answer.step_type === "question_email" && email === null) email = text;
    if (answer.step_type === "question_phone" && phone === null) phone = phoneValue(text, answer.step_id, options);
  }
  let description = "";
  if (email) description += `${escapeHtml(ODOO_TEXTS.contactEmail)}<strong>${escapeHtml(email)}</strong><br>`;
  if (phone) description += `${escapeHtml(ODOO_TEXTS.contactPhone)}<strong>${escapeHtml(phone)}</strong><br>`;
  if (description) description += "<br>";
  return { email, phone, description };
}

function phoneValue(text: string, stepId: number, options: CustomerOptions): string {
  const step = options.script?.script_step_ids.find((s) => s.id === stepId);
  if (!step?.phone_check) return text;
  return checkPhone(text, step.phone_default_country || options.phoneDefaultCountry).e164 ?? text;
}

/** Odoo's `_get_channel_history`: one line per message, "author: plain text", oldest first. */
export function channelHistory(messages: { author_name: string; body: string }[]): string {
  return messages.map((m) => `${escapeHtml(m.author_name)}: ${escapeHtml(m.body)}<br/>`).join("");
}

export function leadName(title: string): string {
  return formatText(ODOO_TEXTS.leadName, title);
}

export function ticketName(title: string): string {
  return formatText(ODOO_TEXTS.ticketName, title);
}
