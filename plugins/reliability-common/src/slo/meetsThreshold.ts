import { SloThresholdOperator } from './types';

/**
 * Whether a measured value is good for a threshold indicator, e.g.
 * `meetsThreshold(0.25, 'lte', 0.3)` for a p99 latency of 250ms against
 * 300ms. A missing or non-finite value is never good.
 *
 * @public
 */
export function meetsThreshold(
  value: number | null | undefined,
  operator: SloThresholdOperator,
  threshold: number,
): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return false;
  }
  switch (operator) {
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    default:
      return false;
  }
}

/**
 * Whether one time slice of a Timeslices SLO is good: its own good ratio
 * reaches the slice target (OpenSLO `timeSliceTarget`). A slice without data
 * (`null`) is neither good nor counted; callers skip it.
 *
 * @public
 */
export function isGoodTimeslice(
  sliceGoodRatio: number,
  timeSliceTarget: number,
): boolean {
  return Number.isFinite(sliceGoodRatio) && sliceGoodRatio >= timeSliceTarget;
}
