import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

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
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 10 * 60_000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// visible ASCII, space, tab and non-ASCII; no CR, LF or other control characters
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const RESERVED_HEADERS = ['host', 'content-length', 'content-type'];
// eslint-disable-next-line no-control-regex
const BAD_NAME_CHARACTERS = /[\u0000-\u001f\u007f"]/;

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
  const instanceConfigs = config.getOptionalConfigArray(CONFIG_KEY) ?? [];
  const seen = new Map<string, number>();

  return instanceConfigs.map((c, index) => {
    const key = `${CONFIG_KEY}[${index}]`;

    const name = c.getString('name').trim();
    if (!name || name.length > 100 || BAD_NAME_CHARACTERS.test(name)) {
      throw new Error(
        `${key}.name must be a non-empty name of at most 100 characters without quotes or control characters`,
      );
    }
    const previous = seen.get(name);
    if (previous !== undefined) {
      throw new Error(
        `${key}.name "${name}" is a duplicate of ${CONFIG_KEY}[${previous}].name`,
      );
    }
    seen.set(name, index);

    const baseUrl = readHttpUrl(c.getString('baseUrl'), `${key}.baseUrl`);
    const pathPrefix = readPathPrefix(
      c.getOptionalString('pathPrefix'),
      `${key}.pathPrefix`,
    );
    const headers = readHeaders(c, `${key}.headers`);
    const timeoutMs = readTimeout(c, `${key}.timeout`);
    const uiUrlValue = c.getOptionalString('uiUrl');
    const uiUrl =
      uiUrlValue === undefined
        ? `${baseUrl}${pathPrefix}`
        : readHttpUrl(uiUrlValue, `${key}.uiUrl`);

    return { name, baseUrl, pathPrefix, headers, timeoutMs, uiUrl };
  });
}

function readHttpUrl(value: string, key: string): string {
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
    throw new Error(
      `${key} must not contain credentials; send them with headers.Authorization instead`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `${key} "${url.origin}${url.pathname}..." must not contain a query or fragment`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function readPathPrefix(value: string | undefined, key: string): string {
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
      `${key} "${value}" is not a valid path prefix such as "/alertmanager"`,
    );
  }
  return prefix;
}

function readHeaders(c: Config, key: string): Record<string, string> {
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
    try {
      value = headersConfig.getString(name);
    } catch {
      // the config error would quote the value: name the key only
      throw new Error(`${key}.${name} must be a string`);
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

function readTimeout(c: Config, key: string): number {
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
