// `chatbot.script.step`: one step of a script. Sequences are numbered on create as Odoo does
// (engine: assignSequences); writing a step's sequence drops "Only If" answers that are no
// longer before it (engine: cleanTriggeringAnswers).
import { defineModel, fullAccess, readOnly, type Values } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { ODOO_TEXTS, STEP_TYPES, STEP_TYPE_LABELS } from "../../protocol/odoo.ts";
import { assignSequences } from "../../engine/sequence.ts";
import { cleanTriggeringAnswers } from "../../engine/only-if.ts";
import { isForwardOperatorChild } from "../../engine/warnings.ts";
import { loadScript, type LoadedScript } from "../livechat/script-loader.ts";
import { idOf } from "../orm/values.ts";
import { scriptsChanged } from "../livechat/script-cache.ts";
import type { Env } from "../orm/env.ts";
import { GROUP } from "../auth/groups.ts";

/** Step id → its script id. */
async function scriptsOf(env: Env, ids: number[]): Promise<Map<number, number>> {
  const rows = await env.model("chatbot.script.step").read(ids, ["chatbot_script_id"]);
  return new Map(rows.map((row) => [row.id, (row.chatbot_script_id as [number])[0]]));
}

export const chatbotScriptStep = defineModel({
  name: "chatbot.script.step",
  description: "Chatbot Script Step",
  order: "sequence, id",
  recName: "message",
  fields: {
    message: fields.text({ string: "Message", translate: true }),
    sequence: fields.integer({ string: "Sequence" }),
    chatbot_script_id: fields.many2one("chatbot.script", { string: "Chatbot", required: true, ondelete: "cascade" }),
    step_type: fields.selection(
      STEP_TYPES.map((value) => [value, STEP_TYPE_LABELS[value]] as const),
      { string: "Step Type", required: true, default: "text" },
    ),
    answer_ids: fields.one2many("chatbot.script.answer", "script_step_id", { string: "Answers", copy: true }),
    triggering_answer_ids: fields.many2many("chatbot.script.answer", { string: "Only If", help: ODOO_TEXTS.onlyIfHelp, copy: false }),
    is_forward_operator_child: fields.boolean({
      string: "Is Forward Operator Child",
      store: false,
      compute: async (env, ids) => {
        const scriptOf = await scriptsOf(env, ids);
        const result = new Map<number, unknown>();
        for (const scriptId of new Set(scriptOf.values())) {
          const script = await loadScript(env, scriptId);
          for (const [stepId, owner] of scriptOf) if (owner === scriptId) result.set(stepId, script ? isForwardOperatorChild(script, stepId) : false);
        }
        return result;
      },
    }),
    crm_team_id: fields.many2one("crm.team", {
      string: "Sales Team",
      ondelete: "set null",
      help: "Used in combination with 'create_lead' step type in order to automatically assign the created lead/opportunity to the defined team",
    }),
    helpdesk_team_id: fields.many2one("helpdesk.team", { string: "Helpdesk Team", ondelete: "set null" }),
    // Our additions (bridge v1 "Phone check").
    phone_check: fields.boolean({ string: "Check Phone Number", default: false }),
    phone_default_country: fields.char({ string: "Default Phone Country" }),
  },
  hooks: {
    changed: scriptsChanged,
    async create(env, valsList, next) {
      const byScript = new Map<number, Values[]>();
      for (const vals of valsList) {
        const scriptId = typeof vals.chatbot_script_id === "number" ? vals.chatbot_script_id : null;
        if (scriptId === null) continue;
        byScript.set(scriptId, [...(byScript.get(scriptId) ?? []), vals]);
      }
      const prepared = new Map<Values, Values>();
      for (const [scriptId, list] of byScript) {
        const existing = (await env.model("chatbot.script.step").searchRead([["chatbot_script_id", "=", scriptId]], ["sequence"])).map((s) => Number(s.sequence));
        const sequences = assignSequences(existing, list.map((vals) => ("sequence" in vals ? { sequence: Number(vals.sequence || 0) } : {})));
        list.forEach((vals, i) => prepared.set(vals, { ...vals, sequence: sequences[i] }));
      }
      return next(valsList.map((vals) => prepared.get(vals) ?? vals));
    },
    async write(env, ids, vals, next) {
      await next(ids, vals);
      if (!("sequence" in vals)) return;
      const scriptOf = await scriptsOf(env, ids);
      for (const scriptId of new Set(scriptOf.values())) {
        const script = await loadScript(env, scriptId);
        if (!script) continue;
        for (const [stepId, owner] of scriptOf) {
          if (owner !== scriptId) continue;
          const before = script.script_step_ids.find((s) => s.id === stepId)?.triggering_answer_ids ?? [];
          const kept = cleanTriggeringAnswers(script, stepId, await foreignAnswerSequences(env, script, before));
          if (kept.length !== before.length) await env.model("chatbot.script.step").write([stepId], { triggering_answer_ids: [[6, 0, kept]] });
        }
      }
    },
  },
  access: [readOnly(GROUP.livechatUser), fullAccess(GROUP.livechatManager)],
});

/**
 * The step sequence of each answer among `answerIds` that belongs to another script: Odoo's
 * cleanup compares it too, whatever script its question is in.
 */
async function foreignAnswerSequences(env: Env, script: LoadedScript, answerIds: number[]): Promise<Map<number, number>> {
  const own = new Set(script.script_step_ids.flatMap((step) => step.answer_ids.map((answer) => answer.id)));
  const foreign = answerIds.filter((id) => !own.has(id));
  if (!foreign.length) return new Map();
  const answers = await env.model("chatbot.script.answer").read(foreign, ["script_step_id"]);
  const stepIds = answers.map((answer) => idOf(answer.script_step_id)).filter((id): id is number => id !== null);
  const steps = new Map((await env.model("chatbot.script.step").read(stepIds, ["sequence"])).map((step) => [step.id, Number(step.sequence)]));
  const sequences = new Map<number, number>();
  for (const answer of answers) {
    const sequence = steps.get(idOf(answer.script_step_id) ?? 0);
    if (sequence !== undefined) sequences.set(answer.id, sequence);
  }
  return sequences;
}
