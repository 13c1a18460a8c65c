// `im_livechat.channel`: a website live chat channel, its operators and its rules.
import { defineModel, fullAccess, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { GROUP } from "../auth/groups.ts";
import type { Env } from "../orm/env.ts";

export const livechatChannel = defineModel({
  name: "im_livechat.channel",
  description: "Livechat Channel",
  order: "id",
  fields: {
    name: fields.char({ string: "Channel Name", required: true }),
    active: fields.boolean({ string: "Active", default: true }),
    button_text: fields.char({ string: "Text of the Button", default: "Have a Question? Chat with us." }),
    default_message: fields.char({ string: "Welcome Message", default: "How may I help you?" }),
    input_placeholder: fields.char({ string: "Chat Input Placeholder" }),
    header_background_color: fields.char({ string: "Header Background Color", default: "#875A7B" }),
    title_color: fields.char({ string: "Title Color", default: "#FFFFFF" }),
    button_background_color: fields.char({ string: "Button Background Color", default: "#875A7B" }),
    button_text_color: fields.char({ string: "Button Text Color", default: "#FFFFFF" }),
    user_ids: fields.many2many("res.users", {
      string: "Operators",
      relationTable: "im_livechat_channel_im_user",
      column1: "channel_id",
      column2: "user_id",
      // As Odoo: the user creating a channel is its first operator.
      default: (env: Env) => [[6, 0, [env.uid]]],
    }),
    rule_ids: fields.one2many("im_livechat.channel.rule", "channel_id", { string: "Rules" }),
    chatbot_script_count: fields.integer({
      string: "Number of Chatbot",
      store: false,
      compute: async (env, ids) => {
        const rules = await env.model("im_livechat.channel.rule").searchRead([["channel_id", "in", ids], ["chatbot_script_id", "!=", false]], ["channel_id", "chatbot_script_id"]);
        const scripts = new Map<number, Set<number>>(ids.map((id) => [id, new Set()]));
        for (const rule of rules) scripts.get((rule.channel_id as [number])[0])?.add((rule.chatbot_script_id as [number])[0]);
        return new Map(ids.map((id) => [id, scripts.get(id)!.size]));
      },
    }),
  },
  access: [readOnly(GROUP.user), fullAccess(GROUP.livechatManager)],
});
