import { DateTime } from 'luxon';
import { BusinessCalendar } from './types';

/**
 * Whether a local date (`YYYY-MM-DD`) is a working day of the calendar.
 *
 * @public
 */
export function isBusinessDay(
  date: string,
  calendar: BusinessCalendar,
): boolean {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  if (!day.isValid) {
    throw new TypeError(`isBusinessDay: invalid date ${date}`);
  }
  return (
    calendar.days.includes(day.weekday) && !calendar.holidays.includes(date)
  );
}

/**
 * The deadline `n` business days after an instant: the end (the next local
 * midnight) of the `n`-th working day that follows the instant's local date
 * in the calendar's time zone. The day of the instant itself never counts,
 * so an incident resolved on a Friday afternoon with `n = 5` is due at the
 * end of the next Friday (without holidays). Weekends and holidays are
 * skipped; daylight saving time changes move the UTC offset of the deadline,
 * never its local time. Pure.
 *
 * @public
 */
export function addBusinessDays(
  from: string,
  n: number,
  calendar: BusinessCalendar,
): string {
  if (!Number.isInteger(n) || n < 0) {
    throw new TypeError(`addBusinessDays: ${n} is not a whole number of days`);
  }
  if (!calendar.days.some(d => d >= 1 && d <= 7)) {
    throw new TypeError('addBusinessDays: the calendar has no working day');
  }
  const start = DateTime.fromISO(from, { zone: calendar.timeZone });
  if (!start.isValid) {
    throw new TypeError(
      `addBusinessDays: invalid instant ${from} or time zone ${calendar.timeZone}`,
    );
  }
  let day = start.startOf('day');
  let counted = 0;
  // a year of holidays cannot hide every working day
  for (let guard = 0; counted < n && guard < 3700; guard++) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day.toISODate()!, calendar)) {
      counted++;
    }
  }
  return day
    .plus({ days: 1 })
    .startOf('day')
    .toUTC()
    .toISO({ suppressMilliseconds: true })!;
}

/**
 * The number of whole days from `from` to `to` (both ISO 8601), rounded
 * down; 0 when `to` is not after `from`. For the age of overdue actions.
 *
 * @public
 */
export function wholeDaysBetween(from: string, to: string): number {
  const ms = Date.parse(to) - Date.parse(from);
  return ms > 0 ? Math.floor(ms / 86_400_000) : 0;
}

/**
 * The end (the next local midnight) of a local date `YYYY-MM-DD` in a time
 * zone, as an ISO 8601 instant: when an action due that day becomes overdue.
 *
 * @public
 */
export function endOfLocalDate(date: string, timeZone: string): string {
  const day = DateTime.fromISO(date, { zone: timeZone });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new TypeError(
      `endOfLocalDate: invalid date ${date} or zone ${timeZone}`,
    );
  }
  return day
    .plus({ days: 1 })
    .startOf('day')
    .toUTC()
    .toISO({ suppressMilliseconds: true })!;
}
