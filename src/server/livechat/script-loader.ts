// Reads a chatbot script with its steps and answers in the shape the engine works on.
import type { Env } from "../orm/env.ts";
import type { ChatbotScript, ChatbotScriptAnswer, ChatbotScriptStep } from "../../engine/types.ts";
import type { StepType } from "../../protocol/odoo.ts";

const idOf = (value: unknown): number | false => (Array.isArray(value) ? (value[0] as number) : typeof value === "number" ? value : false);

export interface LoadedScript extends ChatbotScript {
  active: boolean;
  operator_partner_id: number | false;
  source_id: number | false;
}

export async function loadScript(env: Env, scriptId: number): Promise<LoadedScript | null> {
  const scripts = env.model("chatbot.script").withActive(false);
  if (!(await scripts.exists([scriptId])).length) return null;
  const [script] = await scripts.read([scriptId], ["title", "active", "operator_partner_id", "source_id"]);
  const steps = env.model("chatbot.script.step");
  const stepFields = ["sequence", "step_type", "message", "triggering_answer_ids", "crm_team_id", "helpdesk_team_id", "phone_check", "phone_default_country"].filter(
    (name) => name in steps.definition.fields,
  );
  const stepRows = await steps.searchRead([["chatbot_script_id", "=", scriptId]], stepFields, { order: "sequence, id" });
  const answerRows = stepRows.length
    ? await env.model("chatbot.script.answer").searchRead([["script_step_id", "in", stepRows.map((s) => s.id)]], ["name", "sequence", "redirect_link", "script_step_id"], {
        order: "sequence, id",
      })
    : [];
  const answersByStep = new Map<number, ChatbotScriptAnswer[]>();
  for (const row of answerRows) {
    const stepId = idOf(row.script_step_id) as number;
    const list = answersByStep.get(stepId) ?? [];
    list.push({ id: row.id, name: String(row.name), sequence: Number(row.sequence ?? 0), redirect_link: (row.redirect_link as string | false) || false, script_step_id: stepId });
    answersByStep.set(stepId, list);
  }
  const scriptSteps: ChatbotScriptStep[] = stepRows.map((row) => ({
    id: row.id,
    sequence: Number(row.sequence ?? 0),
    step_type: row.step_type as StepType,
    message: (row.message as string | false) || false,
    answer_ids: answersByStep.get(row.id) ?? [],
    triggering_answer_ids: (row.triggering_answer_ids as number[] | undefined) ?? [],
    crm_team_id: idOf(row.crm_team_id),
    helpdesk_team_id: idOf(row.helpdesk_team_id),
    phone_check: Boolean(row.phone_check),
    phone_default_country: (row.phone_default_country as string | false | undefined) || false,
  }));
  return {
    id: scriptId,
    title: String(script!.title),
    active: Boolean(script!.active),
    operator_partner_id: idOf(script!.operator_partner_id),
    source_id: idOf(script!.source_id),
    script_step_ids: scriptSteps,
  };
}
