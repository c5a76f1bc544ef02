import { Config } from '@backstage/config';
import { readUpstreamInstances } from '../http/readUpstreamConfig';

/**
 * One configured Prometheus-compatible instance (Prometheus, Thanos, Mimir,
 * VictoriaMetrics), read by {@link readPrometheusInstances}.
 *
 * @public
 */
export interface PrometheusInstanceConfig {
  /** A unique name, used in logs, errors and references, e.g. `eu-west`. */
  name: string;
  /**
   * The base URL without a trailing slash, e.g. `https://prometheus.example.com`.
   * It may contain a path.
   */
  baseUrl: string;
  /**
   * A path between the base URL and `/api/v1`, e.g. `/prometheus` for Mimir;
   * `''` when there is none. Starts with a slash, no trailing slash.
   */
  pathPrefix: string;
  /**
   * Headers sent with every request, e.g. `X-Scope-OrgID` or
   * `Authorization`. Secret: never logged.
   */
  headers: Record<string, string>;
  /** The timeout of each request, in milliseconds. Default 30 000. */
  timeoutMs: number;
  /** Where users are linked to, e.g. a Grafana or Prometheus UI. Defaults to `baseUrl`. */
  uiUrl: string;
}

const CONFIG_KEY = 'reliability.prometheus.instances';

/**
 * Reads and validates `reliability.prometheus.instances`. Returns `[]` when
 * there are none.
 *
 * @remarks
 *
 * Each instance has `name`, `baseUrl`, and optionally `pathPrefix`,
 * `headers`, `timeout` (a number of milliseconds, a duration string such as
 * `10s`, or a duration object such as `{ seconds: 10 }`) and `uiUrl`.
 *
 * @throws Error naming the offending key, e.g.
 * `reliability.prometheus.instances[1].baseUrl "htp:/x" is not a valid http(s) URL`.
 * Header values are never part of an error message.
 * @public
 */
export function readPrometheusInstances(
  config: Config,
): PrometheusInstanceConfig[] {
  return readUpstreamInstances(config, {
    configKey: CONFIG_KEY,
    pathPrefixExample: '/prometheus',
    defaultUiUrl: ({ baseUrl }) => baseUrl,
  });
}
