import { ConfigReader } from '@backstage/config';
import { readUpstreamInstances } from './readUpstreamConfig';

const KEY = 'test.instances';
const read = (instances: unknown, nonStringHeaderMessage = false) =>
  readUpstreamInstances(new ConfigReader({ test: { instances } } as any), {
    configKey: KEY,
    pathPrefixExample: '/example',
    nonStringHeaderMessage,
    defaultUiUrl: ({ baseUrl, pathPrefix }) => `${baseUrl}${pathPrefix}/ui`,
  });

describe('readUpstreamInstances', () => {
  it('reads nothing when the key is absent', () => {
    expect(
      readUpstreamInstances(new ConfigReader({}), {
        configKey: KEY,
        pathPrefixExample: '/example',
        defaultUiUrl: ({ baseUrl }) => baseUrl,
      }),
    ).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'defaults',
      { name: 'a', baseUrl: 'https://x.example.com/' },
      {
        name: 'a',
        baseUrl: 'https://x.example.com',
        pathPrefix: '',
        headers: {},
        timeoutMs: 30_000,
        uiUrl: 'https://x.example.com/ui',
      },
    ],
    [
      'a path prefix, headers, a timeout and a UI URL',
      {
        name: ' b ',
        baseUrl: 'http://x:9090',
        pathPrefix: 'mimir/',
        headers: { 'X-Scope-OrgID': ' t1 ' },
        timeout: '10s',
        uiUrl: 'https://grafana.example.com',
      },
      {
        name: 'b',
        baseUrl: 'http://x:9090',
        pathPrefix: '/mimir',
        headers: { 'X-Scope-OrgID': 't1' },
        timeoutMs: 10_000,
        uiUrl: 'https://grafana.example.com',
      },
    ],
    [
      'the default UI URL from the path prefix',
      { name: 'c', baseUrl: 'https://x.example.com', pathPrefix: '/p' },
      { pathPrefix: '/p', uiUrl: 'https://x.example.com/p/ui' },
    ],
  ])('reads %s', (_name, instance, expected) => {
    expect(read([instance])[0]).toMatchObject(expected);
  });

  it.each<[string, unknown[], string]>([
    [
      'a duplicate name',
      [
        { name: 'a', baseUrl: 'https://x' },
        { name: 'a', baseUrl: 'https://y' },
      ],
      `${KEY}[1].name "a" is a duplicate of ${KEY}[0].name`,
    ],
    [
      'an invalid base URL',
      [{ name: 'a', baseUrl: 'htp:/x' }],
      `${KEY}[0].baseUrl "htp:/x" is not a valid http(s) URL`,
    ],
    [
      'an invalid path prefix',
      [{ name: 'a', baseUrl: 'https://x', pathPrefix: '/a/../b' }],
      `${KEY}[0].pathPrefix "/a/../b" is not a valid path prefix such as "/example"`,
    ],
    [
      'an invalid UI URL',
      [{ name: 'a', baseUrl: 'https://x', uiUrl: 'nope' }],
      `${KEY}[0].uiUrl "nope" is not a valid http(s) URL`,
    ],
  ])('refuses %s', (_name, instances, message) => {
    expect(() => read(instances)).toThrow(message);
  });

  it('names the header key, not the value, of a non-string header when asked', () => {
    expect(() =>
      read(
        [{ name: 'a', baseUrl: 'https://x', headers: { Authorization: 42 } }],
        true,
      ),
    ).toThrow(`${KEY}[0].headers.Authorization must be a string`);
  });
});
