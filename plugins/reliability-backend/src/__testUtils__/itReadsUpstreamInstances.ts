import { Config, ConfigReader } from '@backstage/config';
import {
  errorOf,
  upstreamInstanceReader,
  upstreamInstanceRejections,
  upstreamSecretRejections,
} from './upstream';

/**
 * Registers the tests of what every reader of `reliability.<section>.instances`
 * (`reader`) does alike: no instances without configuration, the defaults
 * (with the reader's own `extraDefaults`), and the refusals of
 * upstreamInstanceRejections and upstreamSecretRejections. Returns the key
 * and a function that reads a list of instances there, for the reader's own
 * tests.
 */
// eslint-disable-next-line jest/no-export -- it registers shared tests
export function itReadsUpstreamInstances<T>(
  section: string,
  reader: (config: Config) => T[],
  extraDefaults: Record<string, unknown> = {},
) {
  const { key, read } = upstreamInstanceReader(section, reader);
  it('returns [] without configuration or with an empty list', () => {
    expect(reader(new ConfigReader({}))).toEqual([]);
    expect(reader(new ConfigReader({ reliability: {} }))).toEqual([]);
    expect(read([])).toEqual([]);
  });

  it('reads an instance with defaults', () => {
    expect(
      read([{ name: 'eu-west', baseUrl: 'https://x.example.com/' }]),
    ).toEqual([
      {
        name: 'eu-west',
        baseUrl: 'https://x.example.com',
        pathPrefix: '',
        headers: {},
        timeoutMs: 30_000,
        uiUrl: 'https://x.example.com',
        ...extraDefaults,
      },
    ]);
  });

  it.each(upstreamInstanceRejections(key))(
    'refuses %s, naming the key',
    (_, instances, message) => {
      expect(() => read(instances)).toThrow(message);
    },
  );

  it.each(upstreamSecretRejections(key))(
    'refuses %s without echoing it',
    (_, instances, message) => {
      const got = errorOf(() => read(instances));
      expect(got).toBe(message);
      expect(got).not.toContain('s3cr3t');
    },
  );
  return { key, read };
}
