// `helpdesk.team`: helpdesk teams; a Create Ticket step assigns its ticket to one.
import { defineModel, fullAccess, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { GROUP } from "../auth/groups.ts";

export const helpdeskTeam = defineModel({
  name: "helpdesk.team",
  description: "Helpdesk Team",
  order: "sequence, id",
  fields: {
    name: fields.char({ string: "Helpdesk Team", required: true }),
    sequence: fields.integer({ string: "Sequence", default: 10 }),
    active: fields.boolean({ string: "Active", default: true }),
  },
  access: [readOnly(GROUP.user), fullAccess(GROUP.helpdeskManager)],
});
