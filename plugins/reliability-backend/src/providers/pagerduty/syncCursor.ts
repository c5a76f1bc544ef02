/*
 * The sync cursor of the PagerDuty provider: the time the sync ran up to and
 * a fingerprint of the account and services it covered, so that a cursor
 * handed back for other services (or another account) is not trusted.
 */

const CURSOR_PREFIX = 'pagerduty.v1.';

/** Why a sync cursor is not used: it belongs to other services, or is too old. */
export type CursorReset = 'mismatch' | 'old';

/** FNV-1a of the account and service ids: a cursor belongs to them. */
export function fingerprintOf(account: string, serviceIds: string[]): string {
  let hash = 0x811c9dc5;
  for (const ch of `${account}\u0000${serviceIds.join(',')}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export function encodeCursor(untilMs: number, fingerprint: string): string {
  return `${CURSOR_PREFIX}${untilMs}.${fingerprint}`;
}

/** The time a cursor tells, when it is one of ours for `fingerprint`. */
export function decodeCursor(
  cursor: string,
  fingerprint: string,
): number | undefined {
  if (typeof cursor !== 'string' || !cursor.startsWith(CURSOR_PREFIX)) {
    return undefined;
  }
  const [ms, fp] = cursor.slice(CURSOR_PREFIX.length).split('.');
  const value = Number(ms);
  if (
    !/^\d+$/.test(ms ?? '') ||
    !Number.isSafeInteger(value) ||
    fp !== fingerprint
  ) {
    return undefined;
  }
  return value;
}

/**
 * The time of the previous sync a cursor tells, or why it is not used
 * (a backfill then): it belongs to other services, or is older than
 * `maxAgeMs` at `untilMs`.
 */
export function previousSync(
  cursor: string | undefined,
  fingerprint: string,
  untilMs: number,
  maxAgeMs: number,
): { previous?: number; reset?: CursorReset } {
  if (cursor === undefined) {
    return {};
  }
  const previous = decodeCursor(cursor, fingerprint);
  if (previous === undefined) {
    return { reset: 'mismatch' };
  }
  if (untilMs - previous > maxAgeMs) {
    return { reset: 'old' };
  }
  return { previous };
}
