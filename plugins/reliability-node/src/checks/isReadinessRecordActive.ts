import { ReadinessRecord } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * Whether an attestation or exemption counts at `now`: it is not revoked
 * and it has no expiry, or expires after `now` (a record expiring exactly
 * at `now` no longer counts). A record with an unreadable `expiresAt` does
 * not count.
 *
 * @public
 */
export function isReadinessRecordActive(
  record: ReadinessRecord,
  now: Date,
): boolean {
  if (record.revokedAt) {
    return false;
  }
  if (!record.expiresAt) {
    return true;
  }
  const expiresAt = Date.parse(record.expiresAt);
  return !Number.isNaN(expiresAt) && expiresAt > now.getTime();
}
