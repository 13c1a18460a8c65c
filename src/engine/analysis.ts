// Whole-script analysis. Sound: a finding is only reported when the problem is real (proved
// statically or witnessed by a conversation the script allows). The whole analysis works within
// a budget (`maxStates` distinct states for the search, `maxWork` units of work for all its
// parts); when either runs out, `partial` is true: what is reported still holds, but findings may
// be missing, and `unreachable_step`, which needs everything to have been searched, is left out.
//
// Definitions (also in README.md):
// - dead_end: a question's answer after which no step follows in at least one conversation that
//   reaches the question; the chat stops right after the visitor's click with no reply. Answers
//   with a redirect link are not reported (leaving for the linked page is their purpose).
// - unreachable_step: no conversation ever reaches the step (full search only; steps already
//   explained by impossible_condition or shadowed_step are not repeated).
// - impossible_condition: the step's "Only If" can never hold: it needs an answer that cannot be
//   chosen before the step (its question comes at or after the step, is not a question, or
//   belongs to another script), or an answer of a question that is itself never shown (its own
//   "Only If" can never hold, or it is shadowed), or answers that exclude each other (two
//   answers of one question, directly or through the conditions of the questions it needs).
//   Welcome steps are not judged (they are shown whatever their "Only If").
// - forward_without_fallback: a forward step reached in some conversation after which nothing
//   follows when no operator is available; Odoo then posts nothing and the visitor is left alone.
// - shadowed_step: an earlier step with the same sequence is eligible whenever this one is
//   (it has no "Only If", or needs no more than this one), so Odoo always picks it instead.
// - first_step_operator / first_step_invalid: Odoo's first-step warning (the bot needs one
//   interaction before forwarding or acting).

import { ODOO_TEXTS } from "../protocol/odoo.ts";
import type { ChatbotScript, ChatbotScriptStep } from "./types.ts";
import { exploreIndex, type ExploreOptions } from "./explore.ts";
import { indexScript, type ScriptIndex } from "./script-index.ts";
import { budgetOf, spend, type Budget } from "./budget.ts";
import { welcomeSteps } from "./welcome.ts";
import { firstStepWarning } from "./warnings.ts";
import { impossibleConditions } from "./impossible-conditions.ts";
import { shadowedSteps } from "./shadowed-steps.ts";
import { answerLabel, stepLabel } from "./step-label.ts";

export type FindingKind =
  | "dead_end"
  | "unreachable_step"
  | "impossible_condition"
  | "forward_without_fallback"
  | "shadowed_step"
  | "first_step_operator"
  | "first_step_invalid";

export interface Finding {
  kind: FindingKind;
  step_ids: number[];
  answer_ids: number[];
  /** Plain words for an admin. */
  message: string;
}

export interface AnalysisOptions extends ExploreOptions {}

export interface Analysis {
  findings: Finding[];
  partial: boolean;
}

const KIND_ORDER: FindingKind[] = [
  "first_step_operator",
  "first_step_invalid",
  "dead_end",
  "forward_without_fallback",
  "impossible_condition",
  "shadowed_step",
  "unreachable_step",
];

