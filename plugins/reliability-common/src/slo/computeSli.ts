/**
 * Event counts over a window: `total` and exactly one of `good` and `bad`.
 * Counts may be fractional (Prometheus `increase()` extrapolates).
 *
 * @public
 */
export type SloEventCounts =
  | { good: number; bad?: undefined; total: number }
  | { good?: undefined; bad: number; total: number };

/**
 * The service level indicator over a window.
 *
 * - `ok`: `sli` = good / total and `errorRatio` = bad / total, both in [0, 1].
 * - `no-data`: no events in the window (total is 0): not 100%, unknown.
 * - `invalid`: negative, non-finite or contradicting counts (good above
 *   total); never turned into a number.
 *
 * @public
 */
export type SliResult =
  | {
      state: 'ok';
      sli: number;
      errorRatio: number;
      good: number;
      bad: number;
      total: number;
    }
  | { state: 'no-data'; reason: string }
  | { state: 'invalid'; reason: string };

// Counter arithmetic (e.g. total - good from two rate() queries evaluated at
// slightly different instants) can overshoot by float noise; within this
// relative tolerance a count is clamped into [0, total].
const RELATIVE_TOLERANCE = 1e-9;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Computes the SLI from event counts: SLI = good / total, error ratio =
 * bad / total. Guards every division: zero traffic is `no-data`, bad input is
 * `invalid`. A numerator that exceeds `total` (or is below 0) by less than
 * one part in 10^9 of `total` is counter noise and is clamped.
 *
 * @public
 */
export function computeSli(counts: SloEventCounts): SliResult {
  const { good, bad, total } = counts as {
    good?: number;
    bad?: number;
    total: number;
  };
  const hasGood = good !== undefined && good !== null;
  const hasBad = bad !== undefined && bad !== null;
  if (hasGood === hasBad) {
    return {
      state: 'invalid',
      reason: 'exactly one of good and bad must be given with total',
    };
  }
  const part = (hasGood ? good : bad) as number;
  const partName = hasGood ? 'good' : 'bad';
  if (!isCount(total) || !isCount(part)) {
    return {
      state: 'invalid',
      reason: `counts must be finite numbers, got ${partName}=${part} total=${total}`,
    };
  }
  if (total < 0) {
    return {
      state: 'invalid',
      reason: `total must not be negative, got ${total}`,
    };
  }
  const tolerance = total * RELATIVE_TOLERANCE;
  if (part < -tolerance) {
    return {
      state: 'invalid',
      reason: `${partName} must not be negative, got ${part}`,
    };
  }
  if (part > total + tolerance) {
    return {
      state: 'invalid',
      reason: `${partName} (${part}) must not exceed total (${total})`,
    };
  }
  if (total === 0) {
    return { state: 'no-data', reason: 'no events in the window' };
  }
  const clamped = Math.min(Math.max(part, 0), total);
  const goodCount = hasGood ? clamped : total - clamped;
  const badCount = hasGood ? total - clamped : clamped;
  return {
    state: 'ok',
    sli: goodCount / total,
    errorRatio: badCount / total,
    good: goodCount,
    bad: badCount,
    total,
  };
}

/**
 * Computes the SLI of a Timeslices SLO (OpenSLO `budgetingMethod:
 * Timeslices`): good slices / slices with data. Slices without data are not
 * counted; no slice with data is `no-data`.
 *
 * @public
 */
export function computeTimesliceSli(slices: {
  goodSlices: number;
  slicesWithData: number;
}): SliResult {
  const { goodSlices, slicesWithData } = slices;
  if (!Number.isInteger(goodSlices) || !Number.isInteger(slicesWithData)) {
    return {
      state: 'invalid',
      reason: `slice counts must be whole numbers, got good=${goodSlices} withData=${slicesWithData}`,
    };
  }
  return computeSli({ good: goodSlices, total: slicesWithData });
}
