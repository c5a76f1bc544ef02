// Objectives are written as decimals (0.999, or 99.9 / 100 for Sloth), whose
// binary representation is slightly off: 1 - 0.999 is 0.0010000000000000009.
// Rounding the budget to 15 decimal places removes that noise (objectives
// never have that many decimals) so that e.g. 100% errors against 99.9% is
// exactly 1000x the budget.
const BUDGET_DECIMALS = 1e15;

/**
 * Returns the reason an objective is unusable, or `undefined` when it is a
 * fraction above 0 and below 1.
 *
 * @public
 */
export function describeObjectiveProblem(
  objective: number,
): string | undefined {
  if (typeof objective !== 'number' || !Number.isFinite(objective)) {
    return `must be a number above 0 and below 1 (e.g. 0.999 for 99.9%), got ${String(
      objective,
    )}`;
  }
  if (objective > 1) {
    return `must be a fraction below 1 (e.g. 0.999 for 99.9%), got ${objective}`;
  }
  if (objective === 1) {
    return 'must be below 1 (100% leaves no error budget)';
  }
  if (objective <= 0) {
    return `must be above 0, got ${objective}`;
  }
  if (Math.round((1 - objective) * BUDGET_DECIMALS) <= 0) {
    return `is too close to 1 to leave an error budget, got ${objective}`;
  }
  return undefined;
}

/**
 * Throws when an objective is not a fraction above 0 and below 1: an
 * objective of 1 (100%) or more, or of 0 or less, has no usable error budget.
 *
 * @throws Error naming the problem, e.g. `SLO objective must be below 1 (100% leaves no error budget)`.
 * @public
 */
export function validateSloObjective(objective: number): void {
  const problem = describeObjectiveProblem(objective);
  if (problem) {
    throw new Error(`SLO objective ${problem}`);
  }
}

/**
 * The error budget of an objective as a fraction of all events: `1 - o`,
 * e.g. 0.001 for 0.999.
 *
 * @throws Error when the objective is not above 0 and below 1.
 * @public
 */
export function getErrorBudgetFraction(objective: number): number {
  validateSloObjective(objective);
  return Math.round((1 - objective) * BUDGET_DECIMALS) / BUDGET_DECIMALS;
}

/**
 * Converts a percentage such as 99.9 to a fraction (0.999) without binary
 * noise (99.9 / 100 is 0.9990000000000001).
 *
 * @public
 */
export function percentToFraction(percent: number): number {
  return Math.round((percent / 100) * BUDGET_DECIMALS) / BUDGET_DECIMALS;
}
