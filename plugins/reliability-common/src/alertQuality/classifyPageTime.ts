import { DateTime } from 'luxon';
import { requireTimestamp } from './parseTimestamp';
import { TeamHours, resolveTeamHours } from './resolveTeamHours';
import { BusinessHours, PageTimeBucket, SleepHours } from './types';

/**
 * Business and sleep hours of a team. Missing fields take the defaults
 * (Monday to Friday 09:00-18:00 UTC; sleep 22:00-07:00).
 *
 * @public
 */
export interface TeamHoursOptions {
  /** Overrides of the default business hours. */
  businessHours?: Partial<BusinessHours>;
  /** Overrides of the default sleep hours. */
  sleepHours?: Partial<SleepHours>;
}

/** @internal */
export function bucketOfInstant(ms: number, hours: TeamHours): PageTimeBucket {
  const local = DateTime.fromMillis(ms, { zone: hours.zone });
  const timeOfDay =
    local.hour * 3_600_000 +
    local.minute * 60_000 +
    local.second * 1000 +
    local.millisecond;

  const { sleepStartMs, sleepEndMs } = hours;
  const asleep =
    sleepStartMs <= sleepEndMs
      ? timeOfDay >= sleepStartMs && timeOfDay < sleepEndMs
      : timeOfDay >= sleepStartMs || timeOfDay < sleepEndMs;
  if (asleep) {
    return 'sleep';
  }
  const working =
    hours.days.has(local.weekday) &&
    timeOfDay >= hours.businessStartMs &&
    timeOfDay < hours.businessEndMs;
  return working ? 'business' : 'off';
}

/**
 * Classifies the moment a page was created, by the local wall-clock time in
 * the team's time zone (daylight saving time included, via luxon):
 *
 * - `sleep`: within sleep hours (start inclusive, end exclusive), on any day;
 * - else `off`: outside business hours (not a business day, or before the
 *   start or at/after the end of the working day);
 * - else `business`.
 *
 * Sleep hours with the same start and end are empty. Throws on a bad
 * timestamp, time zone or hours.
 *
 * @public
 */
export function classifyPageTime(
  createdAt: string | Date | number,
  options: TeamHoursOptions = {},
): PageTimeBucket {
  return bucketOfInstant(
    requireTimestamp(createdAt, 'createdAt'),
    resolveTeamHours(options.businessHours, options.sleepHours),
  );
}
