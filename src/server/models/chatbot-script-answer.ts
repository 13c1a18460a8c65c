// `chatbot.script.answer`: an answer of a question step. Its display name is
// "<step message shortened>: <name>" (engine: answerDisplayName), or the name alone with the
// context key `chatbot_script_answer_display_short_name`; name_search matches the name or the
// step's message, within `force_domain_chatbot_script_id` when the context gives it.
import { defineModel, fullAccess, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { andDomains, type Domain } from "../orm/domain.ts";
import { ODOO_TEXTS } from "../../protocol/odoo.ts";
import { answerDisplayName } from "../../engine/answer-display.ts";
import { GROUP } from "../auth/groups.ts";
import { scriptsChanged } from "../livechat/script-cache.ts";

export const chatbotScriptAnswer = defineModel({
  name: "chatbot.script.answer",
  description: "Chatbot Script Answer",
  order: "script_step_id, sequence, id",
  fields: {
    name: fields.char({ string: "Answer", required: true, translate: true }),
    sequence: fields.integer({ string: "Sequence", default: 1 }),
    redirect_link: fields.char({ string: "Redirect Link", help: ODOO_TEXTS.redirectLinkHelp }),
    script_step_id: fields.many2one("chatbot.script.step", { string: "Script Step", required: true, ondelete: "cascade" }),
    chatbot_script_id: fields.many2one("chatbot.script", { string: "Chatbot", related: "script_step_id.chatbot_script_id" }),
  },
  hooks: { changed: scriptsChanged },
  async displayName(env, ids) {
    const rows = await env.model("chatbot.script.answer").read(ids, ["name", "script_step_id"]);
    const short = Boolean(env.context.chatbot_script_answer_display_short_name);
    const stepIds = [...new Set(rows.map((row) => (row.script_step_id as [number] | false) && (row.script_step_id as [number])[0]).filter(Boolean))] as number[];
    const messages = new Map<number, string | false>();
    if (!short && stepIds.length) {
      for (const step of await env.model("chatbot.script.step").read(stepIds, ["message"])) messages.set(step.id, step.message as string | false);
    }
    return new Map(
      rows.map((row) => {
        const step = row.script_step_id as [number] | false;
        const name = String(row.name);
        return [row.id, short || !step ? name : answerDisplayName(messages.get(step[0]) ?? false, name)];
      }),
    );
  },
  nameSearchDomain(env, name, operator) {
    const byText: Domain = ["|", ["name", operator, name], ["script_step_id.message", operator, name]];
    const scriptId = env.context.force_domain_chatbot_script_id;
    return typeof scriptId === "number" ? andDomains(byText, [["chatbot_script_id", "=", scriptId]]) : byText;
  },
  access: [readOnly(GROUP.livechatUser), fullAccess(GROUP.livechatManager)],
});
