const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The calendar day (`YYYY-MM-DD`) of an instant in an IANA time zone.
 *
 * @public
 */
export function calendarDayInZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find(p => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Whole calendar days from `now` until a campaign's due day, counted in the
 * campaign's time zone: 0 on the due day, negative once it has passed (-1 the
 * day after). See docs/definitions.md#campaign-due.
 *
 * @public
 */
export function campaignDueInDays(
  dueDate: string,
  timeZone: string,
  now: Date,
): number {
  const today = calendarDayInZone(now, timeZone);
  return Math.round(
    (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
      DAY_MS,
  );
}
