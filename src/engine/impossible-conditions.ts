// Static proof that a step's "Only If" can never hold (finding `impossible_condition`).
// For each step we derive what must have been chosen whenever it is shown: one answer of each
// question group of its "Only If", plus, transitively, what the questions it depends on need.
// A step is never shown when it needs an answer that cannot be chosen before it, an answer of a
// question that is itself never shown, or two incompatible things of one question (only one
// answer of a question can be chosen per conversation, since steps only go forward).
//
// Steps are judged in (sequence, id) order, so the questions a step depends on (strictly smaller
// sequence) are judged before it, without recursion. Needs are persistent maps: a step's needs
// share the branches of its questions' needs instead of copying them, so a chain of questions
// each depending on the one before costs a constant per step, not the length of the chain.

import type { ChatbotScriptStep } from "./types.ts";
import type { ScriptIndex } from "./script-index.ts";
import type { Finding } from "./analysis.ts";
import { spend, type Budget, type Work } from "./budget.ts";
import { emptyPositionMap, mergePositionMaps, putPosition, type MergeResult, type PositionMap } from "./position-map.ts";
import { answerLabel, orList, stepLabel } from "./step-label.ts";

/** One answer of `answers` must have been chosen at a question, for the step `because` to be shown. */
interface Need {
  answers: ReadonlySet<number>;
  because: number;
}

/** Question position → its need. */
type Needs = PositionMap<Need>;

type Verdict = { ok: true; needs: Needs } | { ok: false; finding: Omit<Finding, "kind"> };

/**
 * `neverShown`: steps already known never to be shown (shadowed), whose answers therefore can
 * never be chosen. `complete` is false when the budget ran out before every step was judged.
 */
export function impossibleConditions(
  index: ScriptIndex,
  exempt: ReadonlySet<number>,
  neverShown: ReadonlySet<number>,
  budget: Budget,
): { findings: Finding[]; complete: boolean } {
  const empty: Needs = emptyPositionMap<Need>(index.steps.length);
  const verdicts: Verdict[] = [];
  const findings: Finding[] = [];
  const work: Work = { units: 0 };

  const label = (id: number) => stepLabel(index.stepById.get(id)!);
  const answers = (ids: Iterable<number>) => orList([...ids].map((id) => answerLabel(index.answerById.get(id)!)));

  const judge = (step: ChatbotScriptStep, position: number): Verdict => {
    const groups = index.triggerGroups[position]!;
    // Welcome steps and the first step are shown whatever their "Only If".
    if (exempt.has(step.id) || !groups.length) return { ok: true, needs: empty };
    let needs = empty;
    for (const group of groups) {
      const ownerId = index.answerStep.get(group[0]!);
      if (ownerId === undefined)
        return neverShownVerdict(step, `its "Only If" needs an answer that does not belong to this script. Remove it from the "Only If".`, [], [...group]);
      const owner = index.stepById.get(ownerId)!;
      if (owner.step_type !== "question_selection")
        return neverShownVerdict(step, `its "Only If" needs ${answers(group)} of ${label(ownerId)}, which is not a question, so that answer can never be chosen.`, [ownerId], [...group]);
      if (owner.sequence >= step.sequence)
        return neverShownVerdict(step, 
          `its "Only If" needs ${answers(group)}, but ${label(ownerId)} is asked after this step (or at the same place), so that answer cannot be chosen before it. Move the step below the question, or change its "Only If".`,
          [ownerId],
          [...group],
        );
      const ownerPosition = index.positionOf.get(ownerId)!;
      const ownerVerdict = verdicts[ownerPosition]!; // judged: its sequence is smaller
      if (!ownerVerdict.ok || neverShown.has(ownerId))
        return neverShownVerdict(step, `its "Only If" needs ${answers(group)} of ${label(ownerId)}, and that question is itself never shown.`, [ownerId], [...group]);
      // The question's needs never name the question itself, so adding this step's need to them
      // cannot conflict; the result then meets what the groups before asked (which come first).
      const own = putPosition(ownerVerdict.needs, ownerPosition, { answers: new Set(group), because: step.id }, intersect, work);
      const merged: MergeResult<Need> = needs === empty || !("map" in own) ? own : mergePositionMaps(needs, own.map, intersect, work);
      if ("conflict" in merged) {
        const { key, first, second } = merged.conflict;
        const question = index.steps[key]!.id;
        const via = (because: number) => (because === step.id ? "" : ` (to reach ${label(because)})`);
        return neverShownVerdict(step, 
          `its "Only If" needs answers that cannot be chosen in the same conversation: at ${label(question)} it needs ` +
            `${answers(first.answers)}${via(first.because)}, and also ${answers(second.answers)}${via(second.because)}. ` +
            `Only one answer of a question can be chosen.`,
          [question, first.because, second.because],
          [...first.answers, ...second.answers],
        );
      }
      needs = merged.map;
    }
    return { ok: true, needs };
  };

  for (let position = 0; position < index.steps.length; position++) {
    work.units = 0;
    const step = index.steps[position]!;
    const verdict = judge(step, position);
    if (!spend(budget, 20 + 10 * work.units)) return { findings, complete: false };
    verdicts.push(verdict);
    if (!verdict.ok) findings.push({ kind: "impossible_condition", ...verdict.finding });
  }
  return { findings, complete: true };
}

function neverShownVerdict(step: ChatbotScriptStep, message: string, stepIds: number[], answerIds: number[]): Verdict {
  const step_ids = unique([step.id, ...stepIds]);
  return { ok: false, finding: { step_ids, answer_ids: unique(answerIds), message: `${capital(stepLabel(step))} is never shown: ${message}` } };
}

/** Both needs on one question: the answers allowed by both (the first's reason kept), or none. */
function intersect(first: Need, second: Need): Need | undefined {
  if (first.answers === second.answers) return first;
  const both = new Set<number>();
  for (const id of first.answers) if (second.answers.has(id)) both.add(id);
  if (!both.size) return undefined;
  return both.size === first.answers.size ? first : { answers: both, because: first.because };
}

const unique = (ids: number[]) => [...new Set(ids)];
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
