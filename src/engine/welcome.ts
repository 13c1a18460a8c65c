// Odoo's `_get_welcome_steps`: steps in order up to and including the first one that is not a
// plain text. They are posted when a conversation opens, whatever their "Only If".

import type { ChatbotScript, ChatbotScriptStep } from "./types.ts";
import { sortedSteps } from "./next-step.ts";

export function welcomeSteps(script: ChatbotScript): ChatbotScriptStep[] {
  const welcome: ChatbotScriptStep[] = [];
  for (const step of sortedSteps(script)) {
    welcome.push(step);
    if (step.step_type !== "text") break;
  }
  return welcome;
}
