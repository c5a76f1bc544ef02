import { createHash } from 'node:crypto';

/**
 * A short hash of a JSON value, to tell whether what a run computed differs
 * from what is stored (change detection, not security). Key order counts:
 * callers hash values built the same way each time.
 */
export function contentHash(value: unknown): string {
  return createHash('sha1')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('base64url');
}
