import { RetryOptionDefault } from './readUpstreamClientOptions';

/** Where a client of a configured instance sends its requests, and how it names it. */
export interface UpstreamTarget {
  /** e.g. `Prometheus "eu"`, used in messages (never the URL). */
  label: string;
  /** The base URL with the path prefix, without a trailing slash. */
  baseUrl: string;
  /** Redirects are only followed within this origin. */
  origin: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * The target of a configured Prometheus-compatible or Alertmanager
 * instance (as read by `readPrometheusInstances` / `readAlertmanagerInstances`).
 */
export function upstreamTargetOf(
  product: string,
  instance: {
    name: string;
    baseUrl: string;
    pathPrefix: string;
    headers: Record<string, string>;
    timeoutMs: number;
  },
): UpstreamTarget {
  return {
    label: `${product} "${instance.name}"`,
    baseUrl: `${instance.baseUrl.replace(/\/+$/, '')}${instance.pathPrefix}`,
    origin: new URL(instance.baseUrl).origin,
    headers: { ...instance.headers },
    timeoutMs: instance.timeoutMs,
  };
}

/** The retry defaults of the Prometheus and Alertmanager clients. */
export const STANDARD_RETRY_DEFAULTS: Record<
  'retries' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs',
  RetryOptionDefault
> = {
  retries: { value: 3, integer: true },
  baseDelayMs: { value: 250 },
  maxDelayMs: { value: 5_000 },
  maxRetryAfterMs: { value: 10_000 },
};
