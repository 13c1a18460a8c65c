// The work one analysis may do, shared by its parts so that no script, however large or
// tangled, keeps the admin waiting: each part spends units as it goes and stops when none are
// left; the analysis then says it is partial. A unit is about 0.1 µs of work on this project's
// benchmark machine (a step tried is 1, a state visited 5 per answer it carries, a step's
// "Only If" judged 20 plus 10 per branch of conditions merged); the weights were measured, so
// that the budget bounds time whatever the shape of the script.

export interface Budget {
  left: number;
}

/** A counter of work done, which the caller then spends from its budget. */
export interface Work {
  units: number;
}

/** Default allowance: about half a second of work; the 5,000-step benchmark scripts need about 7 % of it. */
export const DEFAULT_MAX_WORK = 5_000_000;

export function budgetOf(units: number | undefined): Budget {
  return { left: units ?? DEFAULT_MAX_WORK };
}

/** Takes `units` from the budget; false when it has run out. */
export function spend(budget: Budget, units: number): boolean {
  budget.left -= units;
  return budget.left >= 0;
}
