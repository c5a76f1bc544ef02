import { Config } from '@backstage/config';
import { readUpstreamInstances } from '../http/readUpstreamConfig';

/**
 * One configured Alertmanager (or an Alertmanager-compatible API such as
 * Grafana Mimir's), read by {@link readAlertmanagerInstances}.
 *
 * @public
 */
export interface AlertmanagerInstanceConfig {
  /** A unique name, used in logs, errors and references, e.g. `eu-west`. */
  name: string;
  /**
   * The base URL without a trailing slash, e.g.
   * `https://alertmanager.example.com`. It may contain a path.
   */
  baseUrl: string;
  /**
   * A path between the base URL and `/api/v2`, e.g. `/alertmanager` for
   * Mimir or a `--web.route-prefix`; `''` when there is none. Starts with a
   * slash, no trailing slash.
   */
  pathPrefix: string;
  /**
   * Headers sent with every request, e.g. `Authorization` or
   * `X-Scope-OrgID`. Secret: never logged nor put in error messages.
   */
  headers: Record<string, string>;
  /** The timeout of each request, in milliseconds. Default 30 000. */
  timeoutMs: number;
  /**
   * Where users are linked to (the Alertmanager UI). Defaults to `baseUrl`
   * plus `pathPrefix`.
   */
  uiUrl: string;
}

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
