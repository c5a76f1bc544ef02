import { mockServices } from '@backstage/backend-test-utils';
import { Config, ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { InstanceClientOptions } from '../providers/http/InstanceHttpClient';
import { UpstreamInstanceConfig } from '../providers/http/readUpstreamConfig';

/**
 * The config key of `reliability.<section>.instances` and a function that
 * reads a list of instances there with `reader`.
 */
export function upstreamInstanceReader<T>(
  section: string,
  reader: (config: Config) => T,
) {
  return {
    key: `reliability.${section}.instances`,
    read: (instances: JsonValue) =>
      reader(new ConfigReader({ reliability: { [section]: { instances } } })),
  };
}

/** A header value the upstream-instance readers must never echo. */
export const SECRET = 'Bearer s3cr3t-token';

/** One instance named `a` at `http://a` with `fields` added. */
const instanceA = (fields: Record<string, JsonValue> = {}): JsonValue[] => [
  { name: 'a', baseUrl: 'http://a', ...fields },
];

/**
 * The configurations every reader of `<key>` instances (Prometheus,
 * Alertmanager; both through readUpstreamInstances) refuses, with the message
 * that names the offending key: [what, instances, message].
 */
export function upstreamInstanceRejections(
  key: string,
): Array<[string, JsonValue, string]> {
  const at = (index: number, rest: string) => `${key}[${index}].${rest}`;
  const notUrl = (value: string) =>
    at(0, `baseUrl "${value}" is not a valid http(s) URL`);
  const timeoutRange = 'must be more than 0 and at most 10 minutes, got';
  // one instance `a` with these fields; the message names instances[0]
  const single: Array<[string, Record<string, JsonValue>, string]> = [
    ['an empty name', { name: ' ' }, 'name must be a non-empty name'],
    ['a name with a quote', { name: 'a"b' }, 'name must be a non-empty name'],
    [
      'a path prefix with ..',
      { pathPrefix: '/x/../admin' },
      'pathPrefix "/x/../admin" is not a valid path prefix',
    ],
    [
      'a path prefix with a query',
      { pathPrefix: '/x?y=1' },
      'pathPrefix "/x?y=1" is not a valid path prefix',
    ],
    [
      'an invalid timeout string',
      { timeout: 'soon' },
      'timeout is not a valid duration',
    ],
    ['a zero timeout', { timeout: 0 }, `timeout ${timeoutRange} 0ms`],
    [
      'a timeout above 10 minutes',
      { timeout: { hours: 1 } },
      `timeout ${timeoutRange} 3600000ms`,
    ],
    [
      'an invalid uiUrl',
      { uiUrl: 'grafana' },
      'uiUrl "grafana" is not a valid http(s) URL',
    ],
    [
      'an invalid header name',
      { headers: { 'X Tenant': 'x' } },
      'headers has an invalid header name "X Tenant"',
    ],
    [
      'a reserved header',
      { headers: { Host: 'x' } },
      'headers.Host is set by the client and cannot be configured',
    ],
    [
      'a header configured twice',
      { headers: { 'X-Scope-OrgID': 'a', 'x-scope-orgid': 'b' } },
      'headers.x-scope-orgid is configured more than once',
    ],
  ];
  return [
    [
      'an invalid base URL',
      [instanceA()[0], { name: 'b', baseUrl: 'htp:/x' }],
      at(1, 'baseUrl "htp:/x" is not a valid http(s) URL'),
    ],
    ['a relative base URL', [{ name: 'a', baseUrl: '/p' }], notUrl('/p')],
    [
      'a non-http base URL',
      [{ name: 'a', baseUrl: 'ftp://x' }],
      notUrl('ftp://x'),
    ],
    [
      'a base URL with a query',
      [{ name: 'a', baseUrl: 'http://prom.example.com/?x=1' }],
      at(
        0,
        'baseUrl "http://prom.example.com/..." must not contain a query or fragment',
      ),
    ],
    [
      'a missing base URL',
      [{ name: 'a' }],
      `Missing required config value at '${at(0, 'baseUrl')}'`,
    ],
    [
      'a missing name',
      [{ baseUrl: 'http://a' }],
      `Missing required config value at '${at(0, 'name')}'`,
    ],
    [
      'duplicate names',
      [
        { name: 'eu-west', baseUrl: 'http://a' },
        { name: 'us-east', baseUrl: 'http://b' },
        { name: 'eu-west', baseUrl: 'http://c' },
      ],
      `${at(2, 'name "eu-west" is a duplicate of')} ${at(0, 'name')}`,
    ],
    ...single.map(([what, fields, message]): [string, JsonValue, string] => [
      what,
      instanceA(fields),
      at(0, message),
    ]),
  ];
}

/**
 * Configurations with a secret in them that every reader of `<key>`
 * instances refuses without echoing the secret: [what, instances, message].
 */
export function upstreamSecretRejections(
  key: string,
): Array<[string, JsonValue, string]> {
  const badValue = `${key}[0].headers.Authorization contains a line break, a control character or a character outside Latin-1`;
  return [
    [
      'a header value with a line break',
      instanceA({ headers: { Authorization: `${SECRET}\r\nX-Evil: 1` } }),
      badValue,
    ],
    [
      'a header value with a non-Latin-1 character',
      instanceA({ headers: { Authorization: `${SECRET}✓` } }),
      badValue,
    ],
    [
      'credentials in the base URL',
      [{ name: 'a', baseUrl: 'https://user:s3cr3t@prom.example.com' }],
      `${key}[0].baseUrl must not contain credentials; send them with headers.Authorization instead`,
    ],
  ];
}

/** The message `read` throws (fails the test when it throws nothing). */
export function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** The tenant header value of the test instances; never logged. */
export const TENANT = 'tenant-42';

/**
 * Creates a client of `Client` (PrometheusClient, AlertmanagerClient) for an
 * instance `eu-west` at `baseUrl` with a tenant and a secret Authorization
 * header, a 2 s timeout, `instance` on top; no real sleeping (`sleep` is a
 * mock), jitter 1 and a mock logger, `options` on top.
 */
export function makeUpstreamClient<C, I extends UpstreamInstanceConfig>(
  Client: { fromConfig(instance: I, options: InstanceClientOptions): C },
  baseUrl: string,
  instance: Partial<I> = {},
  options: Partial<InstanceClientOptions> = {},
) {
  const sleep = jest.fn(async (_ms: number) => {});
  const logger = mockServices.logger.mock();
  const client = Client.fromConfig(
    {
      name: 'eu-west',
      baseUrl,
      pathPrefix: '',
      headers: { 'X-Scope-OrgID': TENANT, Authorization: SECRET },
      timeoutMs: 2_000,
      uiUrl: baseUrl,
      ...instance,
    } as unknown as I, // the fields every instance config has, and `instance`
    { logger, sleep, random: () => 1, ...options },
  );
  return { client, sleep, logger };
}

/** Everything a mock logger logged, as one string. */
export function logged(
  logger: ReturnType<typeof mockServices.logger.mock>,
): string {
  return [
    ...(logger.warn as jest.Mock).mock.calls,
    ...(logger.info as jest.Mock).mock.calls,
    ...(logger.error as jest.Mock).mock.calls,
    ...(logger.debug as jest.Mock).mock.calls,
  ]
    .map(args => JSON.stringify(args))
    .join('\n');
}

/**
 * Expects `text` (an error message, a log) to hold neither the secret header
 * values nor any of `hidden` (the base URL, parts of a query).
 */
export function expectNoSecrets(text: string, hidden: string[]) {
  for (const secret of ['s3cr3t', TENANT, ...hidden]) {
    expect(text).not.toContain(secret);
  }
}

/** The error `promise` rejects with (fails the test when it resolves). */
export async function catchError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * The helpers of the tests of one upstream client class (`Client`) serving
 * `baseUrl`: `makeClient` (makeUpstreamClient with `options` as defaults),
 * `expectNoSecrets` (none of the secret headers, `hidden`, or the base URL
 * unless `allowBase`), and `expectConfiguredHeaders` (the request carried
 * the instance's tenant and Authorization headers).
 */
export function clientKit<C, I extends UpstreamInstanceConfig>(
  Client: { fromConfig(instance: I, options: InstanceClientOptions): C },
  baseUrl: string,
  kit: { hidden: string[]; options?: Partial<InstanceClientOptions> },
) {
  return {
    makeClient: (
      instance: Partial<I> = {},
      options: Partial<InstanceClientOptions> = {},
    ) =>
      makeUpstreamClient(Client, baseUrl, instance, {
        ...kit.options,
        ...options,
      }),
    expectNoSecrets: (text: string, { allowBase = false } = {}) =>
      expectNoSecrets(text, [...kit.hidden, ...(allowBase ? [] : [baseUrl])]),
    expectConfiguredHeaders: (headers: Headers) => {
      expect(headers.get('authorization')).toBe(SECRET);
      expect(headers.get('x-scope-orgid')).toBe(TENANT);
    },
  };
}
