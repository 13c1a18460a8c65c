// Reads a chatbot script with its steps and answers in the shape the engine works on. It runs
// on every visitor reply, so it reads the tables the model declarations define directly (four
// queries) instead of going through `read`, which would also fetch display names.
import type { Env } from "../orm/env.ts";
import { isColumn } from "../orm/fields.ts";
import { relationTableOf } from "../orm/model.ts";
import type { ChatbotScript, ChatbotScriptAnswer, ChatbotScriptStep } from "../../engine/types.ts";
import type { StepType } from "../../protocol/odoo.ts";

export interface LoadedScript extends ChatbotScript {
  active: boolean;
  operator_partner_id: number | false;
  source_id: number | false;
}

const OPTIONAL_STEP_COLUMNS = ["crm_team_id", "helpdesk_team_id", "phone_check", "phone_default_country"];
const orFalse = (value: unknown): number | false => (value === null || value === undefined ? false : Number(value));

export async function loadScript(env: Env, scriptId: number): Promise<LoadedScript | null> {
  const script = await env.db
    .selectFrom("chatbot_script")
    .select(["id", "title", "active", "operator_partner_id", "source_id"])
    .where("id", "=", scriptId)
    .executeTakeFirst();
  if (!script) return null;
  const stepModel = env.registry.get("chatbot.script.step");
  const optional = OPTIONAL_STEP_COLUMNS.filter((name) => stepModel.fields[name] && isColumn(stepModel.fields[name]!));
  const steps = (await env.db
    .selectFrom("chatbot_script_step")
    .select(["id", "sequence", "step_type", "message", ...optional])
    .where("chatbot_script_id", "=", scriptId)
    .orderBy("sequence")
    .orderBy("id")
    .execute()) as Record<string, unknown>[];
  const stepIds = steps.map((step) => Number(step.id));
  const answers = stepIds.length
    ? await env.db
        .selectFrom("chatbot_script_answer")
        .select(["id", "name", "sequence", "redirect_link", "script_step_id"])
        .where("script_step_id", "in", stepIds)
        .orderBy("sequence")
        .orderBy("id")
        .execute()
    : [];
  const rel = relationTableOf(stepModel, stepModel.fields.triggering_answer_ids!);
  const triggers = stepIds.length
    ? ((await env.db.selectFrom(rel.table).select([rel.column1, rel.column2]).where(rel.column1, "in", stepIds).execute()) as Record<string, unknown>[])
    : [];

  const answersByStep = new Map<number, ChatbotScriptAnswer[]>();
  for (const row of answers) {
    const stepId = Number(row.script_step_id);
    const list = answersByStep.get(stepId) ?? [];
    list.push({ id: Number(row.id), name: String(row.name ?? ""), sequence: Number(row.sequence ?? 0), redirect_link: (row.redirect_link as string | null) || false, script_step_id: stepId });
    answersByStep.set(stepId, list);
  }
  const triggersByStep = new Map<number, number[]>();
  for (const row of triggers) {
    const stepId = Number(row[rel.column1]);
    triggersByStep.set(stepId, [...(triggersByStep.get(stepId) ?? []), Number(row[rel.column2])]);
  }
  const scriptSteps: ChatbotScriptStep[] = steps.map((row) => {
    const id = Number(row.id);
    return {
      id,
      sequence: Number(row.sequence ?? 0),
      step_type: row.step_type as StepType,
      message: (row.message as string | null) || false,
      answer_ids: answersByStep.get(id) ?? [],
      triggering_answer_ids: triggersByStep.get(id) ?? [],
      crm_team_id: orFalse(row.crm_team_id),
      helpdesk_team_id: orFalse(row.helpdesk_team_id),
      phone_check: row.phone_check === true || row.phone_check === 1,
      phone_default_country: (row.phone_default_country as string | null) || false,
    };
  });
  return {
    id: scriptId,
    title: String(script.title ?? ""),
    active: script.active === true || script.active === 1,
    operator_partner_id: orFalse(script.operator_partner_id),
    source_id: orFalse(script.source_id),
    script_step_ids: scriptSteps,
  };
}
