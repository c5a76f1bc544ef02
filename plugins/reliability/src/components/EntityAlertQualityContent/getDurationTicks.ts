const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Steps that read well as durations: 1 s, 2 s, 5 s, ... 1 d, 2 d, 7 d.
const STEPS = [
  SECOND_MS,
  2 * SECOND_MS,
  5 * SECOND_MS,
  10 * SECOND_MS,
  15 * SECOND_MS,
  30 * SECOND_MS,
  MINUTE_MS,
  2 * MINUTE_MS,
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
  14 * DAY_MS,
  30 * DAY_MS,
];

/**
 * Ticks for a duration axis from 0 to at least `maxMs`, at most `maxTicks`
 * intervals, on a step that reads well (`5 m`, `2 h`, ...). Missing, zero
 * or invalid values give `[0, 1 s]`.
 */
export function getDurationTicks(
  values: Array<number | null | undefined>,
  maxTicks = 5,
): number[] {
  const finite = values.filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0,
  );
  const maxMs = finite.length > 0 ? Math.max(...finite) : 0;
  if (maxMs === 0) {
    return [0, SECOND_MS];
  }
  const step =
    STEPS.find(s => Math.ceil(maxMs / s) <= maxTicks) ??
    Math.ceil(maxMs / maxTicks / DAY_MS) * DAY_MS;
  const count = Math.ceil(maxMs / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
