// One row whose value changes (to a fresh random one) whenever a chatbot script, step or answer
// changes, in the same transaction. Every process compares it with the value its cached scripts
// were read at: one indexed read per visitor call instead of reading the whole script.
import { defineModel } from "../../orm/model.ts";
import { fields } from "../../orm/fields.ts";

export const scriptVersion = defineModel({
  name: "chatbot_bridge.script_version",
  description: "Chatbot Scripts Version",
  recName: "key",
  fields: {
    key: fields.char({ string: "Key", required: true }),
    version: fields.char({ string: "Version", required: true }),
  },
  unique: [["key"]],
});
