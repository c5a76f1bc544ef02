import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import path from 'node:path';
import { SloSpecReader, resolveSpecLocation } from './SloSpecReader';
import { testComponent } from '../__testUtils__/entities';
import { DAY } from '../__testUtils__/time';

const slothSpec = (service: string, name = 'availability', objective = 99.9) =>
  `version: prometheus/v1
service: ${service}
slos:
  - name: ${name}
    objective: ${objective}
    sli:
      events:
        error_query: sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{service="${service}"}[{{.window}}]))
`;

const mockDir = createMockDirectory();

const entity = (annotations: Record<string, string>): Entity =>
  testComponent('checkout', { annotations, spec: { type: 'service' } });

const fileEntity = (specs: string) =>
  entity({
    'backstage.io/managed-by-location': `file:${mockDir.resolve(
      'svc/catalog-info.yaml',
    )}`,
    'reliability-kit.io/slo-spec': specs,
  });

const reader = (options: { maxBytes?: number; defaultWindow?: string } = {}) =>
  new SloSpecReader({ urlReader: mockServices.urlReader.mock(), ...options });

describe('resolveSpecLocation', () => {
  const fileLocation = 'file:/repo/services/checkout/catalog-info.yaml';
  const urlLocation =
    'url:https://github.com/acme/shop/blob/main/services/checkout/catalog-info.yaml';

  it.each([
    [fileLocation, './slos.yaml', 'file', '/repo/services/checkout/slos.yaml'],
    [fileLocation, 'slos.yaml', 'file', '/repo/services/checkout/slos.yaml'],
    [
      fileLocation,
      'slos/a.yaml',
      'file',
      '/repo/services/checkout/slos/a.yaml',
    ],
    [
      fileLocation,
      '  ./slos.yaml  ',
      'file',
      '/repo/services/checkout/slos.yaml',
    ],
    [
      urlLocation,
      './slos.yaml',
      'url',
      'https://github.com/acme/shop/blob/main/services/checkout/slos.yaml',
    ],
    [
      urlLocation,
      'slos/a.yaml',
      'url',
      'https://github.com/acme/shop/blob/main/services/checkout/slos/a.yaml',
    ],
  ])('resolves %s + %j to a %s target %s', (location, spec, type, target) => {
    expect(resolveSpecLocation(location, spec)).toMatchObject({ type, target });
  });

  it.each([
    [fileLocation, '', 'the annotation names an empty path'],
    [fileLocation, '   ', 'the annotation names an empty path'],
    [
      fileLocation,
      '../x.yaml',
      `"../x.yaml" must not leave the folder of the entity's catalog-info file`,
    ],
    [
      fileLocation,
      'slos/../../x.yaml',
      `"slos/../../x.yaml" must not leave the folder of the entity's catalog-info file`,
    ],
    [
      fileLocation,
      'slos\\..\\..\\x.yaml',
      `"slos\\..\\..\\x.yaml" must not leave the folder of the entity's catalog-info file`,
    ],
    [
      fileLocation,
      '.',
      `"." must not leave the folder of the entity's catalog-info file`,
    ],
    [
      fileLocation,
      '/etc/passwd',
      `"/etc/passwd" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
    ],
    [
      fileLocation,
      'https://evil/x',
      `"https://evil/x" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
    ],
    [
      fileLocation,
      'file:/x',
      `"file:/x" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
    ],
    [
      urlLocation,
      '../x.yaml',
      `"../x.yaml" must not leave the folder of the entity's catalog-info file`,
    ],
    [
      urlLocation,
      '//evil.example/x.yaml',
      `"//evil.example/x.yaml" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
    ],
    [
      urlLocation,
      '%2e%2e/x.yaml',
      `"%2e%2e/x.yaml" must not leave the folder of the entity's catalog-info file`,
    ],
    [
      urlLocation,
      'https://evil/x',
      `"https://evil/x" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
    ],
    [
      'github:acme/shop',
      './slos.yaml',
      'SLO spec files can only be read next to a catalog-info file in a file or url location, not a "github" location',
    ],
  ])('refuses %s + %j', (location, spec, message) => {
    expect(() => resolveSpecLocation(location, spec)).toThrow(message);
  });
});

describe('SloSpecReader', () => {
  beforeEach(() => {
    mockDir.setContent({
      'outside.yaml': slothSpec('outside'),
      svc: {
        'catalog-info.yaml': 'kind: Component',
        'slos.yaml': slothSpec('checkout'),
        'more.yaml': slothSpec('checkout', 'latency', 99),
        'bad.yaml': 'version: prometheus/v1\nservice: x\nslos: [\n',
        'hundred.yaml': slothSpec('checkout', 'availability', 100),
        folder: {},
      },
    });
  });

  it('reads nothing, without problems, from an entity without the annotation', async () => {
    await expect(
      reader().read(
        entity({ 'backstage.io/managed-by-location': 'file:/x/c.yaml' }),
      ),
    ).resolves.toEqual({ specs: [], problems: [] });
  });

  it('needs the location annotation to resolve relative paths', async () => {
    await expect(
      reader().read(entity({ 'reliability-kit.io/slo-spec': './slos.yaml' })),
    ).resolves.toEqual({
      specs: [],
      problems: [
        {
          source: 'slo',
          message:
            'cannot resolve reliability-kit.io/slo-spec: the entity has no backstage.io/managed-by-location annotation',
        },
      ],
    });
  });

  it('reads a spec file next to the catalog-info file', async () => {
    const { specs, problems } = await reader().read(fileEntity('./slos.yaml'));
    expect(problems).toEqual([]);
    expect(specs).toEqual([
      {
        id: 'availability',
        name: 'availability',
        service: 'checkout',
        objective: 0.999,
        window: { kind: 'rolling', duration: '30d', ms: 30 * DAY },
        budgetingMethod: 'Occurrences',
        indicator: {
          kind: 'ratio',
          bad: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))',
          total:
            'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
        },
        source: { format: 'sloth/v1', file: './slos.yaml', line: 4 },
      },
    ]);
  });

  it('uses the configured default window', async () => {
    const { specs } = await reader({ defaultWindow: '28d' }).read(
      fileEntity('./slos.yaml'),
    );
    expect(specs[0].window).toEqual({
      kind: 'rolling',
      duration: '28d',
      ms: 28 * DAY,
    });
  });

  it('reads several comma-separated files, with unique ids', async () => {
    const { specs, problems } = await reader().read(
      fileEntity(' ./slos.yaml ,more.yaml,, slos.yaml'),
    );
    expect(problems).toEqual([]);
    expect(specs.map(s => [s.id, s.source.file, s.objective])).toEqual([
      ['availability', './slos.yaml', 0.999],
      ['latency', 'more.yaml', 0.99],
      ['availability-2', 'slos.yaml', 0.999],
    ]);
  });

  it('reads at most 10 files and says so', async () => {
    const paths = [
      ...Array.from({ length: 10 }, () => 'missing.yaml'),
      'slos.yaml',
    ];
    const { specs, problems } = await reader().read(
      fileEntity(paths.join(',')),
    );
    // the eleventh file is never read
    expect(specs).toEqual([]);
    expect(problems).toHaveLength(11);
    expect(problems[0]).toEqual({
      source: 'slo',
      message:
        'reliability-kit.io/slo-spec names 11 files; at most 10 are read',
    });
    expect(problems[10]).toEqual({
      source: 'slo',
      file: 'missing.yaml',
      message: 'missing.yaml: no such file next to the catalog-info file',
    });
  });

  it.each([
    [
      'a missing file',
      './missing.yaml',
      {
        source: 'slo',
        file: './missing.yaml',
        message: './missing.yaml: no such file next to the catalog-info file',
      },
    ],
    [
      'a folder',
      './folder',
      {
        source: 'slo',
        file: './folder',
        message: './folder: no such file next to the catalog-info file',
      },
    ],
    [
      'a path leaving the folder',
      '../outside.yaml',
      {
        source: 'slo',
        file: '../outside.yaml',
        message: `../outside.yaml: "../outside.yaml" must not leave the folder of the entity's catalog-info file`,
      },
    ],
    [
      'an absolute path',
      '/etc/passwd',
      {
        source: 'slo',
        file: '/etc/passwd',
        message: `/etc/passwd: "/etc/passwd" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
      },
    ],
    [
      'a URL',
      'https://evil.example/slos.yaml',
      {
        source: 'slo',
        file: 'https://evil.example/slos.yaml',
        message: `https://evil.example/slos.yaml: "https://evil.example/slos.yaml" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
      },
    ],
    [
      'bad YAML',
      './bad.yaml',
      {
        source: 'slo',
        file: './bad.yaml',
        line: 4,
        message: expect.stringMatching(/^\.\/bad\.yaml:4: is not valid YAML: /),
      },
    ],
    [
      'an objective of 100%',
      './hundred.yaml',
      {
        source: 'slo',
        file: './hundred.yaml',
        line: 5,
        message:
          './hundred.yaml:5: SLO "availability": slos[0].objective must be below 100 (100% leaves no error budget)',
      },
    ],
  ])(
    'reports %s as a problem and keeps the other files',
    async (_case, broken, problem) => {
      const { specs, problems } = await reader().read(
        fileEntity(`${broken}, ./slos.yaml`),
      );
      expect(problems).toEqual([problem]);
      expect(specs.map(s => s.id)).toEqual(['availability']);
    },
  );

  it('refuses a file larger than the limit before parsing it', async () => {
    const size = Buffer.byteLength(slothSpec('checkout'));
    const { specs, problems } = await reader({ maxBytes: 100 }).read(
      fileEntity('./slos.yaml'),
    );
    expect(specs).toEqual([]);
    expect(problems).toEqual([
      {
        source: 'slo',
        file: './slos.yaml',
        message: `./slos.yaml: is ${size} bytes, larger than the limit of 100 bytes`,
      },
    ]);
  });

  it('accepts a file of exactly the limit', async () => {
    const size = Buffer.byteLength(slothSpec('checkout'));
    const { specs, problems } = await reader({ maxBytes: size }).read(
      fileEntity('./slos.yaml'),
    );
    expect(problems).toEqual([]);
    expect(specs).toHaveLength(1);
  });

  it('does not follow a symlink out of the folder', async () => {
    mockDir.addContent({
      svc: { 'link.yaml': ({ symlink }) => symlink('../outside.yaml') },
    });
    // the link points at a file outside the catalog-info folder
    expect(
      path
        .resolve(mockDir.resolve('svc'), '../outside.yaml')
        .startsWith(mockDir.resolve('svc')),
    ).toBe(false);
    const { specs, problems } = await reader().read(fileEntity('./link.yaml'));
    expect(specs).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: 'slo', file: './link.yaml' });
  });

  describe('in a url location', () => {
    const location =
      'url:https://github.com/acme/shop/blob/main/services/checkout/catalog-info.yaml';
    const urlEntity = (specs: string) =>
      entity({
        'backstage.io/managed-by-location': location,
        'reliability-kit.io/slo-spec': specs,
      });

    const urlReaderWith = (files: Record<string, string>) => {
      const urlReader = mockServices.urlReader.mock();
      urlReader.readUrl.mockImplementation(async (url: string) => {
        if (!(url in files)) {
          throw new NotFoundError(`${url} not found`);
        }
        return {
          buffer: async () => Buffer.from(files[url], 'utf8'),
        } as any;
      });
      return urlReader;
    };

    it('reads spec files through the UrlReader, next to the catalog-info file', async () => {
      const urlReader = urlReaderWith({
        'https://github.com/acme/shop/blob/main/services/checkout/slos/a.yaml':
          slothSpec('checkout'),
      });
      const { specs, problems } = await new SloSpecReader({ urlReader }).read(
        urlEntity('slos/a.yaml'),
      );
      expect(problems).toEqual([]);
      expect(specs.map(s => [s.id, s.service, s.source])).toEqual([
        [
          'availability',
          'checkout',
          { format: 'sloth/v1', file: 'slos/a.yaml', line: 4 },
        ],
      ]);
      expect(urlReader.readUrl).toHaveBeenCalledTimes(1);
      expect(urlReader.readUrl).toHaveBeenCalledWith(
        'https://github.com/acme/shop/blob/main/services/checkout/slos/a.yaml',
      );
    });

    it('reports a file the UrlReader cannot read', async () => {
      const urlReader = urlReaderWith({});
      const { specs, problems } = await new SloSpecReader({ urlReader }).read(
        urlEntity('./slos.yaml'),
      );
      expect(specs).toEqual([]);
      expect(problems).toEqual([
        {
          source: 'slo',
          file: './slos.yaml',
          message:
            './slos.yaml: could not be read: https://github.com/acme/shop/blob/main/services/checkout/slos.yaml not found',
        },
      ]);
    });

    it('refuses a file larger than the limit', async () => {
      const content = slothSpec('checkout');
      const urlReader = urlReaderWith({
        'https://github.com/acme/shop/blob/main/services/checkout/slos.yaml':
          content,
      });
      const { specs, problems } = await new SloSpecReader({
        urlReader,
        maxBytes: 64,
      }).read(urlEntity('./slos.yaml'));
      expect(specs).toEqual([]);
      expect(problems).toEqual([
        {
          source: 'slo',
          file: './slos.yaml',
          message: `./slos.yaml: is ${Buffer.byteLength(
            content,
          )} bytes, larger than the limit of 64 bytes`,
        },
      ]);
    });

    it('never asks the UrlReader for a path outside the folder', async () => {
      const urlReader = urlReaderWith({});
      const { problems } = await new SloSpecReader({ urlReader }).read(
        urlEntity('../other/slos.yaml, https://evil.example/x.yaml'),
      );
      expect(problems.map(p => p.file)).toEqual([
        '../other/slos.yaml',
        'https://evil.example/x.yaml',
      ]);
      expect(urlReader.readUrl).not.toHaveBeenCalled();
    });
  });
});
