/**
 * The windows burn rates are measured over for multiwindow alerts.
 *
 * @public
 */
export const SLO_BURN_RATE_WINDOWS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/**
 * One of {@link SLO_BURN_RATE_WINDOWS}.
 *
 * @public
 */
export type SloBurnRateWindow = (typeof SLO_BURN_RATE_WINDOWS)[number];

/**
 * Milliseconds of each burn-rate window.
 *
 * @public
 */
export const SLO_BURN_RATE_WINDOW_MS: Readonly<
  Record<SloBurnRateWindow, number>
> = {
  '5m': 5 * 60 * 1000,
  '30m': 30 * 60 * 1000,
  '1h': 60 * 60 * 1000,
  '2h': 2 * 60 * 60 * 1000,
  '6h': 6 * 60 * 60 * 1000,
  '1d': 24 * 60 * 60 * 1000,
  '3d': 3 * 24 * 60 * 60 * 1000,
};

/**
 * One multiwindow, multi-burn-rate alert: it fires when the burn rate over
 * both the long and the short window exceeds the threshold at which
 * `budgetShare` of the whole SLO window's budget is spent within the long
 * window.
 *
 * @public
 */
export interface SloBurnRateAlertDefinition {
  /** A page or a ticket. */
  severity: 'page' | 'ticket';
  /** The long window. */
  longWindow: SloBurnRateWindow;
  /** The short window. */
  shortWindow: SloBurnRateWindow;
  /** Share of the SLO window's error budget spent within `longWindow`. */
  budgetShare: number;
}

/**
 * The four alerts of the Google SRE Workbook (chapter "Alerting on SLOs"),
 * as Sloth generates them: page on 2% of the budget in 1h (confirmed over
 * 5m) or 5% in 6h (30m); ticket on 10% in 1d (2h) or 10% in 3d (6h).
 *
 * @public
 */
export const SLO_BURN_RATE_ALERTS: ReadonlyArray<SloBurnRateAlertDefinition> = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetShare: 0.02 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetShare: 0.05 },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetShare: 0.1 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetShare: 0.1 },
];

/**
 * An alert definition with its burn-rate threshold for one SLO window.
 *
 * @public
 */
export interface SloBurnRateAlertThreshold extends SloBurnRateAlertDefinition {
  /** Burn rate both windows must exceed, e.g. 14.4 for 1h of a 30d SLO. */
  threshold: number;
}

// Removes binary noise such as 14.399999999999999 without changing the value
// meaningfully (15 significant digits).
function clean(value: number): number {
  return Number(value.toPrecision(15));
}

/**
 * Computes the alert thresholds for an SLO window of `windowMs`
 * milliseconds: budget share x window / long window. For 30 days: 14.4, 6, 3
 * and 1; for 28 days: 13.44, 5.6, 2.8 and 0.9333...
 *
 * @throws Error when `windowMs` is not a positive finite number.
 * @public
 */
export function computeBurnRateThresholds(
  windowMs: number,
  alerts: ReadonlyArray<SloBurnRateAlertDefinition> = SLO_BURN_RATE_ALERTS,
): SloBurnRateAlertThreshold[] {
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new Error(
      `SLO window must be a positive number of milliseconds, got ${windowMs}`,
    );
  }
  return alerts.map(alert => ({
    ...alert,
    threshold: clean(
      alert.budgetShare *
        (windowMs / SLO_BURN_RATE_WINDOW_MS[alert.longWindow]),
    ),
  }));
}

/**
 * Burn rates per window; a missing, `null` or non-finite value means no data
 * for that window.
 *
 * @public
 */
export type SloBurnRates = Partial<
  Record<SloBurnRateWindow, number | null | undefined>
>;

/**
 * One firing alert condition.
 *
 * @public
 */
export interface SloFiringBurnRateAlert {
  /** A page or a ticket. */
  severity: 'page' | 'ticket';
  /** The long window. */
  longWindow: SloBurnRateWindow;
  /** The short window. */
  shortWindow: SloBurnRateWindow;
  /** The burn rate both windows exceed. */
  threshold: number;
  /** The burn rate over the long window. */
  longBurn: number;
  /** The burn rate over the short window. */
  shortBurn: number;
}

/**
 * The state of the multiwindow burn-rate alerts of one SLO.
 *
 * @public
 */
export interface SloBurnRateAlertState {
  /** Whether a page alert fires. */
  page: boolean;
  /** Whether a ticket alert fires. */
  ticket: boolean;
  /** The alerts that fire. */
  firing: SloFiringBurnRateAlert[];
}

function burnOf(
  rates: SloBurnRates,
  window: SloBurnRateWindow,
): number | undefined {
  const value = rates[window];
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/**
 * Evaluates the multiwindow, multi-burn-rate alerts: an alert fires when the
 * burn rates of both its long and its short window are strictly above its
 * threshold. A window without a burn rate (no traffic) never fires.
 *
 * @throws Error when `windowMs` is not a positive finite number.
 * @public
 */
export function evaluateBurnRateAlerts(
  burnRates: SloBurnRates,
  windowMs: number,
  alerts: ReadonlyArray<SloBurnRateAlertDefinition> = SLO_BURN_RATE_ALERTS,
): SloBurnRateAlertState {
  const firing: SloFiringBurnRateAlert[] = [];
  for (const alert of computeBurnRateThresholds(windowMs, alerts)) {
    const longBurn = burnOf(burnRates, alert.longWindow);
    const shortBurn = burnOf(burnRates, alert.shortWindow);
    if (
      longBurn !== undefined &&
      shortBurn !== undefined &&
      longBurn > alert.threshold &&
      shortBurn > alert.threshold
    ) {
      firing.push({
        severity: alert.severity,
        longWindow: alert.longWindow,
        shortWindow: alert.shortWindow,
        threshold: alert.threshold,
        longBurn,
        shortBurn,
      });
    }
  }
  return {
    page: firing.some(f => f.severity === 'page'),
    ticket: firing.some(f => f.severity === 'ticket'),
    firing,
  };
}