export function analyzeScript(script: ChatbotScript, options: AnalysisOptions = {}): Analysis {
  const findings: Finding[] = [];
  const welcome = welcomeSteps(script);
  const warning = firstStepWarning(script);
  const lastWelcome = welcome[welcome.length - 1];
  if (warning && lastWelcome) {
    const message =
      warning === "first_step_operator" ? `${ODOO_TEXTS.firstStepTip}${ODOO_TEXTS.firstStepOperatorHint}` : ODOO_TEXTS.firstStepTip.trim();
    findings.push({ kind: warning, step_ids: [lastWelcome.id], answer_ids: [], message });
  }

  const index = indexScript(script);
  const budget = budgetOf(options.maxWork);
  // Steps shown whatever their "Only If": the welcome steps and the first step (restart).
  const exempt = new Set(welcome.map((s) => s.id));
  if (index.steps[0]) exempt.add(index.steps[0].id);

  // The static parts first: they are cheap, and prove what the search would only witness.
  const shadowed = shadowedSteps(index, exempt, budget);
  const shadowedIds = new Set(shadowed.findings.map((f) => f.step_ids[0]!));
  const impossible = impossibleConditions(index, exempt, shadowedIds, budget);
  const exploration = exploreIndex(index, options, budget);
  let complete = shadowed.complete && impossible.complete && exploration.complete;

  for (const { question_id, answer_id, always: known } of exploration.deadEnds) {
    const question = index.stepById.get(question_id)!;
    const answer = index.answerById.get(answer_id)!;
    if (answer.redirect_link) continue;
    // Without the full search, "always" is claimed only when proved for every selection.
    let always = known;
    if (!exploration.complete) {
      const proof = nothingEverFollows(index, question, answer_id, budget);
      if (proof === null) complete = false;
      always = proof === true;
    }
    findings.push({
      kind: "dead_end",
      step_ids: [question_id],
      answer_ids: [answer_id],
      message:
        `${always ? "Choosing" : "In some conversations, choosing"} ${answerLabel(answer)} at ${stepLabel(question)} ends the chat ` +
        `with no reply: no step is shown after this answer. Add a step for it (with this answer in its "Only If"), or a step without condition after the question.`,
    });
  }
  for (const stepId of exploration.forwardsWithoutFallback) {
    const step = index.stepById.get(stepId)!;
    findings.push({
      kind: "forward_without_fallback",
      step_ids: [stepId],
      answer_ids: [],
      message:
        `When no operator is available, ${stepLabel(step)} posts nothing and no step follows it, so the visitor gets no reply at all. ` +
        `Add a step after it for when nobody is available (for example, ask for an email address).`,
    });
  }

  const explained = new Set<number>();
  for (const finding of impossible.findings) {
    explained.add(finding.step_ids[0]!);
    findings.push(finding);
  }
  for (const finding of shadowed.findings) {
    if (explained.has(finding.step_ids[0]!)) continue;
    explained.add(finding.step_ids[0]!);
    findings.push(finding);
  }
  if (complete) {
    for (const step of index.steps) {
      if (exploration.reached.has(step.id) || explained.has(step.id)) continue;
      findings.push({
        kind: "unreachable_step",
        step_ids: [step.id],
        answer_ids: [],
        message:
          `${capitalize(stepLabel(step))} is never shown: no conversation the script allows reaches it. ` +
          `Check its "Only If" and its place in the list of steps.`,
      });
    }
  }
  findings.sort((a, b) => compareFindings(index, a, b));
  return { findings, partial: !complete };
}

/**
 * Whether nothing follows the answer even with every answer that could possibly be chosen before
 * the question (more answers only make more steps eligible); null when the budget ran out.
 */
function nothingEverFollows(index: ScriptIndex, question: ChatbotScriptStep, answerId: number, budget: Budget): boolean | null {
  const chosenBefore = (id: number) => {
    if (id === answerId) return true;
    const owner = index.stepById.get(index.answerStep.get(id) ?? -1);
    return owner !== undefined && owner.step_type === "question_selection" && owner.sequence < question.sequence;
  };
  for (let candidate = index.firstLaterPosition[index.positionOf.get(question.id)!]!; candidate < index.steps.length; candidate++) {
    const groups = index.triggerGroups[candidate]!;
    if (!spend(budget, 1 + groups.length)) return null;
    if (groups.every((group) => group.some(chosenBefore))) return false;
  }
  return true;
}

function compareFindings(index: ScriptIndex, a: Finding, b: Finding): number {
  const position = (f: Finding) => (f.step_ids[0] === undefined ? -1 : (index.positionOf.get(f.step_ids[0]) ?? -1));
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || position(a) - position(b) || (a.answer_ids[0] ?? 0) - (b.answer_ids[0] ?? 0);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
