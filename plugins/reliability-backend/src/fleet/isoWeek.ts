const DAY_MS = 24 * 60 * 60 * 1000;

/** The Monday (UTC) of the ISO week of an instant, as `YYYY-MM-DD`. */
export function isoWeekStart(at: Date | number | string): string {
  const d = new Date(at);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day),
  )
    .toISOString()
    .slice(0, 10);
}

/** The ISO week label (`2026-W48`) of a Monday `YYYY-MM-DD`. */
export function isoWeekLabel(monday: string): string {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  const week = Math.floor((dayOfYear - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The years of ISO weeks a request may name (`?week=`). */
export const MIN_WEEK_YEAR = 2000;
export const MAX_WEEK_YEAR = 2999;

/**
 * The Monday (`YYYY-MM-DD`) of an ISO week label, or undefined if invalid
 * or outside the years {@link MIN_WEEK_YEAR}-{@link MAX_WEEK_YEAR}.
 */
export function parseIsoWeek(label: string): string | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) {
    return undefined;
  }
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < MIN_WEEK_YEAR || year > MAX_WEEK_YEAR || week < 1 || week > 53) {
    return undefined;
  }
  const jan4 = Date.UTC(year, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = new Date(week1 + (week - 1) * 7 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return isoWeekLabel(monday) === label ? monday : undefined;
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}
