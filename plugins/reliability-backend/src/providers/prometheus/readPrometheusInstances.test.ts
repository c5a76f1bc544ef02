import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readPrometheusInstances } from './readPrometheusInstances';

const SECRET = 'Bearer s3cr3t-token';

function read(instances: JsonValue) {
  return readPrometheusInstances(
    new ConfigReader({ reliability: { prometheus: { instances } } }),
  );
}

describe('readPrometheusInstances', () => {
  it('returns [] without configuration or with an empty list', () => {
    expect(readPrometheusInstances(new ConfigReader({}))).toEqual([]);
    expect(
      readPrometheusInstances(new ConfigReader({ reliability: {} })),
    ).toEqual([]);
    expect(read([])).toEqual([]);
  });

  it('reads instances with defaults', () => {
    expect(
      read([{ name: 'eu-west', baseUrl: 'https://prom.example.com/' }]),
    ).toEqual([
      {
        name: 'eu-west',
        baseUrl: 'https://prom.example.com',
        pathPrefix: '',
        headers: {},
        timeoutMs: 30_000,
        uiUrl: 'https://prom.example.com',
        kind: 'prometheus',
      },
    ]);
  });

  it.each(['prometheus', 'victoriametrics', 'thanos', 'mimir', 'cortex'])(
    'reads kind %s',
    kind => {
      expect(read([{ name: 'a', baseUrl: 'http://a', kind }])[0].kind).toBe(
        kind,
      );
    },
  );

  it('rejects an unknown kind, naming the key and the kinds', () => {
    expect(() =>
      read([
        { name: 'a', baseUrl: 'http://a' },
        { name: 'b', baseUrl: 'http://b', kind: 'influx' },
      ]),
    ).toThrow(
      'reliability.prometheus.instances[1].kind "influx" is not one of prometheus, victoriametrics, thanos, mimir, cortex',
    );
  });

  it('reads all fields', () => {
    expect(
      read([
        {
          name: 'mimir',
          baseUrl: 'http://mimir.example.com:8080/base/',
          pathPrefix: 'prometheus/',
          headers: { 'X-Scope-OrgID': 'tenant-1', Authorization: SECRET },
          timeout: '10s',
          uiUrl: 'https://grafana.example.com/explore',
          kind: 'mimir',
        },
      ]),
    ).toEqual([
      {
        name: 'mimir',
        baseUrl: 'http://mimir.example.com:8080/base',
        pathPrefix: '/prometheus',
        headers: { 'X-Scope-OrgID': 'tenant-1', Authorization: SECRET },
        timeoutMs: 10_000,
        uiUrl: 'https://grafana.example.com/explore',
        kind: 'mimir',
      },
    ]);
  });

  it.each([
    [5_000, 5_000],
    ['2 minutes', 120_000],
    ['PT45S', 45_000],
    [{ seconds: 90 }, 90_000],
    [{ minutes: 1, seconds: 30 }, 90_000],
  ])('reads the timeout %p as %p ms', (timeout, expected) => {
    expect(
      read([{ name: 'a', baseUrl: 'http://a', timeout }])[0].timeoutMs,
    ).toBe(expected);
  });

  it.each([
    [
      'an invalid base URL',
      [
        { name: 'a', baseUrl: 'http://a' },
        { name: 'b', baseUrl: 'htp:/x' },
      ],
      'reliability.prometheus.instances[1].baseUrl "htp:/x" is not a valid http(s) URL',
    ],
    [
      'a relative base URL',
      [{ name: 'a', baseUrl: '/prometheus' }],
      'reliability.prometheus.instances[0].baseUrl "/prometheus" is not a valid http(s) URL',
    ],
    [
      'a non-http base URL',
      [{ name: 'a', baseUrl: 'ftp://prom.example.com' }],
      'reliability.prometheus.instances[0].baseUrl "ftp://prom.example.com" is not a valid http(s) URL',
    ],
    [
      'a base URL with a query',
      [{ name: 'a', baseUrl: 'http://prom.example.com/?x=1' }],
      'reliability.prometheus.instances[0].baseUrl "http://prom.example.com/..." must not contain a query or fragment',
    ],
    [
      'a missing base URL',
      [{ name: 'a' }],
      "Missing required config value at 'reliability.prometheus.instances[0].baseUrl'",
    ],
    [
      'a missing name',
      [{ baseUrl: 'http://a' }],
      "Missing required config value at 'reliability.prometheus.instances[0].name'",
    ],
    [
      'an empty name',
      [{ name: ' ', baseUrl: 'http://a' }],
      'reliability.prometheus.instances[0].name must be a non-empty name',
    ],
    [
      'a name with a quote',
      [{ name: 'a"b', baseUrl: 'http://a' }],
      'reliability.prometheus.instances[0].name must be a non-empty name',
    ],
    [
      'duplicate names',
      [
        { name: 'eu-west', baseUrl: 'http://a' },
        { name: 'us-east', baseUrl: 'http://b' },
        { name: 'eu-west', baseUrl: 'http://c' },
      ],
      'reliability.prometheus.instances[2].name "eu-west" is a duplicate of reliability.prometheus.instances[0].name',
    ],
    [
      'a path prefix with ..',
      [{ name: 'a', baseUrl: 'http://a', pathPrefix: '/x/../admin' }],
      'reliability.prometheus.instances[0].pathPrefix "/x/../admin" is not a valid path prefix',
    ],
    [
      'a path prefix with a query',
      [{ name: 'a', baseUrl: 'http://a', pathPrefix: '/x?y=1' }],
      'reliability.prometheus.instances[0].pathPrefix "/x?y=1" is not a valid path prefix',
    ],
    [
      'an invalid timeout string',
      [{ name: 'a', baseUrl: 'http://a', timeout: 'soon' }],
      'reliability.prometheus.instances[0].timeout is not a valid duration',
    ],
    [
      'a zero timeout',
      [{ name: 'a', baseUrl: 'http://a', timeout: 0 }],
      'reliability.prometheus.instances[0].timeout must be more than 0 and at most 10 minutes, got 0ms',
    ],
    [
      'a timeout above 10 minutes',
      [{ name: 'a', baseUrl: 'http://a', timeout: { hours: 1 } }],
      'reliability.prometheus.instances[0].timeout must be more than 0 and at most 10 minutes, got 3600000ms',
    ],
    [
      'an invalid uiUrl',
      [{ name: 'a', baseUrl: 'http://a', uiUrl: 'grafana' }],
      'reliability.prometheus.instances[0].uiUrl "grafana" is not a valid http(s) URL',
    ],
    [
      'an invalid header name',
      [{ name: 'a', baseUrl: 'http://a', headers: { 'X Tenant': 'x' } }],
      'reliability.prometheus.instances[0].headers has an invalid header name "X Tenant"',
    ],
    [
      'a reserved header',
      [{ name: 'a', baseUrl: 'http://a', headers: { Host: 'x' } }],
      'reliability.prometheus.instances[0].headers.Host is set by the client and cannot be configured',
    ],
    [
      'a header configured twice',
      [
        {
          name: 'a',
          baseUrl: 'http://a',
          headers: { 'X-Scope-OrgID': 'a', 'x-scope-orgid': 'b' },
        },
      ],
      'reliability.prometheus.instances[0].headers.x-scope-orgid is configured more than once',
    ],
    [
      'a header that is not a string',
      [{ name: 'a', baseUrl: 'http://a', headers: { 'X-Scope-OrgID': 42 } }],
      "Invalid type in config for key 'reliability.prometheus.instances[0].headers.X-Scope-OrgID'",
    ],
  ])('rejects %s, naming the key', (_, instances, message) => {
    expect(() => read(instances)).toThrow(message);
  });

  it.each([
    ['a line break', { Authorization: `${SECRET}\r\nX-Evil: 1` }],
    ['a non-Latin-1 character', { Authorization: `${SECRET}✓` }],
  ])('rejects a header value with %s without echoing it', (_, headers) => {
    let message = '';
    try {
      read([{ name: 'a', baseUrl: 'http://a', headers }]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'reliability.prometheus.instances[0].headers.Authorization contains a line break, a control character or a character outside Latin-1',
    );
    expect(message).not.toContain('s3cr3t');
  });

  it('rejects credentials in the base URL without echoing them', () => {
    let message = '';
    try {
      read([{ name: 'a', baseUrl: 'https://user:s3cr3t@prom.example.com' }]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'reliability.prometheus.instances[0].baseUrl must not contain credentials; send them with headers.Authorization instead',
    );
  });
});
