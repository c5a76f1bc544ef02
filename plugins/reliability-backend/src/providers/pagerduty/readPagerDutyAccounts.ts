import { Config } from '@backstage/config';
import {
  readHttpUrl,
  readTimeout,
  readUniqueName,
} from '../http/readUpstreamConfig';

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

    const name = readUniqueName(c, CONFIG_KEY, index, seen);

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
        : readHttpUrl(
            baseUrlValue,
            `${key}.baseUrl`,
            'configure the token instead',
          );

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
