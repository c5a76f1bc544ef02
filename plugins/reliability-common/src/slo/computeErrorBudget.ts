import {
  computeSli,
  computeTimesliceSli,
  SliResult,
  SloEventCounts,
} from './computeSli';
import { getErrorBudgetFraction } from './getErrorBudgetFraction';

/**
 * The error budget of an SLO over its window.
 *
 * - `ok`: `consumed` = error ratio / (1 - objective), `remaining` =
 *   1 - consumed. `remaining` is negative when the budget is overspent;
 *   `consumed` is at most 1 / (1 - objective) (all events bad).
 * - `no-data`: no events in the window; not a number, not 100%.
 * - `invalid`: the counts were unusable.
 *
 * `objective` is the objective the budget was computed with.
 *
 * @public
 */
export type ErrorBudget =
  | {
      state: 'ok';
      objective: number;
      sli: number;
      errorRatio: number;
      consumed: number;
      remaining: number;
      good: number;
      total: number;
    }
  | { state: 'no-data'; objective: number; reason: string }
  | { state: 'invalid'; objective: number; reason: string };

/**
 * Turns an SLI result into an error budget for an objective.
 *
 * @throws Error when the objective is not above 0 and below 1.
 * @public
 */
export function errorBudgetFromSli(
  sli: SliResult,
  objective: number,
): ErrorBudget {
  const budget = getErrorBudgetFraction(objective);
  if (sli.state !== 'ok') {
    return { state: sli.state, objective, reason: sli.reason };
  }
  const consumed = sli.errorRatio / budget;
  return {
    state: 'ok',
    objective,
    sli: sli.sli,
    errorRatio: sli.errorRatio,
    consumed,
    remaining: 1 - consumed,
    good: sli.good,
    total: sli.total,
  };
}

/**
 * Computes the error budget of an events-based (Occurrences) SLO from the
 * event counts of its window, e.g. 999,500 good of 1,000,000 against 0.999:
 * SLI 0.9995, consumed 0.5, remaining 0.5.
 *
 * @throws Error when the objective is not above 0 and below 1.
 * @public
 */
export function computeErrorBudget(
  counts: SloEventCounts,
  objective: number,
): ErrorBudget {
  return errorBudgetFromSli(computeSli(counts), objective);
}

/**
 * Computes the error budget of a Timeslices SLO: SLI = good slices / slices
 * with data, then the same budget math as for events.
 *
 * @throws Error when the objective is not above 0 and below 1.
 * @public
 */
export function computeTimesliceErrorBudget(
  slices: { goodSlices: number; slicesWithData: number },
  objective: number,
): ErrorBudget {
  return errorBudgetFromSli(computeTimesliceSli(slices), objective);
}
