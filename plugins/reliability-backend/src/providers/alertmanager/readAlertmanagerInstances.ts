import { Config } from '@backstage/config';
import {
  UpstreamInstanceConfig,
  readUpstreamInstances,
} from '../http/readUpstreamConfig';

/**
 * One configured Alertmanager (or an Alertmanager-compatible API such as
 * Grafana Mimir's), read by {@link readAlertmanagerInstances}. `pathPrefix`
 * comes before `/api/v2` (e.g. `/alertmanager` for Mimir or a
 * `--web.route-prefix`); `uiUrl` (the Alertmanager UI) defaults to
 * `baseUrl` plus `pathPrefix`.
 *
 * @public
 */
export type AlertmanagerInstanceConfig = UpstreamInstanceConfig;

const CONFIG_KEY = 'reliability.alertmanager.instances';

/**
 * Reads and validates `reliability.alertmanager.instances`. Returns `[]`
 * when there are none.
 *
 * @remarks
 *
 * Each instance has `name`, `baseUrl`, and optionally `pathPrefix`,
 * `headers` (secret), `timeout` (a number of milliseconds, a duration string
 * such as `10s`, or a duration object such as `{ seconds: 10 }`) and
 * `uiUrl`.
 *
 * @throws Error naming the offending key, e.g.
 * `reliability.alertmanager.instances[1].baseUrl "htp:/x" is not a valid http(s) URL`.
 * Header values are never part of an error message.
 * @public
 */
export function readAlertmanagerInstances(
  config: Config,
): AlertmanagerInstanceConfig[] {
  return readUpstreamInstances(config, {
    configKey: CONFIG_KEY,
    pathPrefixExample: '/alertmanager',
    nonStringHeaderMessage: true,
    defaultUiUrl: ({ baseUrl, pathPrefix }) => `${baseUrl}${pathPrefix}`,
  });
}
