import { LoggerService } from '@backstage/backend-plugin-api';
import { CircuitBreaker, CircuitBreakerOptions } from './CircuitBreaker';

/**
 * The options every upstream client takes (`InstanceClientOptions`,
 * `PagerDutyClientOptions`); `K` names its retry
 * options.
 */
export interface UpstreamClientOptions<K extends string> {
  logger: LoggerService;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  retry?: { [key in K]?: number };
  circuitBreaker?: Omit<CircuitBreakerOptions, 'now'>;
  maxResponseBytes?: number;
}

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
