// Script data as the engine sees it: Odoo's models and field names, with the answers of a
// step and the steps of a script embedded (as `read` with the x2many expanded).

import type { StepType } from "../protocol/odoo.ts";

export interface ChatbotScriptAnswer {
  id: number;
  name: string;
  sequence: number;
  redirect_link: string | false;
  script_step_id: number;
}

export interface ChatbotScriptStep {
  id: number;
  sequence: number;
  step_type: StepType;
  message: string | false;
  answer_ids: ChatbotScriptAnswer[];
  /** "Only If": ids of answers of earlier questions. */
  triggering_answer_ids: number[];
  crm_team_id?: number | false;
  helpdesk_team_id?: number | false;
  /** Our addition: validate phone numbers on this step. */
  phone_check?: boolean;
  /** ISO 3166 alpha-2; empty means the visitor's country, else international format required. */
  phone_default_country?: string | false;
}

export interface ChatbotScript {
  id: number;
  title: string;
  active?: boolean;
  operator_partner_id?: number | false;
  script_step_ids: ChatbotScriptStep[];
}
