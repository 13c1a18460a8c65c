// Odoo names used by every layer: models, selections, labels and the user-visible texts
// that Odoo's chatbot produces. Compatibility means these strings, to the letter.

export const MODELS = {
  users: "res.users",
  partner: "res.partner",
  livechatChannel: "im_livechat.channel",
  livechatRule: "im_livechat.channel.rule",
  script: "chatbot.script",
  step: "chatbot.script.step",
  answer: "chatbot.script.answer",
  chatbotMessage: "chatbot.message",
  discussChannel: "discuss.channel",
  mailMessage: "mail.message",
  crmTeam: "crm.team",
  lead: "crm.lead",
  helpdeskTeam: "helpdesk.team",
  ticket: "helpdesk.ticket",
  utmSource: "utm.source",
} as const;

export type ModelName = (typeof MODELS)[keyof typeof MODELS];

/** `chatbot.script.step.step_type`, in Odoo's selection order. */
export const STEP_TYPES = [
  "text",
  "question_selection",
  "question_email",
  "question_phone",
  "forward_operator",
  "free_input_single",
  "free_input_multi",
  "create_lead",
  "create_ticket",
] as const;

export type StepType = (typeof STEP_TYPES)[number];

export const STEP_TYPE_LABELS: Record<StepType, string> = {
  text: "Text",
  question_selection: "Question",
  question_email: "Email",
  question_phone: "Phone",
  forward_operator: "Forward to Operator",
  free_input_single: "Free Input",
  free_input_multi: "Free Input (Multi-Line)",
  create_lead: "Create Lead",
  create_ticket: "Create Ticket",
};

/** Step types that wait for the visitor (Odoo's list in `first_step_warning`). */
export const INPUT_STEP_TYPES: readonly StepType[] = [
  "question_selection",
  "question_email",
  "question_phone",
  "free_input_single",
  "free_input_multi",
];

/** `im_livechat.channel.rule.action` selection. */
export const RULE_ACTIONS = ["display_button", "display_button_and_text", "auto_popup", "hide_button"] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];
export const RULE_ACTION_LABELS: Record<RuleAction, string> = {
  display_button: "Show",
  display_button_and_text: "Show with notification",
  auto_popup: "Open automatically",
  hide_button: "Hide",
};

/** `chatbot.script.first_step_warning` selection. */
export type FirstStepWarning = "first_step_operator" | "first_step_invalid" | false;

/** Texts Odoo shows or posts; the `%s` places are filled by `formatText`. */
export const ODOO_TEXTS = {
  invalidEmailRetry: "'%s' does not look like a valid email. Can you please try again?",
  invalidEmailError: '"%s" is not a valid email.',
  restarting: "Restarting conversation...",
  operatorJoined: "%s has joined",
  operatorLeft: "%s left the conversation",
  conversationEnded: "Conversation ended...",
  restartConversation: "Restart Conversation",
  leadName: "%s's New Lead",
  ticketName: "%s's Ticket",
  copySuffix: "%s (copy)",
  contactEmail: "Please contact me on: ",
  contactPhone: "Please call me on: ",
  firstStepTip:
    "Tip: At least one interaction (Question, Email, ...) is needed before the Bot can perform more complex actions (Forward to an Operator, ...). ",
  firstStepOperatorHint: "Use Channel Rules if you want the Bot to interact with visitors only when no operator is available.",
  forwardChildReminder: "Reminder: This step will only be played if no operator is available.",
  forwardStepTip: "Tip: Plan further steps for the Bot in case no operator is available.",
  questionWithoutAnswers: "Step of type 'Question' must have answers.",
  onlyIfHelp: "Show this step only if all of these answers have been selected.",
  redirectLinkHelp:
    "The visitor will be redirected to this link upon clicking the option (note that the script will end if the link is external to the livechat website).",
} as const;

/** Our addition, in Odoo's wording style. */
export const BRIDGE_TEXTS = {
  invalidPhoneRetry: "'%s' does not look like a valid phone number. Can you please try again?",
} as const;

/** Replace each `%s` in order. */
export function formatText(template: string, ...values: string[]): string {
  let index = 0;
  return template.replace(/%s/g, () => values[index++] ?? "");
}

/** Odoo exception names carried in `error.data.name`. */
export const ODOO_ERRORS = {
  validation: "odoo.exceptions.ValidationError",
  access: "odoo.exceptions.AccessError",
  missing: "odoo.exceptions.MissingError",
  user: "odoo.exceptions.UserError",
  accessDenied: "odoo.exceptions.AccessDenied",
  sessionExpired: "odoo.http.SessionExpiredException",
  notFound: "werkzeug.exceptions.NotFound",
} as const;

/** Groups as Odoo names them; the embedded ERP uses the same xml ids. */
export const GROUPS = {
  livechatUser: "im_livechat.im_livechat_group_user",
  livechatManager: "im_livechat.im_livechat_group_manager",
} as const;
