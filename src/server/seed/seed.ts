// First-start data, as a fresh Odoo with demo data would have it: users admin (Mitchell Admin,
// livechat manager) and operator (Marc Demo, livechat operator), the Welcome Bot (script 1,
// steps 1–9, answers 1–3) and the Lead Generation Bot (script 2), channel 1 "YourWebsite.com"
// with the /contactus rule, the "Sales" CRM team and the "Customer Care" helpdesk team.
import type { Env } from "../orm/env.ts";
import { GROUP } from "../auth/groups.ts";
import { COUNTRIES } from "./countries.ts";
import { leadGenerationBot, welcomeBot } from "../../engine/fixtures/index.ts";
import { sortedSteps } from "../../engine/next-step.ts";
import type { ChatbotScript } from "../../engine/types.ts";

export interface SeedPasswords {
  adminPassword: string;
  operatorPassword: string;
}

/** True when the database has no user yet (first start). */
export async function needsSeed(env: Env): Promise<boolean> {
  const row = await env.db.selectFrom("res_users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst();
  return Number(row?.n ?? 0) === 0;
}

/**
 * Creates a script from the engine's fixture (the single copy of Odoo's sample bots), step by
 * step in sequence order, mapping the fixture's answer ids onto the created ones.
 */
async function createScript(env: Env, script: ChatbotScript): Promise<number> {
  const scriptId = await env.model("chatbot.script").createOne({ title: script.title });
  const answerIds = new Map<number, number>();
  for (const step of sortedSteps(script)) {
    const stepId = await env.model("chatbot.script.step").createOne({
      chatbot_script_id: scriptId,
      sequence: step.sequence,
      step_type: step.step_type,
      message: step.message,
      ...(step.crm_team_id ? { crm_team_id: step.crm_team_id } : {}),
      ...(step.helpdesk_team_id ? { helpdesk_team_id: step.helpdesk_team_id } : {}),
    });
    for (const answer of step.answer_ids) {
      answerIds.set(
        answer.id,
        await env.model("chatbot.script.answer").createOne({ script_step_id: stepId, name: answer.name, sequence: answer.sequence, redirect_link: answer.redirect_link }),
      );
    }
    if (step.triggering_answer_ids.length) {
      await env.model("chatbot.script.step").write([stepId], { triggering_answer_ids: [[6, 0, step.triggering_answer_ids.map((id) => answerIds.get(id)!)]] });
    }
  }
  return scriptId;
}

export async function seed(env: Env, passwords: SeedPasswords): Promise<void> {
  const users = env.model("res.users");
  // uid 1 is the superuser (OdooBot), archived as in Odoo; admin is uid 2 as in Odoo.
  await users.create([{ login: "__system__", name: "OdooBot", active: false, group_xmlids: GROUP.system }]);
  const admin = await users.createOne({
    login: "admin",
    name: "Mitchell Admin",
    password: passwords.adminPassword,
    group_xmlids: [GROUP.system, GROUP.livechatManager, GROUP.saleManager, GROUP.helpdeskManager].join(" "),
  });
  const operator = await users.createOne({
    login: "operator",
    name: "Marc Demo",
    password: passwords.operatorPassword,
    group_xmlids: [GROUP.user, GROUP.livechatUser, GROUP.salesman, GROUP.helpdeskUser].join(" "),
  });
  await env.model("res.country").create(COUNTRIES.map(([code, name]) => ({ code, name })));
  await env.model("crm.team").createOne({ name: "Sales", use_leads: true });
  await env.model("helpdesk.team").createOne({ name: "Customer Care" });

  const welcomeBotId = await createScript(env, welcomeBot());
  await createScript(env, leadGenerationBot());

  await env.model("im_livechat.channel").createOne({
    name: "YourWebsite.com",
    user_ids: [[6, 0, [admin, operator]]],
    rule_ids: [[0, 0, { regex_url: "/contactus", sequence: 5, action: "auto_popup", auto_popup_timer: 2, chatbot_script_id: welcomeBotId }]],
  });
}
