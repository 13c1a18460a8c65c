// `chatbot.script`: a chatbot. Its bot partner is created (archived) with its title and renamed
// with it; every script owns a UTM source; a copy is titled "<title> (copy)" and gets its
// "Only If" links re-mapped onto its own answers (engine: remapTriggeringAnswers).
import { defineModel, fullAccess, readOnly, type Values } from "../orm/model.ts";
import { idOf } from "../orm/values.ts";
import { fields } from "../orm/fields.ts";
import { missingRecord, validationError } from "../orm/errors.ts";
import type { Env } from "../orm/env.ts";
import { formatText, ODOO_TEXTS } from "../../protocol/odoo.ts";
import { firstStepWarning } from "../../engine/warnings.ts";
import { remapTriggeringAnswers } from "../../engine/duplicate.ts";
import { loadScript } from "../livechat/script-loader.ts";
import { scriptsChanged } from "../livechat/script-cache.ts";
import { GROUP } from "../auth/groups.ts";


/** 18.0's constraint, checked when steps are saved through the script. */
async function checkQuestionsHaveAnswers(env: Env, scriptIds: number[]): Promise<void> {
  const questions = await env.model("chatbot.script.step").search([
    ["chatbot_script_id", "in", scriptIds],
    ["step_type", "=", "question_selection"],
    ["answer_ids", "=", false],
  ]);
  if (questions.length) throw validationError(ODOO_TEXTS.questionWithoutAnswers);
}

/** "<title> (Chatbot Script created on MM/DD/YYYY)", as the UTM mixin names the source. */
function sourceName(title: string): string {
  const now = new Date();
  const date = `${String(now.getUTCMonth() + 1).padStart(2, "0")}/${String(now.getUTCDate()).padStart(2, "0")}/${now.getUTCFullYear()}`;
  return `${title} (Chatbot Script created on ${date})`;
}

async function countBySource(env: Env, model: string, ids: number[]): Promise<Map<number, number>> {
  const scripts = await env.model("chatbot.script").withActive(false).read(ids, ["source_id"]);
  const result = new Map<number, number>();
  for (const script of scripts) {
    const source = idOf(script.source_id);
    result.set(script.id, source ? await env.model(model).withActive(false).searchCount([["source_id", "=", source]]) : 0);
  }
  return result;
}

export const chatbotScript = defineModel({
  name: "chatbot.script",
  description: "Chatbot Script",
  order: "title, id",
  recName: "title",
  fields: {
    title: fields.char({ string: "Title", required: true, default: "Chatbot", translate: true }),
    active: fields.boolean({ string: "Active", default: true }),
    image_1920: fields.image({ string: "Image", related: "operator_partner_id.image_1920", readonly: false }),
    script_step_ids: fields.one2many("chatbot.script.step", "chatbot_script_id", { string: "Script Steps", copy: true }),
    operator_partner_id: fields.many2one("res.partner", { string: "Bot Operator", required: true, ondelete: "restrict", copy: false }),
    source_id: fields.many2one("utm.source", { string: "Source", required: true, ondelete: "restrict", copy: false }),
    name: fields.char({ string: "Name", related: "source_id.name", readonly: false }),
    livechat_channel_count: fields.integer({
      string: "Livechat Channel Count",
      store: false,
      compute: async (env, ids) => {
        const rules = await env.model("im_livechat.channel.rule").searchRead([["chatbot_script_id", "in", ids], ["channel_id", "!=", false]], ["chatbot_script_id", "channel_id"]);
        const channels = new Map<number, Set<number>>(ids.map((id) => [id, new Set()]));
        for (const rule of rules) channels.get(idOf(rule.chatbot_script_id)!)?.add(idOf(rule.channel_id)!);
        return new Map(ids.map((id) => [id, channels.get(id)!.size]));
      },
    }),
    first_step_warning: fields.selection(
      [
        ["first_step_operator", "First Step Operator"],
        ["first_step_invalid", "First Step Invalid"],
      ],
      {
        string: "First Step Warning",
        store: false,
        compute: async (env, ids) => {
          const result = new Map<number, unknown>();
          for (const id of ids) {
            const script = await loadScript(env, id);
            result.set(id, script ? firstStepWarning(script) : false);
          }
          return result;
        },
      },
    ),
    lead_count: fields.integer({ string: "Generated Lead Count", store: false, compute: (env, ids) => countBySource(env, "crm.lead", ids) }),
    ticket_count: fields.integer({ string: "Generated Ticket Count", store: false, compute: (env, ids) => countBySource(env, "helpdesk.ticket", ids) }),
  },
  hooks: {
    changed: scriptsChanged,
    async create(env, valsList, next) {
      const prepared: Values[] = [];
      for (const vals of valsList) {
        const { image_1920: image, name, ...rest } = vals;
        if (!rest.operator_partner_id && "title" in rest) {
          rest.operator_partner_id = await env.model("res.partner").createOne({ name: rest.title, image_1920: image ?? false, active: false });
        }
        if (!rest.source_id) rest.source_id = await env.model("utm.source").createOne({ name: (name as string) || sourceName(String(rest.title || "Chatbot")) });
        prepared.push(rest);
      }
      const ids = await next(prepared);
      const withSteps = ids.filter((_, i) => "script_step_ids" in prepared[i]!);
      if (withSteps.length) await checkQuestionsHaveAnswers(env, withSteps);
      return ids;
    },
    async write(env, ids, vals, next) {
      await next(ids, vals);
      if ("title" in vals) {
        const scripts = await env.model("chatbot.script").withActive(false).read(ids, ["operator_partner_id"]);
        const partners = scripts.map((s) => idOf(s.operator_partner_id)).filter((id): id is number => id !== null);
        if (partners.length) await env.model("res.partner").write(partners, { name: vals.title });
      }
      if ("script_step_ids" in vals) await checkQuestionsHaveAnswers(env, ids);
    },
    async copy(env, id, defaults, next) {
      const [original] = await env.model("chatbot.script").withActive(false).read([id], ["title"]);
      if (!original) throw missingRecord("chatbot.script", [id], env.uid);
      // As Odoo 18.0: the copy is titled "<title> (copy)" even when a default title is given.
      const copyId = await next(id, { ...defaults, title: formatText(ODOO_TEXTS.copySuffix, String(original.title)) });
      const [before, after] = [await loadScript(env, id), await loadScript(env, copyId)];
      if (before && after) {
        const steps = env.model("chatbot.script.step");
        for (const [stepId, answerIds] of remapTriggeringAnswers(before, after)) {
          if (answerIds.length) await steps.write([stepId], { triggering_answer_ids: [[6, 0, answerIds]] });
        }
      }
      return copyId;
    },
  },
  methods: {
    action_test_script: {
      access: "read",
      async run(_env, args) {
        const ids = args[0] as number[] | number;
        const id = Array.isArray(ids) ? ids[0] : ids;
        return { type: "ir.actions.act_url", url: `/chatbot/${id}/test`, target: "self" };
      },
    },
  },
  access: [readOnly(GROUP.livechatUser), fullAccess(GROUP.livechatManager)],
});
