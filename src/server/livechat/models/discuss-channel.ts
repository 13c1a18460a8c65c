// `discuss.channel` as a live chat conversation: Odoo's fields, plus the bridge's own (token,
// conversation state as the engine keeps it, test flag, language).
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { defineModel, fullAccess, readOnly } from "../../orm/model.ts";
import type { Env } from "../../orm/env.ts";
import { GROUP } from "../../auth/groups.ts";
import { fields } from "../../orm/fields.ts";

export const CHANNEL_TYPES = [
  ["chat", "Chat"],
  ["channel", "Channel"],
  ["group", "Group"],
  ["livechat", "Livechat Conversation"],
] as const;

export const BRIDGE_STATES = [
  ["bot", "Bot"],
  ["operator", "Operator"],
  ["ended", "Ended"],
] as const;

export const discussChannel = defineModel({
  name: "discuss.channel",
  description: "Discussion Channel",
  order: "id desc",
  fields: {
    name: fields.char({ string: "Name", required: true }),
    channel_type: fields.selection(CHANNEL_TYPES, { string: "Channel Type", required: true, default: "channel" }),
    livechat_channel_id: fields.many2one("im_livechat.channel", { string: "Channel", ondelete: "set null", index: true }),
    livechat_operator_id: fields.many2one("res.partner", { string: "Operator", ondelete: "set null" }),
    anonymous_name: fields.char({ string: "Anonymous Name" }),
    country_id: fields.many2one("res.country", { string: "Country", ondelete: "set null" }),
    livechat_active: fields.boolean({ string: "Is livechat ongoing?", default: false }),
    // Rewritten at every step and never searched: an index would be rewritten with it.
    chatbot_current_step_id: fields.many2one("chatbot.script.step", { string: "Chatbot Current Step", ondelete: "set null", index: false }),
    chatbot_message_ids: fields.one2many("chatbot.message", "discuss_channel_id", { string: "Chatbot Messages" }),
    // Bridge v1: the visitor is its token (a credential: only administrators see it over RPC);
    // the engine's ConversationState is kept as JSON.
    chatbot_script_id: fields.many2one("chatbot.script", { string: "Chatbot", ondelete: "set null" }),
    bridge_token: fields.char({ string: "Visitor Token", index: true, copy: false, groups: GROUP.system }),
    bridge_state: fields.selection(BRIDGE_STATES, { string: "Conversation State", default: "bot" }),
    bridge_closed: fields.boolean({ string: "Closed", default: false }),
    bridge_engine_state: fields.text({ string: "Script State", groups: GROUP.system }),
    bridge_is_test: fields.boolean({ string: "Test Conversation", default: false }),
    // open_test with operator_available: a forward hands over to the test operator.
    bridge_test_operator: fields.boolean({ string: "Test Operator Available", default: false }),
    bridge_lang: fields.char({ string: "Language" }),
    bridge_country_code: fields.char({ string: "Country Code" }),
    bridge_visitor_name: fields.char({ string: "Visitor Name" }),
    bridge_operator_user_id: fields.many2one("res.users", { string: "Operator User", ondelete: "set null", index: true }),
    bridge_operator_name: fields.char({ string: "Operator Name" }),
  },
  unique: [["bridge_token"]],
  // Operators read conversations; managers manage them (the bridge routes act for visitors).
  access: [readOnly(GROUP.livechatUser), fullAccess(GROUP.livechatManager)],
  // An operator sees the conversations they were given; managers see all of them.
  rules: [{ group: GROUP.livechatUser, where: (env, alias) => ownConversation(env, sql.ref(`${alias}.id`)) }, { group: GROUP.livechatManager }],
});

/** The conversation `channelId` (an SQL expression) is one the caller is the operator of. */
export function ownConversation(env: Env, channelId: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from discuss_channel as own where own.id = ${channelId} and own.bridge_operator_user_id = ${env.uid})`;
}
