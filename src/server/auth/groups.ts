// Group xml ids used by the access lines and the seed (Odoo's names).
import { GROUPS } from "../../protocol/odoo.ts";

export const GROUP = {
  user: "base.group_user",
  system: "base.group_system",
  livechatUser: GROUPS.livechatUser,
  livechatManager: GROUPS.livechatManager,
  salesman: "sales_team.group_sale_salesman",
  saleManager: "sales_team.group_sale_manager",
  helpdeskUser: "helpdesk.group_helpdesk_user",
  helpdeskManager: "helpdesk.group_helpdesk_manager",
} as const;

/** Groups implied by a group, as Odoo's implied_ids (a manager is also a user). */
export const IMPLIED: Record<string, string[]> = {
  [GROUP.system]: [GROUP.user],
  [GROUP.livechatManager]: [GROUP.livechatUser],
  [GROUP.livechatUser]: [GROUP.user],
  [GROUP.saleManager]: [GROUP.salesman],
  [GROUP.salesman]: [GROUP.user],
  [GROUP.helpdeskManager]: [GROUP.helpdeskUser],
  [GROUP.helpdeskUser]: [GROUP.user],
};

export function withImplied(groups: Iterable<string>): Set<string> {
  const result = new Set<string>();
  const visit = (group: string) => {
    if (result.has(group)) return;
    result.add(group);
    for (const implied of IMPLIED[group] ?? []) visit(implied);
  };
  for (const group of groups) visit(group);
  return result;
}
