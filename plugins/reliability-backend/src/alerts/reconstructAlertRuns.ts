import { PromSeries } from '../providers/prometheus';

/**
 * A contiguous firing run of one `ALERTS` series (one label set).
 *
 * @public
 */
export interface AlertRun {
  /** The series labels (`alertname`, `alertstate`, ...), without `__name__`. */
  labels: Record<string, string>;
  /** Unix seconds of the first step at which the series was firing. */
  start: number;
  /** Unix seconds of the last step at which the series was firing. */
  last: number;
}

/**
 * An {@link AlertRun} of a reconstruction, and whether it is still firing.
 *
 * @public
 */
export interface ReconstructedAlertRun extends AlertRun {
  /** True when the run was firing at the last step of the range. */
  open: boolean;
}

/**
 * The input of {@link reconstructAlertRuns}.
 *
 * @public
 */
export interface ReconstructAlertRunsInput {
  /**
   * The answers of `timestamp(ALERTS{alertstate="firing", ...})` range
   * queries with a step of `stepSeconds` on a grid of multiples of it,
   * possibly split into consecutive chunks: the same series may appear
   * once per chunk. Each point is `[step time, time of the latest firing
   * sample at or before it]`.
   */
  series: PromSeries[];
  /** The step, in seconds. */
  stepSeconds: number;
  /** Unix seconds of the last step of the range (the last one queried). */
  lastStep: number;
  /**
   * Runs known from an earlier reconstruction (a sync cursor); a new point
   * adjacent to one of them extends it instead of starting a new run.
   */
  previous?: AlertRun[];
}

/**
 * A stable key of a label set: the labels sorted by name, without
 * `__name__`.
 *
 * @public
 */
export function alertSeriesKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .filter(name => name !== '__name__')
      .sort()
      .map(name => [name, labels[name]]),
  );
}

/**
 * Rebuilds the firing runs of `ALERTS` series from range-query points: a
 * step is firing when the series has a sample in `(t - step, t]`, and every
 * maximal sequence of consecutive firing steps of one label set is a run.
 * Pure.
 *
 * @remarks
 *
 * Why `timestamp()` rather than the plain series: a plain selector returns
 * the latest sample up to 5 minutes back (the lookback delta). Prometheus
 * writes a staleness marker when an alert resolves, so live data ends on
 * time, but history loaded any other way (backfilled blocks, some remote
 * storage) has no markers and would make every run 5 minutes too long.
 * Comparing each point's sample time with the step time gives the same
 * answer in both cases. The price: a rule evaluated less often than once per
 * step shows gaps, so the step must be at least the evaluation interval
 * (60 s covers the usual 15 s to 1 m).
 *
 * Points of the same series from several chunks are merged before runs are
 * cut, so a chunk boundary never splits a run. Runs are returned sorted by
 * start, then label set.
 *
 * @public
 */
export function reconstructAlertRuns(
  input: ReconstructAlertRunsInput,
): ReconstructedAlertRun[] {
  const { stepSeconds: step, lastStep } = input;
  if (!Number.isFinite(step) || step <= 0) {
    throw new TypeError(`stepSeconds must be positive, got ${step}`);
  }
  // the sample of a step time t is in (t - step, t]; allow a millisecond of
  // float error on both sides
  const epsilon = 1e-3;

  const bySeries = new Map<
    string,
    { labels: Record<string, string>; intervals: Array<[number, number]> }
  >();
  const entry = (labels: Record<string, string>) => {
    const key = alertSeriesKey(labels);
    let found = bySeries.get(key);
    if (!found) {
      const rest = { ...labels };
      delete rest.__name__;
      found = { labels: rest, intervals: [] };
      bySeries.set(key, found);
    }
    return found;
  };

  for (const run of input.previous ?? []) {
    entry(run.labels).intervals.push([run.start, run.last]);
  }
  for (const series of input.series) {
    const target = entry(series.metric);
    for (const [t, sampleTime] of series.values) {
      if (sampleTime === null) {
        continue;
      }
      const age = t - sampleTime;
      if (age > -epsilon && age < step - epsilon) {
        target.intervals.push([t, t]);
      }
    }
  }

  const runs: ReconstructedAlertRun[] = [];
  for (const { labels, intervals } of bySeries.values()) {
    intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current: [number, number] | undefined;
    const flush = () => {
      if (current) {
        runs.push({
          labels,
          start: current[0],
          last: current[1],
          open: current[1] >= lastStep - epsilon,
        });
      }
    };
    for (const [start, last] of intervals) {
      if (current && start <= current[1] + step + epsilon) {
        current[1] = Math.max(current[1], last);
      } else {
        flush();
        current = [start, last];
      }
    }
    flush();
  }
  return runs.sort(
    (a, b) =>
      a.start - b.start ||
      compareText(alertSeriesKey(a.labels), alertSeriesKey(b.labels)),
  );
}

function compareText(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
