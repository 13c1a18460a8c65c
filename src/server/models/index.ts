// Every model of the embedded ERP. Add a model: declare it (see ../orm/README.md) and list it
// here, one line each.
import type { ModelDefinition } from "../orm/model.ts";
import { resPartner } from "./res-partner.ts";
import { resCountry } from "./res-country.ts";
import { resUsers } from "./res-users.ts";
import { utmSource } from "./utm-source.ts";
import { crmTeam } from "./crm-team.ts";
import { crmLead } from "./crm-lead.ts";
import { helpdeskTeam } from "./helpdesk-team.ts";
import { helpdeskTicket } from "./helpdesk-ticket.ts";
import { livechatChannel } from "./livechat-channel.ts";
import { livechatChannelRule } from "./livechat-channel-rule.ts";
import { chatbotScript } from "./chatbot-script.ts";
import { chatbotScriptStep } from "./chatbot-script-step.ts";
import { chatbotScriptAnswer } from "./chatbot-script-answer.ts";
import { livechatModels } from "../livechat/models/index.ts";

export const MODEL_DEFINITIONS: ModelDefinition[] = [
  resPartner,
  resCountry,
  resUsers,
  utmSource,
  crmTeam,
  crmLead,
  helpdeskTeam,
  helpdeskTicket,
  livechatChannel,
  livechatChannelRule,
  chatbotScript,
  chatbotScriptStep,
  chatbotScriptAnswer,
  ...livechatModels,
];
