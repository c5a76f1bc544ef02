/**
 * Summary statistics of a set of durations, in milliseconds.
 *
 * All statistics are `null` when there are no (valid) durations: never `NaN`
 * and never 0.
 *
 * @public
 */
export interface DurationStats {
  /** Number of durations the statistics are computed over. */
  n: number;
  /** The middle value; the mean of the two middle values for an even `n`. */
  medianMs: number | null;
  /** Nearest rank: the `ceil(0.9 * n)`-th smallest value. */
  p90Ms: number | null;
  /** The mean, in milliseconds; null without samples. */
  meanMs: number | null;
  /**
   * Durations left out because they are negative or not finite (bad upstream
   * data, e.g. acknowledged before created).
   */
  dataQualityIssues: number;
}

/**
 * Median, p90 (nearest rank) and mean of durations in milliseconds. Negative
 * and non-finite durations are left out and counted in `dataQualityIssues`.
 *
 * @public
 */
export function computeDurationStats(durationsMs: number[]): DurationStats {
  const valid = durationsMs.filter(d => Number.isFinite(d) && d >= 0);
  const dataQualityIssues = durationsMs.length - valid.length;
  const n = valid.length;
  if (n === 0) {
    return { n, medianMs: null, p90Ms: null, meanMs: null, dataQualityIssues };
  }
  const sorted = [...valid].sort((a, b) => a - b);
  const middle = Math.floor(n / 2);
  const medianMs =
    n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  // Nearest rank, in integer arithmetic: the ceil(0.9 n)-th smallest.
  const p90Rank = Math.ceil((9 * n) / 10);
  const p90Ms = sorted[p90Rank - 1];
  const meanMs = sorted.reduce((sum, d) => sum + d, 0) / n;
  return { n, medianMs, p90Ms, meanMs, dataQualityIssues };
}
