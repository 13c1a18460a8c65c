// `im_livechat.channel.rule`: which pages show the live chat, how, and with which chatbot.
import { defineModel, fullAccess, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { RULE_ACTIONS, RULE_ACTION_LABELS } from "../../protocol/odoo.ts";
import { GROUP } from "../auth/groups.ts";
import { validationError } from "../orm/errors.ts";
import type { Values } from "../orm/model.ts";
import { urlRegexProblem } from "./url-regex.ts";

/** A rule's URL regex must run on the linear-time engine: refused at save, naming it. */
function checkUrlRegex(vals: Values): void {
  const pattern = vals.regex_url;
  if (typeof pattern !== "string" || !pattern) return;
  const problem = urlRegexProblem(pattern);
  if (problem) {
    throw validationError(`The URL regex "${pattern}" of a channel rule cannot be used: ${problem}. Backreferences and lookaround are not supported, so that matching a page never stalls the server.`);
  }
}

export const livechatChannelRule = defineModel({
  name: "im_livechat.channel.rule",
  description: "Livechat Channel Rules",
  order: "sequence asc, id",
  fields: {
    regex_url: fields.char({ string: "URL Regex", help: "Regular expression specifying the web pages this rule will be applied on." }),
    action: fields.selection(
      RULE_ACTIONS.map((value) => [value, RULE_ACTION_LABELS[value]] as const),
      { string: "Live Chat Button", required: true, default: "display_button" },
    ),
    auto_popup_timer: fields.integer({ string: "Open automatically timer", default: 0, help: "Delay (in seconds) to automatically open the conversation window. Note: the selected action must be 'Open automatically' otherwise this parameter will not be taken into account." }),
    chatbot_script_id: fields.many2one("chatbot.script", { string: "Chatbot", ondelete: "set null" }),
    chatbot_only_if_no_operator: fields.boolean({ string: "Enabled only if no operator", help: "Enable the bot only if there is no operator available" }),
    channel_id: fields.many2one("im_livechat.channel", { string: "Channel", help: "The channel of the rule" }),
    country_ids: fields.many2many("res.country", { string: "Country", relationTable: "im_livechat_channel_country_rel", column1: "channel_id", column2: "country_id" }),
    sequence: fields.integer({ string: "Matching order", default: 10, help: "Given the order to find a matching rule. If 2 rules are matching for the given url/country, the one with the lowest sequence will be chosen." }),
  },
  hooks: {
    create(_env, valsList, next) {
      valsList.forEach(checkUrlRegex);
      return next(valsList);
    },
    write(_env, ids, vals, next) {
      checkUrlRegex(vals);
      return next(ids, vals);
    },
  },
  access: [readOnly(GROUP.user), fullAccess(GROUP.livechatManager)],
});
