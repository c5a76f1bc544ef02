import { DateTime } from 'luxon';

/**
 * Parses a Date or ISO 8601 string to epoch milliseconds. A string without
 * an offset is read as UTC, so results do not depend on the host's zone.
 *
 * @throws Error when the input is not a valid time.
 * @internal
 */
export function toEpochMs(time: Date | string, what = 'time'): number {
  let ms = NaN;
  if (time instanceof Date) {
    ms = time.getTime();
  } else if (typeof time === 'string') {
    const parsed = DateTime.fromISO(time, { zone: 'utc' });
    ms = parsed.isValid ? parsed.toMillis() : NaN;
  }
  if (!Number.isFinite(ms)) {
    throw new Error(
      `${what} must be a valid Date or ISO 8601 string, got ${String(time)}`,
    );
  }
  return ms;
}
