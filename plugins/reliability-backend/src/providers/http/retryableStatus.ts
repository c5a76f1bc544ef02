import { parseRetryAfter } from './parseRetryAfter';
import { UpstreamRetryOutcome } from './retryUpstreamCall';

/**
 * Whether a request that got this status is worth retrying: 429 and 5xx, but
 * not 501 (Not Implemented) nor 505 (HTTP Version Not Supported).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Options of {@link retryableStatus}. */
export interface RetryableStatusOptions {
  /** Names the upstream in the message, e.g. `Prometheus "eu-west"`. */
  label: string;
  /** Names the request in the message, e.g. `/api/v1/query`. */
  where: string;
  /**
   * Ends the message: `: <what the upstream said>`, a note such as
   * ` with a non-JSON text/html body`, or `''`.
   */
  detail: string;
  /** The clock, in milliseconds since the epoch, for `Retry-After` dates. */
  now: () => number;
  /** The statuses whose `Retry-After` is honoured. Default 429 and 503. */
  retryAfterStatuses?: readonly number[];
}

/**
 * The retry outcome of a response whose status is worth retrying (see
 * {@link isRetryableStatus}), with the wait its `Retry-After` asks for;
 * `undefined` for any other status.
 */
export function retryableStatus(
  response: Response,
  options: RetryableStatusOptions,
): UpstreamRetryOutcome | undefined {
  const status = response.status;
  if (!isRetryableStatus(status)) {
    return undefined;
  }
  const retryAfterStatuses = options.retryAfterStatuses ?? [429, 503];
  const retryAfterMs = retryAfterStatuses.includes(status)
    ? parseRetryAfter(response.headers.get('retry-after'), options.now())
    : undefined;
  const what = status === 429 ? 'HTTP 429 (rate limited)' : `HTTP ${status}`;
  return {
    kind: 'retry',
    message: `${options.label} unreachable: ${what} on ${options.where}${options.detail}`,
    retryAfterMs,
    rateLimited: status === 429,
  };
}
