import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * Config validation shared by the upstream readers
 * (`readPrometheusInstances`, `readAlertmanagerInstances`,
 * `readPagerDutyAccounts`). Every error names the offending key and never
 * echoes a secret.
 */

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 10 * 60_000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// visible ASCII, space, tab and non-ASCII; no CR, LF or other control characters
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const RESERVED_HEADERS = ['host', 'content-length', 'content-type'];
// eslint-disable-next-line no-control-regex
const BAD_NAME_CHARACTERS = /[\u0000-\u001f\u007f"]/;

/**
 * Reads the `name` of entry `index` of the array at `arrayKey`, checking it
 * is well-formed and not a duplicate of an earlier entry (`seen` maps names
 * to their index and is updated).
 */
export function readUniqueName(
  c: Config,
  arrayKey: string,
  index: number,
  seen: Map<string, number>,
): string {
  const key = `${arrayKey}[${index}]`;
  const name = c.getString('name').trim();
  if (!name || name.length > 100 || BAD_NAME_CHARACTERS.test(name)) {
    throw new Error(
      `${key}.name must be a non-empty name of at most 100 characters without quotes or control characters`,
    );
  }
  const previous = seen.get(name);
  if (previous !== undefined) {
    throw new Error(
      `${key}.name "${name}" is a duplicate of ${arrayKey}[${previous}].name`,
    );
  }
  seen.set(name, index);
  return name;
}

/**
 * Validates an http(s) URL without credentials, query or fragment and
 * returns it without a trailing slash.
 *
 * @param credentialsHint - what to do instead of putting credentials in the
 * URL, ending the error message, e.g. `configure the token instead`.
 */
export function readHttpUrl(
  value: string,
  key: string,
  credentialsHint = 'send them with headers.Authorization instead',
): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${key} "${value}" is not a valid http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${key} "${value}" is not a valid http(s) URL`);
  }
  if (url.username || url.password) {
    // do not echo the value: it contains credentials
    throw new Error(`${key} must not contain credentials; ${credentialsHint}`);
  }
  if (url.search || url.hash) {
    throw new Error(
      `${key} "${url.origin}${url.pathname}..." must not contain a query or fragment`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Normalizes a path prefix to a leading slash and no trailing slash; `''`
 * when absent or empty.
 *
 * @param example - an example shown in the error, e.g. `/prometheus`.
 */
export function readPathPrefix(
  value: string | undefined,
  key: string,
  example: string,
): string {
  if (value === undefined) {
    return '';
  }
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '/') {
    return '';
  }
  const withSlash = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  const prefix = withSlash.replace(/\/+$/, '');
  const segments = prefix.slice(1).split('/');
  const invalid = segments.some(
    s =>
      s === '' ||
      s === '.' ||
      s === '..' ||
      !/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/.test(s),
  );
  if (invalid) {
    throw new Error(
      `${key} "${value}" is not a valid path prefix such as "${example}"`,
    );
  }
  return prefix;
}

/**
 * Reads the optional `headers` object of `c`. Header values are secrets and
 * never part of an error message.
 *
 * @param options.nonStringMessage - when set, a non-string value fails with
 * `<key>.<name> must be a string` instead of the config reader's error
 * (which would quote the value).
 */
export function readHeaders(
  c: Config,
  key: string,
  options: { nonStringMessage?: boolean } = {},
): Record<string, string> {
  const headersConfig = c.getOptionalConfig('headers');
  if (!headersConfig) {
    return {};
  }
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const name of headersConfig.keys()) {
    if (!HEADER_NAME.test(name)) {
      throw new Error(`${key} has an invalid header name "${name}"`);
    }
    if (RESERVED_HEADERS.includes(name.toLowerCase())) {
      throw new Error(
        `${key}.${name} is set by the client and cannot be configured`,
      );
    }
    if (seen.has(name.toLowerCase())) {
      throw new Error(`${key}.${name} is configured more than once`);
    }
    seen.add(name.toLowerCase());
    let value: string;
    if (options.nonStringMessage) {
      try {
        value = headersConfig.getString(name);
      } catch {
        // the config error would quote the value: name the key only
        throw new Error(`${key}.${name} must be a string`);
      }
    } else {
      value = headersConfig.getString(name);
    }
    if (!HEADER_VALUE.test(value)) {
      // never echo the value: headers hold secrets
      throw new Error(
        `${key}.${name} contains a line break, a control character or a character outside Latin-1`,
      );
    }
    headers[name] = value.trim();
  }
  return headers;
}

/**
 * Reads the optional `timeout` of `c`: milliseconds, a duration string such
 * as `10s` or a duration object. Default 30 s, at most 10 minutes.
 */
export function readTimeout(c: Config, key: string): number {
  if (!c.has('timeout')) {
    return DEFAULT_TIMEOUT_MS;
  }
  const raw = c.get('timeout');
  let ms: number;
  if (typeof raw === 'number') {
    ms = raw;
  } else {
    try {
      ms = durationToMilliseconds(
        readDurationFromConfig(c, { key: 'timeout' }),
      );
    } catch (e) {
      throw new Error(
        `${key} is not a valid duration; use milliseconds, a string such as "10s" or an object such as { seconds: 10 }: ${
          (e as Error).message
        }`,
      );
    }
  }
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMEOUT_MS) {
    throw new Error(
      `${key} must be more than 0 and at most 10 minutes, got ${ms}ms`,
    );
  }
  return Math.max(1, Math.round(ms));
}

/**
 * One configured HTTP upstream instance (a Prometheus-compatible API, an
 * Alertmanager), as {@link readUpstreamInstances} reads it.
 *
 * @public
 */
export interface UpstreamInstanceConfig {
  /** A unique name, used in logs, errors and references, e.g. `eu-west`. */
  name: string;
  /**
   * The base URL without a trailing slash, e.g. `https://prometheus.example.com`.
   * It may contain a path.
   */
  baseUrl: string;
  /**
   * A path between the base URL and the API (`/api/v1`, `/api/v2`), e.g.
   * `/prometheus` or `/alertmanager` for Mimir; `''` when there is none.
   * Starts with a slash, no trailing slash.
   */
  pathPrefix: string;
  /**
   * Headers sent with every request, e.g. `X-Scope-OrgID` or
   * `Authorization`. Secret: never logged nor put in error messages.
   */
  headers: Record<string, string>;
  /** The timeout of each request, in milliseconds. Default 30 000. */
  timeoutMs: number;
  /** Where users are linked to, e.g. a Grafana, Prometheus or Alertmanager UI. */
  uiUrl: string;
}

