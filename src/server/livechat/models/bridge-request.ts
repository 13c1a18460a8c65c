// The first result of each retryable bridge call, keyed by (token, client id), so a retried
// call returns it and changes nothing.
import { defineModel } from "../../orm/model.ts";
import { fields } from "../../orm/fields.ts";

export const bridgeRequest = defineModel({
  name: "chatbot_bridge.request",
  description: "Bridge Request",
  recName: "client_key",
  fields: {
    token: fields.char({ string: "Scope", required: true }),
    client_key: fields.char({ string: "Client Key", required: true }),
    result: fields.text({ string: "Result", required: true }),
  },
  unique: [["token", "client_key"]],
});
