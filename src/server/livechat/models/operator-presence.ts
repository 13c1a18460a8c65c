// When each operator's inbox last said it is online: an operator is online while heartbeats
// come at most 60 s apart. Kept in the database so every process agrees.
import { defineModel } from "../../orm/model.ts";
import { fields } from "../../orm/fields.ts";

export const operatorPresence = defineModel({
  name: "chatbot_bridge.presence",
  description: "Operator Presence",
  recName: "user_id",
  fields: {
    user_id: fields.many2one("res.users", { string: "Operator", required: true, ondelete: "cascade" }),
    last_seen: fields.datetime({ string: "Last Heartbeat" }),
    online: fields.boolean({ string: "Online", default: false }),
  },
  unique: [["user_id"]],
});
