// Data of a fresh Odoo with demo data, transcribed as facts: the Welcome Bot (im_livechat) and
// the Lead Generation Bot (crm_livechat), the default channel and its /contactus rule.
import type { StepType } from "../../protocol/odoo.ts";

export interface SeedStep {
  key: string;
  type: StepType;
  message: string | false;
  /** Keys of the answers this step is shown for ("Only If"). */
  onlyIf?: string[];
  answers?: { key: string; name: string; redirect_link?: string }[];
}

export const WELCOME_BOT: { title: string; steps: SeedStep[] } = {
  title: "Welcome Bot",
  steps: [
    { key: "welcome", type: "text", message: "Welcome to CompanyName! 👋" },
    {
      key: "dispatch",
      type: "question_selection",
      message: "What are you looking for?",
      answers: [
        { key: "pricing", name: "I have a pricing question" },
        { key: "documentation", name: "I am looking for your documentation", redirect_link: "/" },
        { key: "just_looking", name: "I am just looking around" },
      ],
    },
    { key: "pricing", type: "text", message: "Hmmm, let me check if I can find someone that could help you with that...", onlyIf: ["pricing"] },
    { key: "pricing_forward_operator", type: "forward_operator", message: false, onlyIf: ["pricing"] },
    { key: "pricing_noone_available", type: "text", message: "Hu-ho, it looks like none of our operators are available 🙁", onlyIf: ["pricing"] },
    { key: "pricing_email", type: "question_email", message: "Would you mind leaving your email address so that we can reach you back?", onlyIf: ["pricing"] },
    { key: "documentation_redirect", type: "text", message: "And tadaaaa here you go! 🌟", onlyIf: ["documentation"] },
    { key: "documentation_exit", type: "text", message: "If you need anything else, feel free to get back in touch", onlyIf: ["documentation"] },
    { key: "just_looking", type: "text", message: "Please do! If there is anything we can help with, let us know", onlyIf: ["just_looking"] },
  ],
};

export const LEAD_GENERATION_BOT: { title: string; steps: SeedStep[] } = {
  title: "Lead Generation Bot",
  steps: [
    { key: "intro", type: "free_input_multi", message: "Hi there, what brings you to our website today? 👋" },
    { key: "forward", type: "forward_operator", message: false },
    { key: "noone_available", type: "text", message: "Hu-ho, it looks like none of our operators are available 🙁" },
    { key: "email", type: "question_email", message: "Would you mind leaving your email address so that we can reach you back?" },
    { key: "create_lead", type: "create_lead", message: "Thank you, you should hear back from us very soon!" },
  ],
};

export const COUNTRIES: [code: string, name: string][] = [
  ["BE", "Belgium"],
  ["FR", "France"],
  ["US", "United States"],
  ["RO", "Romania"],
  ["DE", "Germany"],
  ["GB", "United Kingdom"],
  ["NL", "Netherlands"],
  ["IN", "India"],
  ["ES", "Spain"],
  ["IT", "Italy"],
  ["LU", "Luxembourg"],
  ["CH", "Switzerland"],
  ["CA", "Canada"],
  ["BR", "Brazil"],
  ["AU", "Australia"],
];
