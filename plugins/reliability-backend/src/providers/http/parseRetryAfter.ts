/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date.
 *
 * @returns milliseconds to wait, or undefined when absent or invalid.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  // an HTTP date such as "Sun, 01 Mar 2026 12:00:10 GMT"
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
}
