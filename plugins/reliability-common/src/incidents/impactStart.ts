/**
 * One sample of an SLO's short-window burn rate (error ratio over the
 * window divided by the error budget `1 - objective`); null without data.
 *
 * @public
 */
export interface BurnRateSample {
  /** Unix milliseconds. */
  at: number;
  /** The burn rate (1 spends the budget exactly); null without data. */
  burnRate: number | null;
}

/**
 * The impact start of an incident from an SLO's 5-minute burn rate sampled
 * every minute over the hours before it: the first sample from which the
 * burn rate stayed above 1 up to the incident's creation. Null (unknown,
 * never a guess) when the burn rate at the last sample at or before the
 * creation is not above 1 (no SLO breach led to the incident), or when it
 * was above 1 from the very first sample (the breach began before the
 * samples do). A sample without data interrupts the run. Pure.
 *
 * @public
 */
export function findImpactStart(
  samples: BurnRateSample[],
  createdAtMs: number,
): number | null {
  const before = samples
    .filter(s => s.at <= createdAtMs)
    .sort((a, b) => a.at - b.at);
  let i = before.length - 1;
  const above = (s: BurnRateSample) =>
    s.burnRate !== null && Number.isFinite(s.burnRate) && s.burnRate > 1;
  if (i < 0 || !above(before[i])) {
    return null;
  }
  while (i > 0 && above(before[i - 1])) {
    i--;
  }
  return i === 0 ? null : before[i].at;
}

/**
 * The earliest of several impact starts (one per SLO of the entity), or
 * null when none is known.
 *
 * @public
 */
export function earliestImpactStart(
  starts: Array<number | null>,
): number | null {
  const known = starts.filter((s): s is number => s !== null);
  return known.length ? Math.min(...known) : null;
}
