// `helpdesk.ticket`: tickets, created by Create Ticket steps.
import { defineModel, fullAccess } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { GROUP } from "../auth/groups.ts";

export const helpdeskTicket = defineModel({
  name: "helpdesk.ticket",
  description: "Helpdesk Ticket",
  order: "priority desc, id desc",
  fields: {
    name: fields.char({ string: "Subject", required: true, index: true }),
    active: fields.boolean({ string: "Active", default: true }),
    priority: fields.selection(
      [
        ["0", "Low priority"],
        ["1", "Medium priority"],
        ["2", "High priority"],
        ["3", "Urgent"],
      ],
      { string: "Priority", default: "0" },
    ),
    description: fields.html({ string: "Description" }),
    team_id: fields.many2one("helpdesk.team", { string: "Helpdesk Team", ondelete: "set null", index: true }),
    user_id: fields.many2one("res.users", { string: "Assigned to", ondelete: "set null" }),
    partner_id: fields.many2one("res.partner", { string: "Customer", ondelete: "set null" }),
    partner_name: fields.char({ string: "Customer Name" }),
    partner_email: fields.char({ string: "Customer Email" }),
    partner_phone: fields.char({ string: "Customer Phone" }),
    source_id: fields.many2one("utm.source", { string: "Source", ondelete: "set null" }),
    // Odoo 18 (website_helpdesk_livechat): the live chat conversation the ticket came from.
    channel_id: fields.many2one("discuss.channel", { string: "Live Chat Session", ondelete: "set null" }),
  },
  access: [{ group: GROUP.helpdeskUser, read: true, write: true, create: true }, fullAccess(GROUP.helpdeskManager)],
});
