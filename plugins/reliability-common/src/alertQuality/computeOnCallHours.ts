import { parseTimestamp, requireTimestamp } from './parseTimestamp';
import { AlertQualityTimeRange, OnCallShift } from './types';

const HOUR_MS = 60 * 60 * 1000;
const HOURS_PER_WEEK = 168;

/**
 * On-call time in a range.
 *
 * @public
 */
export interface OnCallHours {
  /**
   * Person-hours on call: shifts clipped to the range; shifts of one person
   * merged (overlaps counted once); different people add up.
   */
  personHours: number;
  /** People with on-call time in the range. */
  people: number;
  /** Shifts whose start or end cannot be read, or that end before they start. */
  invalidShifts: number;
}

/** @internal */
export function onCallHoursOf(
  shifts: OnCallShift[],
  startMs: number,
  endMs: number,
): OnCallHours {
  const byUser = new Map<string, Array<[number, number]>>();
  let invalidShifts = 0;
  for (const shift of shifts) {
    const start = parseTimestamp(shift.start);
    const end = parseTimestamp(shift.end);
    if (start.status !== 'ok' || end.status !== 'ok' || end.ms < start.ms) {
      invalidShifts++;
      continue;
    }
    const from = Math.max(start.ms, startMs);
    const to = Math.min(end.ms, endMs);
    if (to <= from) {
      continue;
    }
    const intervals = byUser.get(shift.userId) ?? [];
    intervals.push([from, to]);
    byUser.set(shift.userId, intervals);
  }
  let totalMs = 0;
  for (const intervals of byUser.values()) {
    intervals.sort((a, b) => a[0] - b[0]);
    let [curStart, curEnd] = intervals[0];
    for (const [from, to] of intervals.slice(1)) {
      if (from <= curEnd) {
        curEnd = Math.max(curEnd, to);
      } else {
        totalMs += curEnd - curStart;
        [curStart, curEnd] = [from, to];
      }
    }
    totalMs += curEnd - curStart;
  }
  return { personHours: totalMs / HOUR_MS, people: byUser.size, invalidShifts };
}

/**
 * On-call person-hours in `range` (see `OnCallHours`).
 *
 * @public
 */
export function computeOnCallHours(
  shifts: OnCallShift[],
  range: AlertQualityTimeRange,
): OnCallHours {
  return onCallHoursOf(
    shifts,
    requireTimestamp(range.start, 'range.start'),
    requireTimestamp(range.end, 'range.end'),
  );
}

/**
 * Pages per on-call week: `pages / (personHours / 168)`. `null` when there
 * are no on-call person-hours.
 *
 * @public
 */
export function computePagesPerOnCallWeek(
  pages: number,
  personHours: number,
): number | null {
  if (!(personHours > 0)) {
    return null;
  }
  return pages / (personHours / HOURS_PER_WEEK);
}
