import { InputError } from '@backstage/errors';

/**
 * A Prometheus-compatible upstream rejected a query or its parameters
 * (HTTP 400 `bad_data` or 422 `execution`, e.g. a PromQL parse error or too
 * many samples). Retrying the same request cannot succeed.
 *
 * @remarks
 *
 * It is an {@link @backstage/errors#InputError}, so Backstage's error
 * handler answers it with HTTP 400. The message has the form
 * `Prometheus "eu-west" rejected the query: bad_data: 1:5: parse error: ...`.
 *
 * @public
 */
export class PrometheusQueryError extends InputError {
  /** The configured name of the upstream instance. */
  readonly upstream: string;
  /** The HTTP status the upstream answered with. */
  readonly statusCode: number;
  /**
   * The `errorType` of the Prometheus error envelope, e.g. `bad_data` or
   * `execution`, when the upstream sent one.
   */
  readonly errorType?: string;

  constructor(
    message: string,
    options: { upstream: string; statusCode: number; errorType?: string },
  ) {
    super(message);
    this.upstream = options.upstream;
    this.statusCode = options.statusCode;
    this.errorType = options.errorType;
  }
}
