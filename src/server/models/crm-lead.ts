// `crm.lead`: leads, created by Create Lead steps (and visible to salespeople over call_kw).
import { defineModel, fullAccess } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { GROUP } from "../auth/groups.ts";

export const crmLead = defineModel({
  name: "crm.lead",
  description: "Lead/Opportunity",
  order: "priority desc, id desc",
  fields: {
    name: fields.char({ string: "Opportunity", required: true, index: true }),
    active: fields.boolean({ string: "Active", default: true }),
    type: fields.selection(
      [
        ["lead", "Lead"],
        ["opportunity", "Opportunity"],
      ],
      { string: "Type", required: true, default: "lead" },
    ),
    priority: fields.selection(
      [
        ["0", "Low"],
        ["1", "Medium"],
        ["2", "High"],
        ["3", "Very High"],
      ],
      { string: "Priority", default: "0" },
    ),
    email_from: fields.char({ string: "Email" }),
    phone: fields.char({ string: "Phone" }),
    contact_name: fields.char({ string: "Contact Name" }),
    description: fields.html({ string: "Notes" }),
    team_id: fields.many2one("crm.team", { string: "Sales Team", ondelete: "set null" }),
    user_id: fields.many2one("res.users", { string: "Salesperson", ondelete: "set null" }),
    partner_id: fields.many2one("res.partner", { string: "Customer", ondelete: "set null" }),
    source_id: fields.many2one("utm.source", { string: "Source", ondelete: "set null" }),
  },
  access: [{ group: GROUP.salesman, read: true, write: true, create: true }, fullAccess(GROUP.saleManager)],
});
