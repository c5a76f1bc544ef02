import { computeSli, SloEventCounts } from './computeSli';
import { getErrorBudgetFraction } from './getErrorBudgetFraction';

/**
 * The burn rate for an error ratio measured over some window: error ratio /
 * (1 - objective). 1 means the budget lasts exactly the SLO window; 14.4
 * against a 30d window spends 2% of it in an hour. Returns `null` for a
 * missing, non-finite or out-of-range error ratio (no data), never NaN.
 *
 * @throws Error when the objective is not above 0 and below 1.
 * @public
 */
export function computeBurnRate(
  errorRatio: number | null | undefined,
  objective: number,
): number | null {
  const budget = getErrorBudgetFraction(objective);
  if (typeof errorRatio !== 'number' || !Number.isFinite(errorRatio)) {
    return null;
  }
  if (errorRatio < -1e-9 || errorRatio > 1 + 1e-9) {
    return null;
  }
  return Math.min(Math.max(errorRatio, 0), 1) / budget;
}

/**
 * The burn rate from event counts of a window; `null` when the window has
 * no traffic or the counts are invalid.
 *
 * @throws Error when the objective is not above 0 and below 1.
 * @public
 */
export function computeBurnRateFromCounts(
  counts: SloEventCounts,
  objective: number,
): number | null {
  const sli = computeSli(counts);
  return sli.state === 'ok'
    ? computeBurnRate(sli.errorRatio, objective)
    : computeBurnRate(null, objective);
}
