import { Config } from '@backstage/config';
import {
  METRICS_BACKEND_KINDS,
  MetricsBackendKind,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  UpstreamInstanceConfig,
  readUpstreamInstances,
} from '../http/readUpstreamConfig';

/**
 * One configured Prometheus-compatible instance (Prometheus, Thanos, Mimir,
 * VictoriaMetrics), read by {@link readPrometheusInstances}. `pathPrefix`
 * comes before `/api/v1`; `uiUrl` defaults to `baseUrl`; `kind` (default
 * `prometheus`) says what serves it, shown with every SLO evaluated there.
 *
 * @public
 */
export type PrometheusInstanceConfig = UpstreamInstanceConfig & {
  /** Default `prometheus`. */
  kind?: MetricsBackendKind;
};

const CONFIG_KEY = 'reliability.prometheus.instances';

/**
 * Reads and validates `reliability.prometheus.instances`. Returns `[]` when
 * there are none.
 *
 * @remarks
 *
 * Each instance has `name`, `baseUrl`, and optionally `kind`, `pathPrefix`,
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
  const instances = readUpstreamInstances(config, {
    configKey: CONFIG_KEY,
    pathPrefixExample: '/prometheus',
    defaultUiUrl: ({ baseUrl }) => baseUrl,
  });
  const configs = config.getOptionalConfigArray(CONFIG_KEY) ?? [];
  return instances.map((instance, index) => {
    const kind = configs[index].getOptionalString('kind') ?? 'prometheus';
    if (!(kind in METRICS_BACKEND_KINDS)) {
      throw new Error(
        `${CONFIG_KEY}[${index}].kind "${kind}" is not one of ${Object.keys(
          METRICS_BACKEND_KINDS,
        ).join(', ')}`,
      );
    }
    return { ...instance, kind: kind as MetricsBackendKind };
  });
}
