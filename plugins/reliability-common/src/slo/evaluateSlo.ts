import { computeBurnRate } from './computeBurnRate';
import { errorBudgetFromSli } from './computeErrorBudget';
import { computeSloStatus, SloStatus } from './computeSloStatus';
import {
  computeBurnRateThresholds,
  evaluateBurnRateAlerts,
  SLO_BURN_RATE_WINDOWS,
  SLO_BURN_RATE_WINDOW_MS,
  SloBurnRateAlertState,
  SloBurnRateAlertThreshold,
  SloBurnRates,
  SloBurnRateWindow,
} from './evaluateBurnRateAlerts';
import {
  BudgetExhaustionForecast,
  forecastBudgetExhaustion,
} from './forecastBudgetExhaustion';
import { getSloWindowRange } from './getSloWindowRange';
import { formatPrometheusDuration } from './parsePrometheusDuration';
import { sliFromMeasurement, SloMeasurement } from './SloMeasurement';
import { SloWindow } from './types';

/**
 * The burn-rate window used for the exhaustion forecast: the last day, a
 * steadier rate than the last hour.
 *
 * @public
 */
export const SLO_FORECAST_BURN_RATE_WINDOW: SloBurnRateWindow = '1d';

/**
 * The result of {@link evaluateSlo}.
 *
 * @public
 */
export interface SloEvaluation {
  /** The start of the SLO window (ISO 8601). */
  windowStart: string;
  /** The end of the SLO window (ISO 8601). */
  windowEnd: string;
  /** The window in words, e.g. `30d rolling`. */
  windowLabel: string;
  /** The SLI over the window; null without data. */
  sli: number | null;
  /** Share of the error budget consumed; null without data. */
  budgetConsumed: number | null;
  /** Share of the error budget remaining; null without data. */
  budgetRemaining: number | null;
  /** Why there is no data, if there is none. */
  noDataReason?: string;
  /** The burn rate over each alert window. */
  burnRates: Array<{
    window: SloBurnRateWindow;
    errorRatio: number | null;
    burnRate: number | null;
  }>;
  /** The burn-rate alert thresholds applied. */
  alertThresholds: SloBurnRateAlertThreshold[];
  /** Which burn-rate alerts fire. */
  alerts: SloBurnRateAlertState;
  /** When the error budget runs out at the current rate. */
  forecast: BudgetExhaustionForecast;
  /** The SLO status. */
  status: SloStatus;
}

/**
 * A human label of an SLO window, e.g. `28d rolling` or `calendar month`.
 *
 * @public
 */
export function describeSloWindow(window: SloWindow): string {
  return window.kind === 'rolling'
    ? `${window.duration} rolling`
    : `calendar ${window.unit}`;
}

/**
 * The windows (in milliseconds) a provider must measure for
 * {@link evaluateSlo} at `now`: the SLO window so far (the whole rolling
 * window, or the calendar window up to now) and the burn-rate windows.
 *
 * @public
 */
export function sloMeasurementWindows(
  window: SloWindow,
  now: Date,
  timeZone?: string,
): { sloWindowMs: number; burnRateWindowsMs: number[] } {
  const range = getSloWindowRange(window, now, timeZone);
  const sloWindowMs =
    window.kind === 'rolling'
      ? window.ms
      : // whole seconds, so that providers and callers agree on the key
        Math.max(
          0,
          Math.floor((now.getTime() - range.start.getTime()) / 1000) * 1000,
        );
  return {
    sloWindowMs,
    burnRateWindowsMs: SLO_BURN_RATE_WINDOWS.map(
      w => SLO_BURN_RATE_WINDOW_MS[w],
    ),
  };
}

/**
 * Evaluates an SLO from the measurements of its window and of the burn-rate
 * windows, following the suite's definitions: SLI, budget consumed and
 * remaining, burn rates, the multiwindow alerts scaled to the SLO window,
 * the exhaustion forecast and the status. No traffic in the window is
 * `no-data`; no number is ever NaN or Infinity.
 *
 * @throws Error when the objective is not above 0 and below 1.
 * @public
 */
export function evaluateSlo(input: {
  objective: number;
  window: SloWindow;
  /** Measurements keyed by window length in milliseconds. */
  measurements: ReadonlyMap<number, SloMeasurement | null | undefined>;
  now: Date;
  timeZone?: string;
  atRiskRemainingShare?: number;
}): SloEvaluation {
  const { objective, window, measurements, now } = input;
  const range = getSloWindowRange(window, now, input.timeZone);
  const { sloWindowMs } = sloMeasurementWindows(window, now, input.timeZone);

  const budget =
    sloWindowMs > 0
      ? errorBudgetFromSli(
          sliFromMeasurement(measurements.get(sloWindowMs)),
          objective,
        )
      : errorBudgetFromSli(
          { state: 'no-data', reason: 'the window has just started' },
          objective,
        );

  const burnRates = SLO_BURN_RATE_WINDOWS.map(w => {
    const sli = sliFromMeasurement(
      measurements.get(SLO_BURN_RATE_WINDOW_MS[w]),
    );
    const errorRatio = sli.state === 'ok' ? sli.errorRatio : null;
    return {
      window: w,
      errorRatio,
      burnRate:
        errorRatio === null ? null : computeBurnRate(errorRatio, objective),
    };
  });
  const rates: SloBurnRates = Object.fromEntries(
    burnRates.map(b => [b.window, b.burnRate]),
  );
  // Alert thresholds scale with the SLO's full window length.
  const alertWindowMs = range.durationMs;
  const alerts = evaluateBurnRateAlerts(rates, alertWindowMs);
  const remaining = budget.state === 'ok' ? budget.remaining : null;
  const forecast = forecastBudgetExhaustion({
    remaining,
    burnRate: rates[SLO_FORECAST_BURN_RATE_WINDOW] ?? null,
    window,
    now,
    timeZone: input.timeZone,
  });
  const status = computeSloStatus({
    budget,
    alerts,
    forecast,
    atRiskRemainingShare: input.atRiskRemainingShare,
  });

  return {
    windowStart: range.start.toISOString(),
    windowEnd:
      window.kind === 'rolling' ? now.toISOString() : range.end.toISOString(),
    windowLabel: describeSloWindow(window),
    sli: budget.state === 'ok' ? budget.sli : null,
    budgetConsumed: budget.state === 'ok' ? budget.consumed : null,
    budgetRemaining: remaining,
    ...(budget.state === 'ok' ? {} : { noDataReason: budget.reason }),
    burnRates,
    alertThresholds: computeBurnRateThresholds(alertWindowMs),
    alerts,
    forecast,
    status,
  };
}

/**
 * A window length in milliseconds as a PromQL duration, e.g. `28d`, `5m`,
 * or `1234s` for lengths that are not whole minutes.
 *
 * @public
 */
export function toPromDuration(ms: number): string {
  return formatPrometheusDuration(Math.max(1000, Math.round(ms / 1000) * 1000));
}
