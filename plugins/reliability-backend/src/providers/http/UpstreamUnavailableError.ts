import { CustomErrorBase } from '@backstage/errors';

/**
 * A Prometheus-compatible upstream (Prometheus, Thanos, Mimir,
 * VictoriaMetrics) could not answer a request: it was unreachable, timed out,
 * kept failing, answered something that is not the Prometheus API, or its
 * circuit breaker is open.
 *
 * @remarks
 *
 * The message names the upstream by its configured name and the API path
 * only; it never contains configured headers, the query, or the full URL.
 *
 * @public
 */
export class UpstreamUnavailableError extends CustomErrorBase {
  name = 'UpstreamUnavailableError' as const;

  /** The configured name of the upstream instance, e.g. `eu-west`. */
  readonly upstream: string;

  /**
   * Whether the same request may succeed later without a configuration
   * change (network errors, timeouts, 5xx, an open circuit). False for
   * problems that need a human, such as a refused redirect or rejected
   * credentials.
   */
  readonly retryable: boolean;

  /**
   * When the circuit breaker is open: milliseconds until the next trial call
   * is let through.
   */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    options: {
      upstream: string;
      retryable: boolean;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, options.cause);
    this.upstream = options.upstream;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
