/**
 * Whether a higher or a lower value of a metric is better.
 *
 * @public
 */
export type MetricPolarity = 'lower-is-better' | 'higher-is-better';

/**
 * A figure of the current window compared with the previous window.
 *
 * @public
 */
export interface AlertQualityTrend {
  /** The value of the current window; null without data. */
  current: number | null;
  /** The value of the window before; null without data. */
  previous: number | null;
  /** `current - previous`; `null` when either is `null`. */
  delta: number | null;
  /** `unknown` when either value is `null`. */
  direction: 'up' | 'down' | 'flat' | 'unknown';
  /**
   * Whether the change is an improvement, given the metric's polarity;
   * `null` when the direction is `flat` or `unknown`.
   */
  better: boolean | null;
}

/**
 * Compares a current with a previous value. Differences within 1e-9
 * (relative to the larger magnitude, at least absolute 1e-9) are `flat`, so
 * that floating point noise is not reported as a change.
 *
 * @public
 */
export function computeTrend(
  current: number | null,
  previous: number | null,
  polarity: MetricPolarity,
): AlertQualityTrend {
  if (
    current === null ||
    previous === null ||
    !Number.isFinite(current) ||
    !Number.isFinite(previous)
  ) {
    return {
      current: current ?? null,
      previous: previous ?? null,
      delta: null,
      direction: 'unknown',
      better: null,
    };
  }
  const raw = current - previous;
  const tolerance = 1e-9 * Math.max(1, Math.abs(current), Math.abs(previous));
  if (Math.abs(raw) <= tolerance) {
    return { current, previous, delta: 0, direction: 'flat', better: null };
  }
  const direction = raw > 0 ? 'up' : 'down';
  return {
    current,
    previous,
    delta: raw,
    direction,
    better: (direction === 'up') === (polarity === 'higher-is-better'),
  };
}
