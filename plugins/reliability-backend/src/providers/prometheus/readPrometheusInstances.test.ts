import { readPrometheusInstances } from './readPrometheusInstances';
import { SECRET } from '../../__testUtils__/upstream';
import { itReadsUpstreamInstances } from '../../__testUtils__/itReadsUpstreamInstances';

describe('readPrometheusInstances', () => {
  const { key: KEY, read } = itReadsUpstreamInstances(
    'prometheus',
    readPrometheusInstances,
    { kind: 'prometheus' },
  );

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
      `${KEY}[1].kind "influx" is not one of prometheus, victoriametrics, thanos, mimir, cortex`,
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

  it('rejects a header that is not a string, naming the key', () => {
    expect(() =>
      read([
        { name: 'a', baseUrl: 'http://a', headers: { 'X-Scope-OrgID': 42 } },
      ]),
    ).toThrow(
      `Invalid type in config for key '${KEY}[0].headers.X-Scope-OrgID'`,
    );
  });
});
