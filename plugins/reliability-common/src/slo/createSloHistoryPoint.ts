import { ErrorBudget } from './computeErrorBudget';
import { toEpochMs } from './toEpochMs';

/**
 * One stored measurement of an SLO. It keeps the objective it was computed
 * with: when the objective changes later, old points keep their numbers and
 * current budget math uses the current spec's objective.
 *
 * @public
 */
export interface SloHistoryPoint {
  /** ISO 8601 time of the measurement. */
  at: string;
  /** The objective then. */
  objective: number;
  /** The error budget state. */
  state: ErrorBudget['state'];
  /** The SLI; null without data. */
  sli: number | null;
  /** The error budget remaining; null without data. */
  errorBudgetRemaining: number | null;
  /** Good events; null without data. */
  good: number | null;
  /** All events; null without data. */
  total: number | null;
}

/**
 * Records an error budget as a history point.
 *
 * @throws Error when `at` is not a valid time.
 * @public
 */
export function createSloHistoryPoint(
  at: Date | string,
  budget: ErrorBudget,
): SloHistoryPoint {
  const time = new Date(toEpochMs(at, 'at')).toISOString();
  if (budget.state !== 'ok') {
    return {
      at: time,
      objective: budget.objective,
      state: budget.state,
      sli: null,
      errorBudgetRemaining: null,
      good: null,
      total: null,
    };
  }
  return {
    at: time,
    objective: budget.objective,
    state: 'ok',
    sli: budget.sli,
    errorBudgetRemaining: budget.remaining,
    good: budget.good,
    total: budget.total,
  };
}
