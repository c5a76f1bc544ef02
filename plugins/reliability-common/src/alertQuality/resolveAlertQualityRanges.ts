import { DateTime } from 'luxon';
import {
  AlertQualityWindow,
  alertQualityWindowDays,
} from './parseAlertQualityWindow';
import { requireTimestamp } from './parseTimestamp';
import { requireTimeZone } from './resolveTeamHours';
import { AlertQualityTimeRange } from './types';

/**
 * The current and the previous range of an alert quality window.
 *
 * @public
 */
export interface AlertQualityRanges {
  /** The length of each range, in days. */
  days: number;
  /** `[now - days, now)`. */
  current: AlertQualityTimeRange;
  /** `[now - 2 * days, now - days)`. */
  previous: AlertQualityTimeRange;
}

/** @internal */
export interface AlertQualityRangesMs {
  days: number;
  current: { startMs: number; endMs: number };
  previous: { startMs: number; endMs: number };
}

/** @internal */
export function resolveAlertQualityRangesMs(
  window: AlertQualityWindow,
  now: string | Date | number,
  timeZone: string,
): AlertQualityRangesMs {
  const days = alertQualityWindowDays(window);
  const zone = requireTimeZone(timeZone);
  const endMs = requireTimestamp(now, 'now');
  const end = DateTime.fromMillis(endMs, { zone });
  const start = end.minus({ days });
  const previousStart = start.minus({ days });
  return {
    days,
    current: { startMs: start.toMillis(), endMs },
    previous: { startMs: previousStart.toMillis(), endMs: start.toMillis() },
  };
}

/**
 * The current window `[now - days, now)` and the previous window of the same
 * length, `[now - 2 * days, now - days)`.
 *
 * Days are calendar days in the team's time zone: the window starts at the
 * same local wall-clock time `days` days earlier, so a window that contains a
 * daylight saving change is an hour shorter or longer than `days * 24h`
 * (in UTC it is always exactly `days * 24h`). When that local time does not
 * exist on the start day (spring forward), the window starts an hour later.
 *
 * @public
 */
export function resolveAlertQualityRanges(
  window: AlertQualityWindow,
  now: string | Date | number,
  timeZone: string = 'UTC',
): AlertQualityRanges {
  const ranges = resolveAlertQualityRangesMs(window, now, timeZone);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    days: ranges.days,
    current: {
      start: iso(ranges.current.startMs),
      end: iso(ranges.current.endMs),
    },
    previous: {
      start: iso(ranges.previous.startMs),
      end: iso(ranges.previous.endMs),
    },
  };
}
