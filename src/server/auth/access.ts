// Access rights over RPC, as Odoo's ir.model.access: the groups of a model's access lines
// (declared with the model) may do the listed operations; administrators may do everything.
import type { ModelDefinition, Operation } from "../orm/model.ts";
import { accessError } from "../orm/errors.ts";
import { GROUP } from "./groups.ts";

const GROUP_LABELS: Record<string, string> = {
  [GROUP.user]: "User types/Internal User",
  [GROUP.system]: "Administration/Settings",
  [GROUP.livechatUser]: "Live Chat/User",
  [GROUP.livechatManager]: "Live Chat/Administrator",
  [GROUP.salesman]: "Sales/User: Own Documents Only",
  [GROUP.saleManager]: "Sales/Administrator",
  [GROUP.helpdeskUser]: "Helpdesk/User",
  [GROUP.helpdeskManager]: "Helpdesk/Administrator",
};

const VERBS: Record<Operation, string> = { read: "access", write: "modify", create: "create", unlink: "delete" };

export function allowed(model: ModelDefinition, operation: Operation, groups: ReadonlySet<string>): boolean {
  if (groups.has(GROUP.system)) return true;
  return (model.access ?? []).some((line) => groups.has(line.group) && line[operation] === true);
}

export function checkAccess(model: ModelDefinition, operation: Operation, groups: ReadonlySet<string>): void {
  if (allowed(model, operation, groups)) return;
  const granted = (model.access ?? []).filter((line) => line[operation]).map((line) => `\t- ${GROUP_LABELS[line.group] ?? line.group}`);
  const groupsText = granted.length ? `\n\nThis operation is allowed for the following groups:\n${granted.join("\n")}` : "\n\nNo group currently allows this operation.";
  throw accessError(
    `You are not allowed to ${VERBS[operation]} '${model.description}' (${model.name}) records.${groupsText}\n\nContact your administrator to request access if necessary.`,
  );
}
