// `chatbot.message`: links each message posted while a script runs to its step, and keeps the
// visitor's answers (Odoo's fields; newest first).
import { sql } from "kysely";
import { defineModel, fullAccess, readOnly } from "../../orm/model.ts";
import { ownConversation } from "./discuss-channel.ts";
import { GROUP } from "../../auth/groups.ts";
import { fields } from "../../orm/fields.ts";

export const chatbotMessage = defineModel({
  name: "chatbot.message",
  description: "Chatbot Message",
  order: "create_date desc, id desc",
  recName: "discuss_channel_id",
  fields: {
    mail_message_id: fields.many2one("mail.message", { string: "Related Mail Message", required: true, ondelete: "cascade" }),
    discuss_channel_id: fields.many2one("discuss.channel", { string: "Discussion Channel", required: true, ondelete: "cascade", index: true }),
    // Read by conversation only; a step or answer deleted by an admin scans instead.
    script_step_id: fields.many2one("chatbot.script.step", { string: "Chatbot Step", required: true, ondelete: "cascade", index: false }),
    user_script_answer_id: fields.many2one("chatbot.script.answer", { string: "User's answer", ondelete: "set null", index: false }),
    user_raw_answer: fields.html({ string: "User's raw answer" }),
  },
  unique: [["mail_message_id"]],
  // Operators read conversations; managers manage them (the bridge routes act for visitors).
  access: [readOnly(GROUP.livechatUser), fullAccess(GROUP.livechatManager)],
  rules: [{ group: GROUP.livechatUser, where: (env, alias) => ownConversation(env, sql.ref(`${alias}.discuss_channel_id`)) }, { group: GROUP.livechatManager }],
});
