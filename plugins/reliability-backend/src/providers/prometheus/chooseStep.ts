import { InputError } from '@backstage/errors';

/**
 * The most points per series a Prometheus range query may return
 * (Prometheus refuses more than 11,000).
 *
 * @public
 */
export const PROMETHEUS_MAX_POINTS_PER_SERIES = 11_000;

const DAY_SECONDS = 86_400;

/**
 * Steps, in seconds, that `chooseStep` picks from: 1s, 2s, 5s, 10s, 15s, 30s,
 * 1m, 5m, 15m, 30m, 1h, 3h, 6h, 12h, 1d; beyond that whole days.
 */
const NICE_STEPS_SECONDS = [
  1,
  2,
  5,
  10,
  15,
  30,
  60,
  300,
  900,
  1800,
  3600,
  10_800,
  21_600,
  43_200,
  DAY_SECONDS,
];

/**
 * Options of {@link chooseStep}.
 *
 * @public
 */
export interface ChooseStepOptions {
  /**
   * The most points per series. Default
   * {@link PROMETHEUS_MAX_POINTS_PER_SERIES} (11,000).
   */
  maxPoints?: number;
  /**
   * The smallest step to pick, in seconds. Default 15, a common scrape
   * interval: a smaller step than the scrape interval only repeats samples.
   */
  minStep?: number;
}

/**
 * Picks a "nice" step, in whole seconds, for a range query from `start` to
 * `end` such that `(end - start) / step + 1` stays at or below the points
 * limit.
 *
 * @remarks
 *
 * The step is the smallest of 1s, 2s, 5s, 10s, 15s, 30s, 1m, 5m, 15m, 30m, 1h,
 * 3h, 6h, 12h and 1d (then whole days) that is at least `minStep` and keeps the
 * number of points within `maxPoints`. For example 1 hour gives 15s and 30
 * days give 5m (8,641 points).
 *
 * @throws InputError when `start` is not before `end` or a date is invalid.
 * @public
 */
export function chooseStep(
  start: Date,
  end: Date,
  options: ChooseStepOptions = {},
): number {
  const maxPoints = options.maxPoints ?? PROMETHEUS_MAX_POINTS_PER_SERIES;
  const minStep = options.minStep ?? 15;
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new InputError(
      `maxPoints must be an integer of at least 2, got ${maxPoints}`,
    );
  }
  if (!Number.isFinite(minStep) || minStep <= 0) {
    throw new InputError(`minStep must be a positive number, got ${minStep}`);
  }
  const rangeSeconds = rangeInSeconds(start, end);

  // points = floor(range / step) + 1 <= maxPoints  <=  step >= range / (maxPoints - 1)
  const needed = Math.max(rangeSeconds / (maxPoints - 1), minStep);
  const nice = NICE_STEPS_SECONDS.find(step => step >= needed);
  if (nice !== undefined) {
    return nice;
  }
  return Math.ceil(needed / DAY_SECONDS) * DAY_SECONDS;
}

/**
 * The number of points per series a range query from `start` to `end` with
 * `step` seconds returns.
 *
 * @public
 */
export function countRangePoints(start: Date, end: Date, step: number): number {
  return Math.floor(rangeInSeconds(start, end) / step) + 1;
}

function rangeInSeconds(start: Date, end: Date): number {
  const startMs = start instanceof Date ? start.getTime() : NaN;
  const endMs = end instanceof Date ? end.getTime() : NaN;
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) {
    throw new InputError('The start and end of a range must be valid dates');
  }
  if (startMs >= endMs) {
    throw new InputError(
      `The start of a range must be before its end, got start ${new Date(
        startMs,
      ).toISOString()} and end ${new Date(endMs).toISOString()}`,
    );
  }
  return (endMs - startMs) / 1000;
}
