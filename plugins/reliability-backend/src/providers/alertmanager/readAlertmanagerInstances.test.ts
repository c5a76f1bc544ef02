import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readAlertmanagerInstances } from './readAlertmanagerInstances';

const SECRET = 'Bearer s3cr3t-token';

function read(instances: JsonValue) {
  return readAlertmanagerInstances(
    new ConfigReader({ reliability: { alertmanager: { instances } } }),
  );
}

function errorOf(instances: JsonValue): string {
  try {
    read(instances);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('readAlertmanagerInstances', () => {
  it('returns [] without configuration or with an empty list', () => {
    expect(readAlertmanagerInstances(new ConfigReader({}))).toEqual([]);
    expect(read([])).toEqual([]);
  });

  it('reads an instance with defaults', () => {
    expect(
      read([{ name: 'eu-west', baseUrl: 'https://am.example.com/' }]),
    ).toEqual([
      {
        name: 'eu-west',
        baseUrl: 'https://am.example.com',
        pathPrefix: '',
        headers: {},
        timeoutMs: 30_000,
        uiUrl: 'https://am.example.com',
      },
    ]);
  });

  it('reads all fields', () => {
    expect(
      read([
        {
          name: 'mimir',
          baseUrl: 'http://mimir.example.com:8080/base/',
          pathPrefix: 'alertmanager/',
          headers: { 'X-Scope-OrgID': 'tenant-1', Authorization: SECRET },
          timeout: { seconds: 5 },
        },
        {
          name: 'second',
          baseUrl: 'https://am2.example.com',
          timeout: 1500,
          uiUrl: 'https://grafana.example.com/alerting',
        },
      ]),
    ).toEqual([
      {
        name: 'mimir',
        baseUrl: 'http://mimir.example.com:8080/base',
        pathPrefix: '/alertmanager',
        headers: { 'X-Scope-OrgID': 'tenant-1', Authorization: SECRET },
        timeoutMs: 5_000,
        uiUrl: 'http://mimir.example.com:8080/base/alertmanager',
      },
      {
        name: 'second',
        baseUrl: 'https://am2.example.com',
        pathPrefix: '',
        headers: {},
        timeoutMs: 1_500,
        uiUrl: 'https://grafana.example.com/alerting',
      },
    ]);
  });

  it('accepts a duration string', () => {
    expect(
      read([{ name: 'a', baseUrl: 'http://a', timeout: '10s' }])[0].timeoutMs,
    ).toBe(10_000);
  });

  it.each<[string, JsonValue, RegExp]>([
    ['a missing name', [{ baseUrl: 'http://a' }], /name/],
    [
      'a blank name',
      [{ name: ' ', baseUrl: 'http://a' }],
      /^reliability\.alertmanager\.instances\[0\]\.name must be a non-empty name/,
    ],
    [
      'a duplicate name',
      [
        { name: 'a', baseUrl: 'http://a' },
        { name: 'a', baseUrl: 'http://b' },
      ],
      /^reliability\.alertmanager\.instances\[1\]\.name "a" is a duplicate of reliability\.alertmanager\.instances\[0\]\.name$/,
    ],
    [
      'a bad URL',
      [{ name: 'a', baseUrl: 'htp:/x' }],
      /^reliability\.alertmanager\.instances\[0\]\.baseUrl "htp:\/x" is not a valid http\(s\) URL$/,
    ],
    [
      'a URL with a query',
      [{ name: 'a', baseUrl: 'http://a/?x=1' }],
      /baseUrl "http:\/\/a\/\.\.\." must not contain a query or fragment/,
    ],
    [
      'a bad path prefix',
      [{ name: 'a', baseUrl: 'http://a', pathPrefix: '/../x' }],
      /instances\[0\]\.pathPrefix "\/\.\.\/x" is not a valid path prefix/,
    ],
    [
      'a reserved header',
      [{ name: 'a', baseUrl: 'http://a', headers: { Host: 'x' } }],
      /instances\[0\]\.headers\.Host is set by the client/,
    ],
    [
      'an invalid header name',
      [{ name: 'a', baseUrl: 'http://a', headers: { 'a b': 'x' } }],
      /instances\[0\]\.headers has an invalid header name "a b"/,
    ],
    [
      'a zero timeout',
      [{ name: 'a', baseUrl: 'http://a', timeout: 0 }],
      /instances\[0\]\.timeout must be more than 0 and at most 10 minutes/,
    ],
    [
      'an invalid timeout',
      [{ name: 'a', baseUrl: 'http://a', timeout: 'soon' }],
      /instances\[0\]\.timeout is not a valid duration/,
    ],
  ])('names the key for %s', (_, instances, message) => {
    expect(errorOf(instances)).toMatch(message);
  });

  it('never echoes credentials or header values', () => {
    const inUrl = errorOf([
      { name: 'a', baseUrl: 'https://user:s3cr3t@am.example.com' },
    ]);
    expect(inUrl).toMatch(/must not contain credentials/);
    expect(inUrl).not.toContain('s3cr3t');

    const inHeader = errorOf([
      {
        name: 'a',
        baseUrl: 'http://a',
        headers: { Authorization: `${SECRET}\r\nX-Evil: 1` },
      },
    ]);
    expect(inHeader).toMatch(
      /instances\[0\]\.headers\.Authorization contains a line break/,
    );
    expect(inHeader).not.toContain('s3cr3t');
  });
});
