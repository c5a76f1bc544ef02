/**
 * ISO 8601 weeks (weeks start on Monday; a week belongs to the year of its
 * Thursday), all in UTC. The one implementation the backend (fleet trends,
 * weekly reviews) and the frontend (week pickers) share.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first year {@link parseIsoWeek} accepts: no fleet history is older.
 *
 * @public
 */
export const ISO_WEEK_MIN_YEAR = 2000;

/**
 * The last year {@link parseIsoWeek} accepts, so that a requested week
 * (`?week=`) never renders as a year like `+010000`.
 *
 * @public
 */
export const ISO_WEEK_MAX_YEAR = 2999;

/**
 * The Monday (UTC) of the ISO week of an instant, as `YYYY-MM-DD`.
 *
 * @public
 */
export function isoWeekStart(at: Date | number | string): string {
  const d = new Date(at);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day),
  )
    .toISOString()
    .slice(0, 10);
}

/**
 * The ISO week label (`2026-W48`) of a Monday `YYYY-MM-DD`.
 *
 * @public
 */
export function isoWeekLabel(monday: string): string {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  const week = Math.floor((dayOfYear - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The ISO 8601 week of an instant (in UTC), e.g. `2026-W48`.
 *
 * @public
 */
export function toIsoWeek(at: Date | number | string): string {
  return isoWeekLabel(isoWeekStart(at));
}

/**
 * The Monday (`YYYY-MM-DD`) of an ISO week label, or undefined if it is not
 * a week that exists (e.g. `2021-W53`) or its year is outside
 * {@link ISO_WEEK_MIN_YEAR}..{@link ISO_WEEK_MAX_YEAR}.
 *
 * @public
 */
export function parseIsoWeek(label: string): string | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) {
    return undefined;
  }
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < ISO_WEEK_MIN_YEAR || year > ISO_WEEK_MAX_YEAR) {
    return undefined;
  }
  if (week < 1 || week > 53) {
    return undefined;
  }
  const jan4 = Date.UTC(year, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = new Date(week1 + (week - 1) * 7 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return isoWeekLabel(monday) === label ? monday : undefined;
}

/**
 * A day `YYYY-MM-DD` plus `days` (negative for earlier), in UTC.
 *
 * @public
 */
export function addUtcDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * The last `count` ISO weeks, the one of `now` first.
 *
 * @public
 */
export function recentIsoWeeks(
  count: number,
  now: Date = new Date(),
): string[] {
  return Array.from({ length: count }, (_, i) =>
    toIsoWeek(new Date(now.getTime() - i * 7 * DAY_MS)),
  );
}
