import { LoggerService } from '@backstage/backend-plugin-api';
import { CircuitBreaker, CircuitBreakerOptions } from './CircuitBreaker';

/**
 * The options every upstream client takes (`InstanceClientOptions` of the
 * Prometheus and Alertmanager clients, `PagerDutyClientOptions`); `TRetry`
 * is the client's retry options.
 */
export interface HttpClientOptions<TRetry> {
  /** Where the client logs retries and circuit changes. */
  logger: LoggerService;
  /** The fetch implementation. Default the global `fetch`. */
  fetchImpl?: typeof fetch;
  /** Waits between retries (and while rate limited). Default a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Random numbers in [0, 1) for back-off jitter. Default `Math.random`. */
  random?: () => number;
  /** How failed requests are retried. */
  retry?: TRetry;
  /** Options of the client's circuit breaker (its clock is `now`). */
  circuitBreaker?: Omit<CircuitBreakerOptions, 'now'>;
  /**
   * The largest response body accepted, in bytes. Default 64 MiB for
   * Prometheus, 32 MiB for Alertmanager and PagerDuty. Larger responses fail
   * without retry.
   */
  maxResponseBytes?: number;
}

/** {@link HttpClientOptions} whose retry options are the numbers named `K`. */
export type UpstreamClientOptions<K extends string> = HttpClientOptions<{
  [key in K]?: number;
}>;

/** The default of a retry option, and whether it must be a whole number. */
export interface RetryOptionDefault {
  value: number;
  integer?: boolean;
}

/** {@link UpstreamClientOptions} with their defaults applied, and checked. */
export interface UpstreamClientSettings<K extends string> {
  logger: LoggerService;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  retry: Record<K, number>;
  maxResponseBytes: number;
  /** A new circuit breaker whose clock is `now`. */
  breaker: CircuitBreaker;
}

/**
 * Applies the defaults to a client's options and checks them: each retry
 * option must be a non-negative number (or integer). The retry options are
 * checked in the order of `defaults.retry`, then the circuit breaker's.
 *
 * @param client - names the client in errors, e.g. `PrometheusClient`.
 * @throws TypeError such as `PrometheusClient retry.retries must be a
 * non-negative integer, got -1`.
 */
export function readUpstreamClientOptions<K extends string>(
  client: string,
  options: UpstreamClientOptions<K>,
  defaults: {
    retry: Record<K, RetryOptionDefault>;
    maxResponseBytes: number;
  },
): UpstreamClientSettings<K> {
  const fetchImpl: typeof fetch =
    options.fetchImpl ?? ((...args) => fetch(...args));
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const given: { [key in K]?: number } = options.retry ?? {};
  const retry = {} as Record<K, number>;
  for (const key of Object.keys(defaults.retry) as K[]) {
    const { value, integer = false } = defaults.retry[key];
    retry[key] = nonNegative(client, given[key] ?? value, key, integer);
  }
  return {
    logger: options.logger,
    fetch: fetchImpl,
    sleep,
    now,
    random,
    retry,
    maxResponseBytes: options.maxResponseBytes ?? defaults.maxResponseBytes,
    breaker: new CircuitBreaker({ ...options.circuitBreaker, now }),
  };
}

function nonNegative(
  client: string,
  value: number,
  key: string,
  integer: boolean,
): number {
  if (
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new TypeError(
      `${client} retry.${key} must be a non-negative ${
        integer ? 'integer' : 'number'
      }, got ${value}`,
    );
  }
  return value;
}
