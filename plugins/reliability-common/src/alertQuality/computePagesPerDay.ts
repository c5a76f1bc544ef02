import { DateTime } from 'luxon';
import { TeamHoursOptions, bucketOfInstant } from './classifyPageTime';
import { NormalizedIncident, normalizeIncidents } from './normalizeIncidents';
import { requireTimestamp } from './parseTimestamp';
import { TeamHours, resolveTeamHours } from './resolveTeamHours';
import { AlertQualityTimeRange, Incident } from './types';

/**
 * The pages created on one calendar day, by time bucket.
 *
 * @public
 */
export interface DailyPageCount {
  /** Calendar date in the team's time zone, `YYYY-MM-DD`. */
  date: string;
  /** Pages during business hours. */
  business: number;
  /** Pages outside business and sleep hours. */
  off: number;
  /** Pages during sleep hours. */
  sleep: number;
  /** All pages of the day. */
  total: number;
}

/** @internal */
export function pagesPerDayOf(
  incidents: NormalizedIncident[],
  startMs: number,
  endMs: number,
  hours: TeamHours,
): DailyPageCount[] {
  const days: DailyPageCount[] = [];
  const byDate = new Map<string, DailyPageCount>();
  let day = DateTime.fromMillis(startMs, { zone: hours.zone }).startOf('day');
  while (day.toMillis() < endMs) {
    const date = day.toISODate()!;
    const entry = { date, business: 0, off: 0, sleep: 0, total: 0 };
    days.push(entry);
    byDate.set(date, entry);
    day = day.plus({ days: 1 }).startOf('day');
  }
  for (const incident of incidents) {
    if (
      !incident.isPage ||
      incident.createdMs < startMs ||
      incident.createdMs >= endMs
    ) {
      continue;
    }
    const date = DateTime.fromMillis(incident.createdMs, {
      zone: hours.zone,
    }).toISODate()!;
    const entry = byDate.get(date);
    if (entry) {
      entry[bucketOfInstant(incident.createdMs, hours)]++;
      entry.total++;
    }
  }
  return days;
}

/**
 * Pages (high-urgency incidents) created in `range`, per calendar day in the
 * team's time zone and split by time bucket (see `classifyPageTime`). Every
 * calendar day the range touches is present, with zeros; a day of 23 or 25
 * hours (daylight saving change) is one day. When the range does not start
 * or end at local midnight, the first and the last day are partial.
 *
 * @public
 */
export function computePagesPerDay(
  incidents: Incident[],
  range: AlertQualityTimeRange,
  options: TeamHoursOptions = {},
): DailyPageCount[] {
  return pagesPerDayOf(
    normalizeIncidents(incidents).valid,
    requireTimestamp(range.start, 'range.start'),
    requireTimestamp(range.end, 'range.end'),
    resolveTeamHours(options.businessHours, options.sleepHours),
  );
}
