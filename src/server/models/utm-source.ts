// `utm.source`: where a lead or ticket came from; every chatbot owns one.
import { defineModel } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { GROUP } from "../auth/groups.ts";

export const utmSource = defineModel({
  name: "utm.source",
  description: "Source",
  order: "name, id",
  fields: {
    name: fields.char({ string: "Source Name", required: true }),
  },
  access: [{ group: GROUP.user, read: true, write: true, create: true, unlink: true }],
});
