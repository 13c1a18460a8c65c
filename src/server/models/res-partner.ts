// `res.partner`: contacts, including the chatbots' bot partners (created archived).
import { defineModel, fullAccess, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { validationError } from "../orm/errors.ts";
import { GROUP } from "../auth/groups.ts";

/** Odoo's SQL constraint on contacts, as its error handler words it. */
const CONTACT_NAME_REQUIRED = "The operation cannot be completed: Contacts require a name";

export const resPartner = defineModel({
  name: "res.partner",
  description: "Contact",
  order: "name, id",
  fields: {
    name: fields.char({ string: "Name", index: true }),
    active: fields.boolean({ string: "Active", default: true }),
    email: fields.char({ string: "Email" }),
    phone: fields.char({ string: "Phone" }),
    mobile: fields.char({ string: "Mobile" }),
    is_company: fields.boolean({ string: "Is a Company", default: false }),
    country_id: fields.many2one("res.country", { string: "Country", ondelete: "restrict" }),
    image_1920: fields.image({ string: "Image" }),
    comment: fields.html({ string: "Notes" }),
  },
  hooks: {
    async create(_env, valsList, next) {
      // Odoo's constraint on contacts (individuals need a name).
      for (const vals of valsList) if (!vals.name) throw validationError(CONTACT_NAME_REQUIRED);
      return next(valsList);
    },
    async write(_env, ids, vals, next) {
      if ("name" in vals && !vals.name) throw validationError(CONTACT_NAME_REQUIRED);
      return next(ids, vals);
    },
  },
  access: [{ group: GROUP.user, read: true, write: true, create: true }, fullAccess(GROUP.system), readOnly(GROUP.livechatUser)],
});
