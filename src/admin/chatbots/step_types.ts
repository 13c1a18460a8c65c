// What each step type does, in one line, for the step dialog.
import type { StepType } from "../../protocol/odoo.ts";
import { STEP_TYPE_LABELS } from "../../protocol/odoo.ts";
import { _t } from "../i18n/translate.ts";

export function stepTypeLabel(type: StepType): string {
  return _t(STEP_TYPE_LABELS[type]);
}

export function stepTypeExplanation(type: StepType): string {
  switch (type) {
    case "text":
      return _t("Shows the message, then goes on without waiting.");
    case "question_selection":
      return _t("Asks a question; the visitor clicks one of the answers.");
    case "question_email":
      return _t("Asks for an email address and asks again until it is valid.");
    case "question_phone":
      return _t("Asks for a phone number.");
    case "forward_operator":
      return _t("Hands the conversation to an available operator; without one, the script goes on.");
    case "free_input_single":
      return _t("Waits for one message from the visitor.");
    case "free_input_multi":
      return _t("Waits for several messages; ends after 10 seconds without typing.");
    case "create_lead":
      return _t("Creates a lead with the visitor's email, phone and the conversation.");
    case "create_ticket":
      return _t("Creates a helpdesk ticket with the visitor's email, phone and the conversation.");
  }
}