/** How {@link readUpstreamInstances} reads one kind of instance. */
export interface UpstreamInstancesOptions {
  /** The config key of the array, e.g. `reliability.prometheus.instances`. */
  configKey: string;
  /** A path prefix shown in its error, e.g. `/prometheus`. */
  pathPrefixExample: string;
  /** See `readHeaders`' `nonStringMessage`. */
  nonStringHeaderMessage?: boolean;
  /** The UI URL when `uiUrl` is not configured. */
  defaultUiUrl(instance: { baseUrl: string; pathPrefix: string }): string;
}

/**
 * Reads and validates the instances array at `options.configKey`: each has
 * `name` (unique), `baseUrl`, and optionally `pathPrefix`, `headers`
 * (secret), `timeout` and `uiUrl`. Returns `[]` when there are none. Every
 * error names the offending key, e.g.
 * `reliability.prometheus.instances[1].baseUrl "htp:/x" is not a valid http(s) URL`.
 */
export function readUpstreamInstances(
  config: Config,
  options: UpstreamInstancesOptions,
): UpstreamInstanceConfig[] {
  const { configKey } = options;
  const instanceConfigs = config.getOptionalConfigArray(configKey) ?? [];
  const seen = new Map<string, number>();

  return instanceConfigs.map((c, index) => {
    const key = `${configKey}[${index}]`;
    const name = readUniqueName(c, configKey, index, seen);
    const baseUrl = readHttpUrl(c.getString('baseUrl'), `${key}.baseUrl`);
    const pathPrefix = readPathPrefix(
      c.getOptionalString('pathPrefix'),
      `${key}.pathPrefix`,
      options.pathPrefixExample,
    );
    const headers = readHeaders(
      c,
      `${key}.headers`,
      options.nonStringHeaderMessage ? { nonStringMessage: true } : {},
    );
    const timeoutMs = readTimeout(c, `${key}.timeout`);
    const uiUrlValue = c.getOptionalString('uiUrl');
    const uiUrl =
      uiUrlValue === undefined
        ? options.defaultUiUrl({ baseUrl, pathPrefix })
        : readHttpUrl(uiUrlValue, `${key}.uiUrl`);

    return { name, baseUrl, pathPrefix, headers, timeoutMs, uiUrl };
  });
}
