// Static proof that a step's "Only If" can never hold (finding `impossible_condition`).
// For each question we derive what must have been chosen whenever one of its answers is
// selected: its own "Only If" (one answer per question group), plus, transitively, what the
// questions it depends on need. A step whose needs ask two incompatible things of one question
// (only one answer of a question can be chosen per conversation, since steps only go forward)
// or an answer that cannot be chosen before the step is never shown.

import type { ChatbotScriptStep } from "./types.ts";
import type { ScriptIndex } from "./script-index.ts";
import type { Finding } from "./analysis.ts";
import { answerLabel, orList, stepLabel } from "./step-label.ts";

/** question id → the answers one of which must be chosen there, and the step that needs it. */
type Needs = Map<number, { answers: Set<number>; because: number }>;

type Verdict = { ok: true; needs: Needs } | { ok: false; finding: Omit<Finding, "kind"> };

export function impossibleConditions(index: ScriptIndex, exempt: ReadonlySet<number>): Finding[] {
  const memo = new Map<number, Verdict>();
  const findings: Finding[] = [];

  const label = (id: number) => stepLabel(index.stepById.get(id)!);
  const answers = (ids: Iterable<number>) => orList([...ids].map((id) => answerLabel(index.answerById.get(id)!)));

  /** What must hold whenever `step` is shown (exempt steps are shown unconditionally). */
  const verdict = (step: ChatbotScriptStep): Verdict => {
    const known = memo.get(step.id);
    if (known) return known;
    const result = judge(step);
    memo.set(step.id, result);
    return result;
  };

  const judge = (step: ChatbotScriptStep): Verdict => {
    const needs: Needs = new Map();
    if (exempt.has(step.id)) return { ok: true, needs };
    const position = index.positionOf.get(step.id)!;
    const never = (message: string, stepIds: number[], answerIds: number[]): Verdict => ({
      ok: false,
      finding: { step_ids: [step.id, ...stepIds.filter((id) => id !== step.id)], answer_ids: answerIds, message: `${capital(label(step.id))} is never shown: ${message}` },
    });
    for (const group of index.triggerGroups[position]!) {
      const ownerId = index.answerStep.get(group[0]!);
      if (ownerId === undefined)
        return never(`its "Only If" needs an answer that does not belong to this script. Remove it from the "Only If".`, [], [...group]);
      const owner = index.stepById.get(ownerId)!;
      if (owner.step_type !== "question_selection")
        return never(`its "Only If" needs ${answers(group)} of ${label(ownerId)}, which is not a question, so that answer can never be chosen.`, [ownerId], [...group]);
      if (owner.sequence >= step.sequence)
        return never(
          `its "Only If" needs ${answers(group)}, but ${label(ownerId)} is asked after this step (or at the same place), so that answer cannot be chosen before it. Move the step below the question, or change its "Only If".`,
          [ownerId],
          [...group],
        );
      const ownerVerdict = verdict(owner);
      if (!ownerVerdict.ok)
        return never(`its "Only If" needs ${answers(group)} of ${label(ownerId)}, and that question is itself never shown.`, [ownerId], [...group]);
      const conflict =
        merge(needs, ownerId, new Set(group), step.id) ??
        [...ownerVerdict.needs].map(([question, need]) => merge(needs, question, need.answers, need.because)).find((c) => c) ??
        null;
      if (conflict) {
        const via = (because: number) => (because === step.id ? "" : ` (to reach ${label(because)})`);
        return never(
          `its "Only If" needs answers that cannot be chosen in the same conversation: at ${label(conflict.question)} it needs ` +
            `${answers(conflict.first.answers)}${via(conflict.first.because)}, and also ${answers(conflict.second.answers)}${via(conflict.second.because)}. ` +
            `Only one answer of a question can be chosen.`,
          [conflict.question, conflict.first.because, conflict.second.because],
          [...conflict.first.answers, ...conflict.second.answers],
        );
      }
    }
    return { ok: true, needs };
  };

  for (const step of index.steps) {
    if (!step.triggering_answer_ids.length) continue;
    const result = verdict(step);
    if (!result.ok) findings.push({ kind: "impossible_condition", ...result.finding, step_ids: unique(result.finding.step_ids), answer_ids: unique(result.finding.answer_ids) });
  }
  return findings;
}

interface Conflict {
  question: number;
  first: { answers: Set<number>; because: number };
  second: { answers: Set<number>; because: number };
}

/** Adds "one of `answers` at `question`"; returns the conflict when nothing is left. */
function merge(needs: Needs, question: number, answers: Set<number>, because: number): Conflict | null {
  const existing = needs.get(question);
  if (!existing) {
    needs.set(question, { answers, because });
    return null;
  }
  const both = new Set([...existing.answers].filter((id) => answers.has(id)));
  if (!both.size) return { question, first: existing, second: { answers, because } };
  needs.set(question, { answers: both, because: existing.because });
  return null;
}

const unique = (ids: number[]) => [...new Set(ids)];
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
