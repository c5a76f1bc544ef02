import { Config } from '@backstage/config';
import {
  UpstreamInstanceConfig,
  readUpstreamInstances,
} from '../http/readUpstreamConfig';

/**
 * One configured Prometheus-compatible instance (Prometheus, Thanos, Mimir,
 * VictoriaMetrics), read by {@link readPrometheusInstances}. `pathPrefix`
 * comes before `/api/v1`; `uiUrl` defaults to `baseUrl`.
 *
 * @public
 */
export type PrometheusInstanceConfig = UpstreamInstanceConfig;

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
