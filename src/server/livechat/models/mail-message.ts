// `mail.message`, the subset a live chat needs. Bodies are stored as the author gave them and
// served as plain text; `bridge_author_kind` says who spoke in bridge terms.
import { sql, type SqlBool } from "kysely";
import { defineModel, fullAccess, readOnly } from "../../orm/model.ts";
import { ownConversation } from "./discuss-channel.ts";
import { GROUP } from "../../auth/groups.ts";
import { fields } from "../../orm/fields.ts";

export const MESSAGE_TYPES = [
  ["email", "Email"],
  ["comment", "Comment"],
  ["notification", "System notification"],
] as const;

export const AUTHOR_KINDS = [
  ["bot", "Bot"],
  ["visitor", "Visitor"],
  ["operator", "Operator"],
  ["system", "System"],
] as const;

export const mailMessage = defineModel({
  name: "mail.message",
  description: "Message",
  order: "id desc",
  recName: "body",
  fields: {
    model: fields.char({ string: "Related Document Model" }),
    res_id: fields.integer({ string: "Related Document ID" }),
    body: fields.text({ string: "Contents", default: "" }),
    author_id: fields.many2one("res.partner", { string: "Author", ondelete: "set null" }),
    message_type: fields.selection(MESSAGE_TYPES, { string: "Type", required: true, default: "comment" }),
    date: fields.datetime({ string: "Date" }),
    bridge_author_kind: fields.selection(AUTHOR_KINDS, { string: "Author Kind" }),
    bridge_author_name: fields.char({ string: "Author Name" }),
    bridge_step_id: fields.many2one("chatbot.script.step", { string: "Chatbot Step", ondelete: "set null", index: false }),
    bridge_answer_id: fields.many2one("chatbot.script.answer", { string: "Chatbot Answer", ondelete: "set null", index: false }),
  },
  // Every message is written once and read by its conversation: (model, res_id) finds a
  // conversation's messages, and its newest one, in the index alone, as Odoo's index of the same
  // name does. Other columns are left unindexed but author_id: each index is one more page
  // written per message.
  indexes: [["model", "res_id"]],
  // Operators read conversations; managers manage them (the bridge routes act for visitors).
  access: [readOnly(GROUP.livechatUser), fullAccess(GROUP.livechatManager)],
  // As Odoo: a message is readable with its document; an operator reads their own conversations.
  rules: [
    { group: GROUP.livechatUser, where: (env, alias) => sql<SqlBool>`(${sql.ref(`${alias}.model`)} <> 'discuss.channel' or ${ownConversation(env, sql.ref(`${alias}.res_id`))})` },
    { group: GROUP.livechatManager },
  ],
});
