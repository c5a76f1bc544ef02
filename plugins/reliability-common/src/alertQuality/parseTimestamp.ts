import { DateTime } from 'luxon';

/**
 * The result of reading an optional ISO 8601 timestamp.
 *
 * - `missing`: the value is `undefined`, `null` or blank.
 * - `invalid`: the value is not an ISO 8601 timestamp.
 * - `ok`: `ms` is the instant in epoch milliseconds.
 *
 * @public
 */
export type ParsedTimestamp =
  | { status: 'ok'; ms: number }
  | { status: 'missing' }
  | { status: 'invalid'; value: string };

/**
 * Reads an ISO 8601 timestamp. A timestamp without an offset is read as UTC,
 * so the result never depends on the machine's time zone.
 *
 * @public
 */
export function parseTimestamp(
  value: string | null | undefined,
): ParsedTimestamp {
  if (value === undefined || value === null || value.trim() === '') {
    return { status: 'missing' };
  }
  const parsed = DateTime.fromISO(value.trim(), { zone: 'utc' });
  if (!parsed.isValid) {
    return { status: 'invalid', value };
  }
  return { status: 'ok', ms: parsed.toMillis() };
}

/**
 * Reads a required ISO 8601 timestamp, or throws an error that names the
 * field and the value.
 *
 * @internal
 */
export function requireTimestamp(
  value: string | Date | number,
  what: string,
): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isFinite(ms)) {
      return ms;
    }
    throw new Error(`${what} is an invalid Date`);
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) {
      return value;
    }
    throw new Error(
      `${what} must be a finite epoch millisecond value, got ${value}`,
    );
  }
  const parsed = parseTimestamp(value);
  if (parsed.status !== 'ok') {
    throw new Error(
      `${what} must be an ISO 8601 timestamp, got ${JSON.stringify(value)}`,
    );
  }
  return parsed.ms;
}
