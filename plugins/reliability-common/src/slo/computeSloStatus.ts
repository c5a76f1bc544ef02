import { ErrorBudget } from './computeErrorBudget';
import { SloBurnRateAlertState } from './evaluateBurnRateAlerts';
import { BudgetExhaustionForecast } from './forecastBudgetExhaustion';

/**
 * The status of one SLO.
 *
 * - `breaching`: the budget is spent (remaining at or below 0) or a page
 *   alert fires.
 * - `at-risk`: a ticket alert fires, the remaining budget is below the
 *   at-risk share, or the budget runs out before the window ends.
 * - `healthy`: none of the above.
 * - `no-data`: no traffic in the window (or unusable data).
 *
 * @public
 */
export type SloStatus = 'breaching' | 'at-risk' | 'healthy' | 'no-data';

/**
 * The SLO status of an entity: the worst of its SLOs, or `no-slo` when it
 * has none.
 *
 * @public
 */
export type EntitySloStatus = SloStatus | 'no-slo';

/**
 * Default remaining-budget share below which an SLO is at risk.
 *
 * @public
 */
export const DEFAULT_SLO_AT_RISK_REMAINING_SHARE = 0.25;

/**
 * Decides the status of one SLO from its budget, and optionally its burn
 * rate alerts and exhaustion forecast.
 *
 * @throws Error when `atRiskRemainingShare` is not within [0, 1].
 * @public
 */
export function computeSloStatus(input: {
  budget: ErrorBudget;
  alerts?: SloBurnRateAlertState;
  forecast?: BudgetExhaustionForecast;
  /** Default {@link DEFAULT_SLO_AT_RISK_REMAINING_SHARE}. */
  atRiskRemainingShare?: number;
}): SloStatus {
  const share =
    input.atRiskRemainingShare ?? DEFAULT_SLO_AT_RISK_REMAINING_SHARE;
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new Error(
      `at-risk remaining share must be between 0 and 1, got ${share}`,
    );
  }
  const { budget, alerts, forecast } = input;
  if (budget.state !== 'ok') {
    return 'no-data';
  }
  if (budget.remaining <= 0 || alerts?.page) {
    return 'breaching';
  }
  if (
    alerts?.ticket ||
    budget.remaining < share ||
    (forecast?.status === 'forecast' && forecast.beforeWindowEnd)
  ) {
    return 'at-risk';
  }
  return 'healthy';
}

/**
 * Every entity SLO status, worst first: breaching, at-risk, no-data, healthy,
 * then no-slo (an entity without SLOs). The one order of SLO statuses: the
 * worst status of an entity, sorting, filters and pickers all follow it.
 *
 * @public
 */
export const SLO_STATUS_ORDER: ReadonlyArray<EntitySloStatus> = Object.freeze([
  'breaching',
  'at-risk',
  'no-data',
  'healthy',
  'no-slo',
] as const);

/**
 * The rank of every entity SLO status in {@link SLO_STATUS_ORDER}: 0 is the
 * worst (breaching), 4 the last (no-slo).
 *
 * @public
 */
export const SLO_STATUS_RANK: Readonly<Record<EntitySloStatus, number>> =
  Object.freeze(
    Object.fromEntries(
      SLO_STATUS_ORDER.map((status, i) => [status, i]),
    ) as Record<EntitySloStatus, number>,
  );

/**
 * The rank of an entity SLO status in {@link SLO_STATUS_ORDER}: 0 is the
 * worst (breaching), 4 the last (no-slo).
 *
 * @public
 */
export function sloStatusRank(status: EntitySloStatus): number {
  return SLO_STATUS_RANK[status];
}

/**
 * Compares two entity SLO statuses, worst first, for `Array.sort`.
 *
 * @public
 */
export function compareSloStatus(
  a: EntitySloStatus,
  b: EntitySloStatus,
): number {
  return sloStatusRank(a) - sloStatusRank(b);
}

/**
 * The worst of several SLO statuses, in the order breaching, at-risk,
 * no-data, healthy ({@link SLO_STATUS_ORDER}); `no-slo` for an empty list.
 *
 * @public
 */
export function worstSloStatus(
  statuses: ReadonlyArray<SloStatus>,
): EntitySloStatus {
  let worst: EntitySloStatus = 'no-slo';
  for (const status of statuses) {
    if (compareSloStatus(status, worst) < 0) {
      worst = status;
    }
  }
  return worst;
}
