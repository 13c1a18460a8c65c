// `nextPosition` for whole-script searches (analysis, path enumeration), which ask it again and
// again. A step with an "Only If" is eligible only if each of its question groups has a selected
// answer, so it is enough to file it under the answers of one of its groups: instead of trying
// every later step in turn, try the first later step without "Only If" and the later steps filed
// under a selected answer. Each step is filed under its group whose answers are named least
// often, so that an answer every step names (a first "I'm a customer") does not make every
// search try every step. Same result as `nextPosition`.

import { groupsHold, type ScriptIndex } from "./script-index.ts";
import type { Work } from "./budget.ts";

export interface NextIndex {
  /** Per position (and steps.length): the first position at or after it whose step has no "Only If". */
  unconditionalFrom: Int32Array;
  /** Answer id → positions, ascending, of the steps filed under it. */
  referrers: Map<number, number[]>;
}

export function buildNextIndex(index: ScriptIndex): NextIndex {
  const count = index.steps.length;
  const unconditionalFrom = new Int32Array(count + 1);
  unconditionalFrom[count] = count;
  for (let position = count - 1; position >= 0; position--)
    unconditionalFrom[position] = index.triggerGroups[position]!.length ? unconditionalFrom[position + 1]! : position;
  const named = new Map<number, number>();
  for (const groups of index.triggerGroups) for (const group of groups) for (const answerId of group) named.set(answerId, (named.get(answerId) ?? 0) + 1);
  const referrers = new Map<number, number[]>();
  index.triggerGroups.forEach((groups, position) => {
    let filed: readonly number[] | null = null;
    let cost = Infinity;
    for (const group of groups) {
      let groupCost = 0;
      for (const answerId of group) groupCost += named.get(answerId)!;
      if (groupCost < cost) [filed, cost] = [group, groupCost];
    }
    for (const answerId of filed ?? []) {
      const list = referrers.get(answerId);
      if (list) list.push(position);
      else referrers.set(answerId, [position]);
    }
  });
  return { unconditionalFrom, referrers };
}

/** Position of the step that follows `position` for these selected answers, or -1 at the end. */
export function nextPositionIndexed(index: ScriptIndex, next: NextIndex, position: number, selected: ReadonlySet<number>, tried?: Work): number {
  const from = index.firstLaterPosition[position]!;
  let best = next.unconditionalFrom[from]!;
  for (const answerId of selected) {
    const list = next.referrers.get(answerId);
    if (!list) continue;
    for (let i = lowerBound(list, from); i < list.length && list[i]! < best; i++) {
      if (tried) tried.units++;
      if (groupsHold(index.triggerGroups[list[i]!]!, selected)) {
        best = list[i]!;
        break;
      }
    }
  }
  return best < index.steps.length ? best : -1;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
