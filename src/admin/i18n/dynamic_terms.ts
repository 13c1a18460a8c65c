// Texts the app translates through a variable (`_t(label)`), which no source scan can see:
// listed here so the catalogs carry them.
import { ODOO_TEXTS, RULE_ACTION_LABELS, STEP_TYPE_LABELS } from "../../protocol/odoo.ts";
import { DISCARD_QUESTION } from "../chatbots/discard_question.ts";

export const DYNAMIC_TERMS: string[] = [
  ...Object.values(STEP_TYPE_LABELS),
  ...Object.values(RULE_ACTION_LABELS),
  ODOO_TEXTS.questionWithoutAnswers,
  ODOO_TEXTS.redirectLinkHelp,
  DISCARD_QUESTION,
];
