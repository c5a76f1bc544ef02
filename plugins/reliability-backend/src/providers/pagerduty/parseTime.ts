import { DateTime } from 'luxon';
import { PdIncident } from './types';

/**
 * Reads a PagerDuty timestamp. REST resources carry an offset; the analytics
 * API answers in the `time_zone` the request names (always UTC here) and
 * often without an offset, which `Date.parse` would read in the machine's
 * zone. Times without an offset are therefore read as UTC.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  const time = parsed.isValid
    ? parsed
    : DateTime.fromSQL(text, { zone: 'utc' });
  return time.isValid ? time.toMillis() : undefined;
}

/** When an incident was created, in milliseconds; `NaN` when unreadable. */
export function createdMs(incident: PdIncident): number {
  return parseTime(incident.created_at) ?? NaN;
}
