import { ReadinessRecord } from '@reliability-kit/backstage-plugin-reliability-common';

/** Internal helpers shared by evaluateReadiness and evaluateScorecard. */

function createdAtMs(record: ReadinessRecord): number {
  const ms = Date.parse(record.createdAt);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** The record created last; on a tie, the later one in the list. */
export function newestRecord(
  records: ReadinessRecord[],
): ReadinessRecord | undefined {
  let newest: ReadinessRecord | undefined;
  for (const record of records) {
    if (!newest || createdAtMs(record) >= createdAtMs(newest)) {
      newest = record;
    }
  }
  return newest;
}

/** `YYYY-MM-DD` (UTC) of an ISO timestamp; the text itself when unreadable. */
export function formatDay(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp : new Date(ms).toISOString().slice(0, 10);
}

/** Compares entity refs the way the catalog does: case-insensitively. */
export function sameEntityRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

/** E.g. `Exempted by user:default/jane on 2026-01-05 until 2026-04-01: being retired`. */
export function describeExemption(exemption: ReadinessRecord): string {
  const until = exemption.expiresAt
    ? ` until ${formatDay(exemption.expiresAt)}`
    : '';
  const reason = exemption.reason?.trim() ? `: ${exemption.reason.trim()}` : '';
  return `Exempted by ${exemption.createdBy} on ${formatDay(
    exemption.createdAt,
  )}${until}${reason}`;
}
