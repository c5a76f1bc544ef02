import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * One configured PagerDuty account, read by {@link readPagerDutyAccounts}.
 *
 * @public
 */
export interface PagerDutyAccountConfig {
  /** A unique name, used in logs, errors and the `pagerduty.com/account` annotation, e.g. `eu`. */
  name: string;
  /** The REST API token (`Authorization: Token token=...`). Secret: never logged. */
  token: string;
  /** `us` or `eu`; `custom` when `baseUrl` was configured. */
  region: 'us' | 'eu' | 'custom';
  /** The API base URL without a trailing slash, e.g. `https://api.pagerduty.com`. */
  baseUrl: string;
  /** The timeout of each request, in milliseconds. Default 30 000. */
  timeoutMs: number;
}

/**
 * The API base URL of each PagerDuty service region.
 *
 * @public
 */
export const PAGERDUTY_REGION_BASE_URLS = {
  us: 'https://api.pagerduty.com',
  eu: 'https://api.eu.pagerduty.com',
} as const;

const CONFIG_KEY = 'reliability.pagerduty.accounts';
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 10 * 60_000;
// visible ASCII only: the token goes into a header
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * Reads and validates `reliability.pagerduty.accounts`. Returns `[]` when
 * there are none.
 *
 * @remarks
 *
 * Each account has `name` and `token`, and optionally `region` (`us`, the
 * default, or `eu`), `baseUrl` (an explicit http(s) URL that overrides the
 * region, e.g. for a proxy) and `timeout` (milliseconds, a duration string
 * such as `10s`, or a duration object such as `{ seconds: 10 }`).
 *
 * @throws Error naming the offending key, e.g.
 * `reliability.pagerduty.accounts[1].region "de" must be "us" or "eu"`.
 * The token is never part of an error message.
 * @public
 */
export function readPagerDutyAccounts(
  config: Config,
): PagerDutyAccountConfig[] {
  const accountConfigs = config.getOptionalConfigArray(CONFIG_KEY) ?? [];
  const seen = new Map<string, number>();

  return accountConfigs.map((c, index) => {
    const key = `${CONFIG_KEY}[${index}]`;

    const name = c.getString('name').trim();
    // eslint-disable-next-line no-control-regex
    if (!name || name.length > 100 || /[\u0000-\u001f\u007f"]/.test(name)) {
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

    const token = readToken(c, `${key}.token`);

    const regionValue = c.getOptionalString('region');
    let region: 'us' | 'eu' = 'us';
    if (regionValue !== undefined) {
      const normalized = regionValue.trim().toLowerCase();
      if (normalized !== 'us' && normalized !== 'eu') {
        throw new Error(
          `${key}.region ${JSON.stringify(regionValue)} must be "us" or "eu"`,
        );
      }
      region = normalized;
    }

    const baseUrlValue = c.getOptionalString('baseUrl');
    const baseUrl =
      baseUrlValue === undefined
        ? PAGERDUTY_REGION_BASE_URLS[region]
        : readHttpUrl(baseUrlValue, `${key}.baseUrl`);

    return {
      name,
      token,
      region: baseUrlValue === undefined ? region : 'custom',
      baseUrl,
      timeoutMs: readTimeout(c, `${key}.timeout`),
    };
  });
}

function readToken(c: Config, key: string): string {
  let value: string;
  try {
    value = c.getString('token');
  } catch {
    // the reader's message would echo a value of the wrong type
    throw new Error(`${key} is required and must be a string`);
  }
  const token = value.trim();
  if (!token || !TOKEN.test(token)) {
    // never echo the value: it is a secret
    throw new Error(
      `${key} must be a non-empty string of visible ASCII characters without spaces`,
    );
  }
  return token;
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
      `${key} must not contain credentials; configure the token instead`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `${key} "${url.origin}${url.pathname}..." must not contain a query or fragment`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
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
