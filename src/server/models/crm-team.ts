// `crm.team`: sales teams; a Create Lead step assigns its lead to one.
import { defineModel, fullAccess, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { GROUP } from "../auth/groups.ts";

export const crmTeam = defineModel({
  name: "crm.team",
  description: "Sales Team",
  order: "sequence, name, id",
  fields: {
    name: fields.char({ string: "Sales Team", required: true }),
    sequence: fields.integer({ string: "Sequence", default: 10 }),
    active: fields.boolean({ string: "Active", default: true }),
    use_leads: fields.boolean({ string: "Leads", default: true, help: "Check this box to filter and qualify incoming requests as leads before converting them into opportunities and assigning them to a salesperson." }),
  },
  access: [readOnly(GROUP.user), fullAccess(GROUP.saleManager)],
});
