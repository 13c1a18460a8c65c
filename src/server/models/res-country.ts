// `res.country`: the countries rules can target (a short list is seeded).
import { defineModel, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { GROUP } from "../auth/groups.ts";

export const resCountry = defineModel({
  name: "res.country",
  description: "Country",
  order: "name, id",
  fields: {
    name: fields.char({ string: "Country Name", required: true }),
    code: fields.char({ string: "Country Code", help: "The ISO country code in two chars." }),
  },
  unique: [["code"]],
  access: [readOnly(GROUP.user)],
});
