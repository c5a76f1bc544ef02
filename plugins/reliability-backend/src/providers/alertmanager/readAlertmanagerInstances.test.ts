import { readAlertmanagerInstances } from './readAlertmanagerInstances';
import { SECRET } from '../../__testUtils__/upstream';
import { itReadsUpstreamInstances } from '../../__testUtils__/itReadsUpstreamInstances';

describe('readAlertmanagerInstances', () => {
  const { key: KEY, read } = itReadsUpstreamInstances(
    'alertmanager',
    readAlertmanagerInstances,
  );

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

  it('names the key, not the value, of a header that is not a string', () => {
    expect(() =>
      read([
        { name: 'a', baseUrl: 'http://a', headers: { Authorization: 42 } },
      ]),
    ).toThrow(`${KEY}[0].headers.Authorization must be a string`);
  });
});
