/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The start (UTC midnight) of the day of `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
