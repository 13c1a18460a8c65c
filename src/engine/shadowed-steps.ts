// Steps Odoo can never pick because an earlier step with the same sequence always wins
// (finding `shadowed_step`). Odoo takes the first eligible step in (sequence, id) order among
// strictly later sequences: when an earlier step U of the same sequence is eligible whenever S
// is, S is never the one picked, and S is never a candidate from U (same sequence).

import type { ScriptIndex } from "./script-index.ts";
import type { Finding } from "./analysis.ts";
import { spend, type Budget } from "./budget.ts";
import { stepLabel } from "./step-label.ts";

/** `complete` is false when the budget ran out before every step was compared. */
export function shadowedSteps(index: ScriptIndex, exempt: ReadonlySet<number>, budget: Budget): { findings: Finding[]; complete: boolean } {
  const findings: Finding[] = [];
  const ownerKey = (answerId: number) => index.answerStep.get(answerId) ?? `foreign:${answerId}`;
  for (let position = 0; position < index.steps.length; position++) {
    const step = index.steps[position]!;
    if (exempt.has(step.id)) continue;
    const groups = index.triggerGroups[position]!;
    for (let earlier = position - 1; earlier >= 0 && index.steps[earlier]!.sequence === step.sequence; earlier--) {
      const earlierGroups = index.triggerGroups[earlier]!;
      if (!spend(budget, 2 * (1 + earlierGroups.length * groups.length))) return { findings, complete: false };
      // U holds whenever S holds: each group of U contains some whole group of S for the same question.
      const implied = earlierGroups.every((groupU) =>
        groups.some((groupS) => ownerKey(groupS[0]!) === ownerKey(groupU[0]!) && groupS.every((id) => groupU.includes(id))),
      );
      if (!implied) continue;
      const winner = index.steps[earlier]!;
      const why = winner.triggering_answer_ids.length ? `is shown whenever this one could be (its "Only If" asks for no more)` : `has no "Only If"`;
      findings.push({
        kind: "shadowed_step",
        step_ids: [step.id, winner.id],
        answer_ids: [],
        message:
          `${capital(stepLabel(step))} is never shown: ${stepLabel(winner)} has the same sequence, comes first and ${why}, ` +
          `so it is always picked instead. Give this step a place of its own in the list of steps.`,
      });
      break;
    }
  }
  return { findings, complete: true };
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
