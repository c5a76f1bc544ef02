import { DateTime, IANAZone } from 'luxon';
import { toEpochMs } from './toEpochMs';
import { SloWindow } from './types';

/**
 * The current window of an SLO: `[start, end)`.
 *
 * @public
 */
export interface SloWindowRange {
  /** The start of the window. */
  start: Date;
  /** The end of the window. */
  end: Date;
  /** `end - start`; for calendar months and DST weeks the real length. */
  durationMs: number;
}

/**
 * The time zone a calendar window is aligned in: the window's own zone,
 * else `fallback`, else UTC.
 *
 * @throws Error for an unknown IANA zone name.
 * @public
 */
export function resolveSloTimeZone(
  window: SloWindow,
  fallback?: string,
): string {
  const zone =
    (window.kind === 'calendar' ? window.timeZone : undefined) ??
    fallback ??
    'UTC';
  if (!IANAZone.isValidZone(zone)) {
    throw new Error(
      `unknown time zone "${zone}" (use an IANA name such as Europe/Berlin)`,
    );
  }
  return zone;
}

/**
 * Returns the current window `[start, end)` of an SLO at `now`:
 *
 * - rolling: `[now - W, now)`;
 * - calendar week: the ISO week, Monday 00:00 to the next Monday 00:00;
 * - calendar month: the 1st 00:00 to the next month's 1st 00:00;
 *
 * calendar windows aligned in the window's `timeZone`, else `timeZone`, else
 * UTC.
 *
 * @throws Error for an invalid `now` or time zone.
 * @public
 */
export function getSloWindowRange(
  window: SloWindow,
  now: Date | string,
  timeZone?: string,
): SloWindowRange {
  const nowMs = toEpochMs(now, 'now');
  if (window.kind === 'rolling') {
    return {
      start: new Date(nowMs - window.ms),
      end: new Date(nowMs),
      durationMs: window.ms,
    };
  }
  const zone = resolveSloTimeZone(window, timeZone);
  const local = DateTime.fromMillis(nowMs, { zone });
  const start = local.startOf(window.unit);
  const end = start.plus(window.unit === 'week' ? { weeks: 1 } : { months: 1 });
  return {
    start: start.toJSDate(),
    end: end.toJSDate(),
    durationMs: end.toMillis() - start.toMillis(),
  };
}

/**
 * The share of the current calendar window that has passed at `now`, in
 * [0, 1): 0 at the window's first instant. Always 1 for rolling windows,
 * which are full by definition.
 *
 * @throws Error for an invalid `now` or time zone.
 * @public
 */
export function getSloWindowElapsedShare(
  window: SloWindow,
  now: Date | string,
  timeZone?: string,
): number {
  if (window.kind === 'rolling') {
    return 1;
  }
  const range = getSloWindowRange(window, now, timeZone);
  const elapsed = toEpochMs(now, 'now') - range.start.getTime();
  return range.durationMs > 0 ? elapsed / range.durationMs : 0;
}
