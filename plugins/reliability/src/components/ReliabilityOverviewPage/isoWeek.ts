const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The ISO 8601 week of a date (in UTC), e.g. `2026-W48`.
 */
export function toIsoWeek(date: Date): string {
  const day = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
  const weekday = day.getUTCDay() || 7;
  // The Thursday of the week decides its year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * The last `count` ISO weeks, the one of `now` first.
 */
export function recentIsoWeeks(
  count: number,
  now: Date = new Date(),
): string[] {
  return Array.from({ length: count }, (_, i) =>
    toIsoWeek(new Date(now.getTime() - i * 7 * DAY_MS)),
  );
}
