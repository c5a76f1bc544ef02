import { DateTime } from 'luxon';
import { CampaignReminders, CampaignState } from '../api/campaigns';

/**
 * The reminder schedule of a campaign that sets none: weekly, daily in the
 * last 7 days.
 *
 * @public
 */
export const DEFAULT_CAMPAIGN_REMINDERS: CampaignReminders = {
  everyDays: 7,
  finalDays: 7,
  finalEveryDays: 1,
};

/**
 * What the time functions of a campaign read.
 *
 * @public
 */
export interface CampaignDates {
  /** `YYYY-MM-DD` in `timeZone`. */
  startDate: string;
  /** `YYYY-MM-DD` in `timeZone`; due at the end of that day. */
  dueDate: string;
  /** An IANA time zone. */
  timeZone: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether `zone` is an IANA time zone luxon knows (e.g. `Europe/Berlin`,
 * `UTC`).
 *
 * @public
 */
export function isValidTimeZone(zone: string): boolean {
  return zone.length > 0 && DateTime.fromMillis(0, { zone }).isValid;
}

/**
 * Whether `day` is a real calendar day `YYYY-MM-DD` (not Feb 30).
 *
 * @public
 */
export function isCalendarDay(day: string): boolean {
  return DAY.test(day) && DateTime.fromISO(day, { zone: 'UTC' }).isValid;
}

function startOfDay(day: string, zone: string): DateTime {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  if (!start.isValid) {
    throw new RangeError(`Invalid day "${day}" in time zone "${zone}"`);
  }
  return start;
}

/**
 * The instant a campaign's first day starts: midnight of `startDate` in
 * its time zone.
 *
 * @public
 */
export function campaignStartAt(c: CampaignDates): Date {
  return startOfDay(c.startDate, c.timeZone).toJSDate();
}

/**
 * The instant a campaign is due: the end of `dueDate` in its time zone,
 * i.e. the start of the next day there (exclusive). Calendar arithmetic,
 * so a day of 23 or 25 hours (daylight saving changes) ends at its real
 * midnight.
 *
 * @public
 */
export function campaignDueAt(c: CampaignDates): Date {
  return startOfDay(c.dueDate, c.timeZone).plus({ days: 1 }).toJSDate();
}

/**
 * The day (`YYYY-MM-DD`) an instant falls on in a time zone.
 *
 * @public
 */
export function dayInZone(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'UTC' })
      .diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days')
      .as('days'),
  );
}

/** The day `days` after `day` (both `YYYY-MM-DD`). */
function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/**
 * A campaign's state at `now`: `draft` until published, `ended` when ended
 * early or once due, `scheduled` before the start of its first day,
 * otherwise `active`.
 *
 * @public
 */
export function campaignState(
  c: CampaignDates & { published: boolean; endedAt?: string },
  now: Date,
): CampaignState {
  if (c.endedAt && Date.parse(c.endedAt) <= now.getTime()) return 'ended';
  if (!c.published) return 'draft';
  if (now.getTime() >= campaignDueAt(c).getTime()) return 'ended';
  if (now.getTime() < campaignStartAt(c).getTime()) return 'scheduled';
  return 'active';
}

/**
 * Whole calendar days from today (in the campaign's time zone) to the due
 * date: 0 on the due day, 1 the day before, -1 the day after (overdue).
 *
 * @public
 */
export function dueInDays(c: CampaignDates, now: Date): number {
  return daysBetween(dayInZone(now, c.timeZone), c.dueDate);
}

/**
 * The reminder step in effect at `now`: the latest reminder day (in the
 * campaign's time zone) on or before today, from the start date every
 * `everyDays` days, and within the last `finalDays` days before the due
 * date every `finalEveryDays` days (counted from the first day of that
 * stretch). Undefined before the start and after the due date. A step is
 * sent at most once per owner, so a run that misses a reminder day still
 * sends it late, once.
 *
 * @public
 */
export function reminderStep(
  c: CampaignDates & { reminders: CampaignReminders },
  now: Date,
): { day: string; final: boolean } | undefined {
  const today = dayInZone(now, c.timeZone);
  if (today < c.startDate || today > c.dueDate) return undefined;
  const { everyDays, finalDays, finalEveryDays } = c.reminders;
  if (finalDays && finalDays > 0) {
    const finalStart = addDays(c.dueDate, -(finalDays - 1));
    if (today >= finalStart) {
      const every = Math.max(1, finalEveryDays ?? 1);
      const first = finalStart < c.startDate ? c.startDate : finalStart;
      const k = Math.floor(daysBetween(first, today) / every);
      return { day: addDays(first, k * every), final: true };
    }
  }
  const every = Math.max(1, everyDays);
  const k = Math.floor(daysBetween(c.startDate, today) / every);
  return { day: addDays(c.startDate, k * every), final: false };
}
