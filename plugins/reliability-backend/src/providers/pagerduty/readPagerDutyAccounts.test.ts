import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readPagerDutyAccounts } from './readPagerDutyAccounts';

const SECRET = 'u+s3cr3t-token';

const read = (accounts: JsonValue) =>
  readPagerDutyAccounts(
    new ConfigReader({ reliability: { pagerduty: { accounts } } }),
  );

describe('readPagerDutyAccounts', () => {
  it('returns [] without accounts', () => {
    expect(readPagerDutyAccounts(new ConfigReader({}))).toEqual([]);
  });

  it('reads accounts with region defaults', () => {
    expect(
      read([
        { name: 'main', token: SECRET },
        { name: 'eu', token: ` ${SECRET} `, region: 'EU', timeout: '10s' },
        {
          name: 'proxy',
          token: SECRET,
          region: 'eu',
          baseUrl: 'https://pd-proxy.internal/api/',
          timeout: 2500,
        },
      ]),
    ).toEqual([
      {
        name: 'main',
        token: SECRET,
        region: 'us',
        baseUrl: 'https://api.pagerduty.com',
        timeoutMs: 30_000,
      },
      {
        name: 'eu',
        token: SECRET,
        region: 'eu',
        baseUrl: 'https://api.eu.pagerduty.com',
        timeoutMs: 10_000,
      },
      {
        name: 'proxy',
        token: SECRET,
        region: 'custom',
        baseUrl: 'https://pd-proxy.internal/api',
        timeoutMs: 2_500,
      },
    ]);
  });

  it.each([
    [
      [{ name: 'a', token: SECRET, region: 'de' }],
      'reliability.pagerduty.accounts[0].region "de" must be "us" or "eu"',
    ],
    [
      [{ name: 'a', token: SECRET, baseUrl: 'ftp://x' }],
      'reliability.pagerduty.accounts[0].baseUrl "ftp://x" is not a valid http(s) URL',
    ],
    [
      [{ name: 'a', token: SECRET, baseUrl: 'not a url' }],
      'reliability.pagerduty.accounts[0].baseUrl "not a url" is not a valid http(s) URL',
    ],
    [
      [{ name: 'a', token: SECRET, baseUrl: 'https://u:p@pd.example.com' }],
      'reliability.pagerduty.accounts[0].baseUrl must not contain credentials; configure the token instead',
    ],
    [
      [{ name: 'a', token: SECRET, baseUrl: 'https://pd.example.com/?x=1' }],
      'reliability.pagerduty.accounts[0].baseUrl "https://pd.example.com/..." must not contain a query or fragment',
    ],
    [
      [
        { name: 'a', token: SECRET },
        { name: 'a', token: SECRET },
      ],
      'reliability.pagerduty.accounts[1].name "a" is a duplicate of reliability.pagerduty.accounts[0].name',
    ],
    [
      [{ name: ' ', token: SECRET }],
      'reliability.pagerduty.accounts[0].name must be a non-empty name of at most 100 characters without quotes or control characters',
    ],
    [
      [{ name: 'a', token: SECRET, timeout: 0 }],
      'reliability.pagerduty.accounts[0].timeout must be more than 0 and at most 10 minutes, got 0ms',
    ],
  ])('rejects %j', (accounts, message) => {
    expect(() => read(accounts as JsonValue)).toThrow(message);
  });

  it('names the token key without echoing the token', () => {
    const bad = `${SECRET} with spaces`;
    let message = '';
    try {
      read([{ name: 'a', token: bad }]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'reliability.pagerduty.accounts[0].token must be a non-empty string of visible ASCII characters without spaces',
    );
    expect(message).not.toContain(SECRET);

    expect(() => read([{ name: 'a' }])).toThrow(
      'reliability.pagerduty.accounts[0].token is required and must be a string',
    );
    expect(() => read([{ name: 'a', token: 12345 }])).toThrow(
      /accounts\[0\]\.token is required and must be a string$/,
    );
  });
});
