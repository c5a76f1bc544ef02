import {
  TestDatabases,
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  SloMeasurement,
  SloSnapshot,
  SloWindow,
  evaluateSlo,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  SloMeasureRangeRequest,
  SloMeasureRequest,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import {
  parseLabelMatchers,
  matchesLabels,
} from '../providers/prometheus/LabelMatcher';
import { PrometheusQueryError } from '../providers/prometheus';
import { DemoSloMetricsProvider } from './DemoSloMetricsProvider';
import { DiscoveredSloIndex, SloInstances } from './SloCollector';
import { SloSpecReader } from './SloSpecReader';
import { fixedClock } from '../lib/Clock';
import { locatedIn, testComponent } from '../__testUtils__/entities';
import { createTestSloCollector } from '../__testUtils__/testSloCollector';
import {
  checkoutOpenSloSpec,
  slothSpecOf,
} from '../integration/sloSpecFixtures';
import { errorSection } from '../__testUtils__/sections';
import { DAY, MINUTE } from '../__testUtils__/time';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const BURN_WINDOWS = [
  5 * MINUTE,
  30 * MINUTE,
  60 * MINUTE,
  2 * 60 * MINUTE,
  6 * 60 * MINUTE,
  DAY,
  3 * DAY,
];
const WINDOW_28D: SloWindow = {
  kind: 'rolling',
  duration: '28d',
  ms: 28 * DAY,
};
const WINDOW_30D: SloWindow = {
  kind: 'rolling',
  duration: '30d',
  ms: 30 * DAY,
};

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const mockDir = createMockDirectory();

const CHECKOUT_SLOS = checkoutOpenSloSpec({
  good: 'http_requests_total{service="checkout",code!~"5.."}',
  total: 'http_requests_total{service="checkout"}',
  described: true,
});

const sloth = (service: string, slos: Array<[string, number]>) =>
  slothSpecOf(service, slos, 'rate');

const SPEC_FILES = {
  'catalog-info.yaml': 'kind: Component\n',
  'checkout.yaml': CHECKOUT_SLOS,
  'identity.yaml': sloth('identity', [['availability', 99.5]]),
  'search.yaml': sloth('search', [
    ['availability', 99],
    ['latency', 99.5],
  ]),
  'tier-one.yaml': sloth('core', [['availability', 99]]),
  'bad-yaml.yaml': 'version: prometheus/v1\nservice: x\nslos: [\n',
  'hundred.yaml': sloth('broken', [['availability', 100]]),
  'big.yaml': `# ${'x'.repeat(5000)}\n${sloth('big', [['availability', 99]])}`,
  'calendar.yaml': `apiVersion: openslo/v1
kind: SLO
metadata:
  name: monthly
spec:
  service: billing
  indicator:
    metadata:
      name: billing-good
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(ok[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(all[{{.window}}]))
  timeWindow:
    - duration: 1M
      isRolling: false
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`,
};

const ref = (name: string) => `component:default/${name}`;

const component = (
  name: string,
  annotations: Record<string, string>,
  tier = 'tier-3',
): Entity =>
  testComponent(name, {
    annotations: {
      ...locatedIn(mockDir),
      'reliability-kit.io/tier': tier,
      ...annotations,
    },
    spec: { type: 'service', owner: 'team-a' },
  });

const withSpec = (name: string, files: string, tier?: string) =>
  component(name, { 'reliability-kit.io/slo-spec': files }, tier);

const withSelector = (
  name: string,
  selector: string,
  extra: Record<string, string> = {},
) => component(name, { 'reliability-kit.io/slo-selector': selector, ...extra });

const GOOD_EVENTS: SloMeasurement = {
  kind: 'events',
  good: 999500,
  total: 1000000,
};

type FakeProvider = SloMetricsProvider & {
  measure: jest.MockedFunction<SloMetricsProvider['measure']>;
  measureRange: jest.MockedFunction<SloMetricsProvider['measureRange']>;
  discover: jest.MockedFunction<NonNullable<SloMetricsProvider['discover']>>;
};

/** The same measurement for every window, a daily point for every range. */
const fakeProvider = (
  measurement: SloMeasurement = GOOD_EVENTS,
  discovered: DiscoveredSlo[] = [],
): FakeProvider => ({
  id: 'prometheus',
  measure: jest.fn(
    async (request: SloMeasureRequest) =>
      new Map(request.windowsMs.map(w => [w, measurement])),
  ),
  measureRange: jest.fn(async (request: SloMeasureRangeRequest) => {
    const points: Array<{ at: Date; measurement: SloMeasurement | null }> = [];
    for (
      let t = request.start.getTime();
      t <= request.end.getTime();
      t += request.stepSeconds * 1000
    ) {
      points.push({ at: new Date(t), measurement });
    }
    return points;
  }),
  discover: jest.fn(
    async (_options: { at: Date; windowsMs: number[] }) => discovered,
  ),
});

const links: SloInstances['links'] = (instance, slo) => [
  {
    title: `Error ratio in ${instance}`,
    url: `http://prom.test/${instance}/${'key' in slo ? slo.key : slo.id}`,
  },
];

/**
 * A collector over `entities` (default: checkout with ./checkout.yaml) on a
 * fresh SQLite store, with `provider` (default: fakeProvider()).
 */
/** The problems of the SLO collection with these messages. */
const sloProblems = (...messages: string[]) =>
  messages.map(message => ({ source: 'slo', message }));

/** A fakeProvider whose history backfill finds no points. */
const noBackfillProvider = () => {
  const provider = fakeProvider();
  provider.measureRange.mockResolvedValue([]);
  return provider;
};

/** What a run reports: entities read, SLOs stored, stale kept, problems. */
const ran = (
  entities: number,
  slos: number,
  stale: number,
  problems: number,
) => ({
  entities,
  slos,
  stale,
  problems,
});

type SetupOptions<P extends SloMetricsProvider> = {
  entities?: Entity[];
  provider?: P;
  instances?: SloInstances;
  maxBytes?: number;
  historyRetentionDays?: number;
};

const setup = async <P extends SloMetricsProvider = FakeProvider>(
  options: SetupOptions<P> = {},
) => {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const logger = mockServices.logger.mock();
  const provider =
    options.provider ?? (fakeProvider() as SloMetricsProvider as P);
  const collector = createTestSloCollector({
    clock: fixedClock(NOW),
    entities: options.entities ?? [withSpec('checkout', './checkout.yaml')],
    store,
    logger,
    specReader: new SloSpecReader({
      urlReader: mockServices.urlReader.mock(),
      maxBytes: options.maxBytes,
    }),
    provider,
    instances: options.instances ?? { names: ['prom', 'eu'], links },
    historyRetentionDays: options.historyRetentionDays,
  });
  const section = async (name: string) =>
    (await store.readSections(ref(name))).slos;
  const items = async (name: string) =>
    ((await section(name))?.items ?? []) as SloSnapshot[];
  return { store, logger, collector, section, items, provider };
};

/** setup() with `options`, and the collector run once at NOW. */
const setupAndRun = async <P extends SloMetricsProvider = FakeProvider>(
  options: SetupOptions<P> = {},
) => {
  const context = await setup<P>(options);
  await context.collector.run(NOW);
  return context;
};

const discoveredSlo = (
  key: string,
  labels: Record<string, string>,
  over: Partial<DiscoveredSlo> = {},
): DiscoveredSlo => ({
  origin: 'sloth',
  instance: 'prom',
  key,
  name: labels.sloth_slo ?? key,
  service: labels.sloth_service,
  labels: { sloth_id: key, ...labels },
  objective: 0.999,
  windowMs: 30 * DAY,
  errorRatios: new Map([
    ...BURN_WINDOWS.map(w => [w, 0.0002] as [number, number]),
    [30 * DAY, 0.0004],
  ]),
  ...over,
});

const FLEET: DiscoveredSlo[] = [
  discoveredSlo('payments-availability', {
    sloth_service: 'payments',
    sloth_slo: 'availability',
  }),
  discoveredSlo('payments-latency', {
    sloth_service: 'payments',
    sloth_slo: 'latency',
  }),
  discoveredSlo('payments-eu-availability', {
    sloth_service: 'payments-eu',
    sloth_slo: 'availability',
  }),
  discoveredSlo('search-availability', {
    sloth_service: 'search',
    sloth_slo: 'availability',
    x: 'a',
  }),
  discoveredSlo(
    'payments-availability-eu',
    { sloth_service: 'payments', sloth_slo: 'availability' },
    { instance: 'eu' },
  ),
  discoveredSlo(
    'pyrra-search-availability',
    { slo: 'search-availability', namespace: 'monitoring' },
    {
      origin: 'pyrra',
      name: 'search-availability',
      objective: 0.995,
      windowMs: 28 * DAY,
      errorRatios: new Map([[28 * DAY, 0.001]]),
    },
  ),
];

describe('SloCollector', () => {
  beforeEach(() => {
    mockDir.setContent(SPEC_FILES);
  });

  describe('snapshots', () => {
    it('stores a snapshot of every SLO, with the numbers of evaluateSlo', async () => {
      const provider = fakeProvider();
      const { collector, section, items } = await setup({
        provider,
        entities: [
          withSpec('checkout', './checkout.yaml'),
          withSpec('search', 'search.yaml'),
        ],
      });
      expect(await collector.run(NOW)).toEqual(ran(2, 3, 0, 0));

      const evaluation = (objective: number, window: SloWindow) =>
        evaluateSlo({
          objective,
          window,
          measurements: new Map(
            [...BURN_WINDOWS, window.kind === 'rolling' ? window.ms : 0].map(
              w => [w, GOOD_EVENTS],
            ),
          ),
          now: NOW,
        });

      expect(await section('checkout')).toEqual({
        status: 'ok',
        items: [
          {
            id: 'checkout-availability',
            name: 'checkout-availability',
            displayName: 'Checkout availability',
            description: 'Successful checkout requests',
            origin: 'spec',
            format: 'openslo/v1',
            file: './checkout.yaml',
            instance: 'prom',
            objective: 0.999,
            window: WINDOW_28D,
            budgetingMethod: 'Occurrences',
            links: [
              {
                title: 'Error ratio in prom',
                url: 'http://prom.test/prom/checkout-availability',
              },
            ],
            demo: false,
            ...evaluation(0.999, WINDOW_28D),
            computedAt: NOW.toISOString(),
            stale: false,
          },
        ],
        problems: [],
        demo: false,
        computedAt: NOW.toISOString(),
        stale: false,
      });
      const [slo] = await items('checkout');
      expect(slo.sli).toBe(0.9995);
      expect(slo.budgetRemaining).toBeCloseTo(0.5, 12);
      expect(slo.status).toBe('healthy');
      expect(slo.windowLabel).toBe('28d rolling');

      expect(
        (await items('search')).map(i => [i.id, i.objective, i.window]),
      ).toEqual([
        ['availability', 0.99, WINDOW_30D],
        ['latency', 0.995, WINDOW_30D],
      ]);
      expect((await items('search'))[1]).toMatchObject(
        evaluation(0.995, WINDOW_30D),
      );
    });

    it('asks the provider for the burn-rate windows and the SLO window', async () => {
      const { provider } = await setupAndRun();
      expect(provider.measure).toHaveBeenCalledTimes(1);
      const request = provider.measure.mock.calls[0][0];
      expect(request).toMatchObject({
        entityRef: ref('checkout'),
        instance: 'prom',
        windowsMs: [...BURN_WINDOWS, 28 * DAY],
        at: NOW,
      });
      expect(request.slo.indicator).toEqual({
        kind: 'ratio',
        good: 'http_requests_total{service="checkout",code!~"5.."}',
        total: 'http_requests_total{service="checkout"}',
        counter: true,
      });
    });

    it('measures a calendar SLO over the month so far', async () => {
      const provider = fakeProvider();
      const { items } = await setupAndRun({
        provider,
        entities: [withSpec('billing', './calendar.yaml')],
      });
      const monthSoFar = NOW.getTime() - Date.parse('2026-11-01T00:00:00Z');
      expect(provider.measure.mock.calls[0][0].windowsMs).toEqual([
        ...BURN_WINDOWS,
        monthSoFar,
      ]);
      const [slo] = await items('billing');
      expect(slo.window).toEqual({ kind: 'calendar', unit: 'month' });
      expect(slo.windowStart).toBe('2026-11-01T00:00:00.000Z');
      expect(slo.windowEnd).toBe('2026-12-01T00:00:00.000Z');
      expect(slo.sli).toBe(0.9995);
      // calendar windows are not backfilled
      expect(provider.measureRange).not.toHaveBeenCalled();
    });

    it('stores the definitions of spec SLOs for the rules export', async () => {
      const { store } = await setupAndRun({
        entities: [
          withSpec('checkout', './checkout.yaml'),
          withSpec('search', 'search.yaml'),
        ],
      });
      expect(
        (await store.listSloDefinitions()).map(d => [d.entityRef, d.spec.id]),
      ).toEqual([
        [ref('checkout'), 'checkout-availability'],
        [ref('search'), 'availability'],
        [ref('search'), 'latency'],
      ]);
    });

    it('drops SLOs that are no longer in the spec file', async () => {
      const { collector, items, store } = await setup({
        entities: [withSpec('search', 'search.yaml')],
      });
      await collector.run(NOW);
      mockDir.addContent({
        'search.yaml': sloth('search', [['availability', 99]]),
      });
      await collector.run(new Date(NOW.getTime() + 5 * MINUTE));
      expect((await items('search')).map(i => i.id)).toEqual(['availability']);
      expect((await store.listSloDefinitions()).map(d => d.spec.id)).toEqual([
        'availability',
      ]);
    });

    it('forgets the SLOs of an entity that no longer names a spec file', async () => {
      const { items, store } = await setupAndRun({
        entities: [withSpec('search', 'search.yaml')],
      });
      expect(await store.listSloDefinitions()).toHaveLength(2);

      const without = createTestSloCollector({
        clock: fixedClock(NOW),
        entities: [component('search', {})],
        store,
        provider: fakeProvider(),
        instances: { names: ['prom'], links },
      });
      await without.run(new Date(NOW.getTime() + 5 * MINUTE));
      // The rules export must not keep exporting SLOs the entity dropped,
      // and the entity page must not show them as current.
      expect(await store.listSloDefinitions()).toEqual([]);
      expect(await items('search')).toEqual([]);
    });

    it('marks demo data as demo', async () => {
      const { section } = await setupAndRun({
        provider: new DemoSloMetricsProvider({ [ref('search')]: 'healthy' }),
        instances: { names: [] },
        entities: [withSpec('search', 'search.yaml')],
      });
      const stored = await section('search');
      expect(stored?.demo).toBe(true);
      expect(
        (stored?.items as SloSnapshot[]).map(i => [
          i.id,
          i.instance,
          i.demo,
          i.status,
          i.links,
        ]),
      ).toEqual([
        ['availability', 'demo', true, 'healthy', []],
        ['latency', 'demo', true, 'healthy', []],
      ]);
    });
  });

  describe('broken specs', () => {
    it.each([
      [
        'bad YAML',
        './bad-yaml.yaml',
        {
          source: 'slo',
          file: './bad-yaml.yaml',
          line: 4,
          message: expect.stringMatching(
            /^\.\/bad-yaml\.yaml:4: is not valid YAML: /,
          ),
        },
      ],
      [
        'an objective of 100',
        './hundred.yaml',
        {
          source: 'slo',
          file: './hundred.yaml',
          line: 5,
          message:
            './hundred.yaml:5: SLO "availability": slos[0].objective must be below 100 (100% leaves no error budget)',
        },
      ],
      [
        'a path escaping with ../',
        '../checkout.yaml',
        {
          source: 'slo',
          file: '../checkout.yaml',
          message: `../checkout.yaml: "../checkout.yaml" must not leave the folder of the entity's catalog-info file`,
        },
      ],
      [
        'an absolute URL',
        'https://evil.example/slos.yaml',
        {
          source: 'slo',
          file: 'https://evil.example/slos.yaml',
          message: `https://evil.example/slos.yaml: "https://evil.example/slos.yaml" must be a path relative to the entity's catalog-info file, not a URL or an absolute path`,
        },
      ],
      [
        'a missing file',
        './nope.yaml',
        {
          source: 'slo',
          file: './nope.yaml',
          message: './nope.yaml: no such file next to the catalog-info file',
        },
      ],
      [
        'an oversized file',
        './big.yaml',
        {
          source: 'slo',
          file: './big.yaml',
          message: `./big.yaml: is ${Buffer.byteLength(
            SPEC_FILES['big.yaml'],
          )} bytes, larger than the limit of 4096 bytes`,
        },
      ],
    ])(
      'shows %s as a problem of that entity only',
      async (_case, file, problem) => {
        const { collector, section, items } = await setup({
          maxBytes: 4096,
          entities: [
            withSpec('broken', file),
            withSpec('checkout', './checkout.yaml'),
          ],
        });
        expect(await collector.run(NOW)).toEqual(ran(2, 1, 0, 1));
        expect(await section('broken')).toEqual(errorSection([problem], NOW));
        expect((await items('checkout')).map(i => [i.id, i.status])).toEqual([
          ['checkout-availability', 'healthy'],
        ]);
        expect((await section('checkout'))?.problems).toEqual([]);
      },
    );

    it('keeps the valid SLOs of an entity next to its broken file', async () => {
      const { section } = await setupAndRun({
        entities: [withSpec('search', 'search.yaml, ./hundred.yaml')],
      });
      const stored = await section('search');
      expect(stored?.status).toBe('ok');
      expect((stored?.items as SloSnapshot[]).map(i => i.id)).toEqual([
        'availability',
        'latency',
      ]);
      expect(stored?.problems).toEqual([
        {
          source: 'slo',
          file: './hundred.yaml',
          line: 5,
          message:
            './hundred.yaml:5: SLO "availability": slos[0].objective must be below 100 (100% leaves no error budget)',
        },
      ]);
    });

    it('keeps the stored definitions while the only spec file is broken', async () => {
      const { collector, store } = await setup({
        entities: [withSpec('search', 'search.yaml')],
      });
      await collector.run(NOW);
      mockDir.addContent({ 'search.yaml': 'slos: [' });
      await collector.run(new Date(NOW.getTime() + 5 * MINUTE));
      expect((await store.listSloDefinitions()).map(d => d.spec.id)).toEqual([
        'availability',
        'latency',
      ]);
    });
  });

  describe('upstream failures', () => {
    const UNREACHABLE =
      'Prometheus "x" unreachable: connect ECONNREFUSED 127.0.0.1:9090';

    it('keeps the last snapshot, marked stale, until a run succeeds', async () => {
      const { collector, section, items, store, provider } =
        await setupAndRun();
      const [first] = await items('checkout');

      provider.measure.mockRejectedValue(new Error(UNREACHABLE));
      const later = new Date(NOW.getTime() + 5 * MINUTE);
      expect(await collector.run(later)).toEqual(ran(1, 1, 1, 0));
      const stale = await section('checkout');
      expect(stale).toMatchObject({
        status: 'ok',
        problems: [],
        stale: true,
        staleReason: UNREACHABLE,
      });
      expect(stale?.items).toEqual([
        { ...first, stale: true, staleReason: UNREACHABLE },
      ]);
      // the numbers and their time are those of the first run
      expect((stale?.items as SloSnapshot[])[0]).toMatchObject({
        sli: 0.9995,
        computedAt: NOW.toISOString(),
      });
      // no history point from a failed run
      expect(
        await store.readSloHistory(
          ref('checkout'),
          'checkout-availability',
          NOW.toISOString(),
          new Date(NOW.getTime() + DAY).toISOString(),
        ),
      ).toEqual([
        {
          at: NOW.toISOString(),
          objective: 0.999,
          sli: 0.9995,
          budgetRemaining: first.budgetRemaining,
          status: 'healthy',
        },
      ]);

      // still failing: still the first numbers
      await collector.run(new Date(NOW.getTime() + 10 * MINUTE));
      expect(await items('checkout')).toEqual([
        { ...first, stale: true, staleReason: UNREACHABLE },
      ]);

      provider.measure.mockResolvedValue(
        new Map(
          [...BURN_WINDOWS, 28 * DAY].map(w => [
            w,
            { kind: 'events', good: 999000, total: 1000000 },
          ]),
        ),
      );
      const recovered = new Date(NOW.getTime() + 15 * MINUTE);
      await expect(collector.run(recovered)).resolves.toMatchObject({
        stale: 0,
      });
      const fresh = await section('checkout');
      expect(fresh?.stale).toBe(false);
      expect(fresh?.staleReason).toBeUndefined();
      const [slo] = fresh?.items as SloSnapshot[];
      expect(slo.stale).toBe(false);
      expect(slo.staleReason).toBeUndefined();
      expect(slo.sli).toBe(0.999);
      expect(slo.computedAt).toBe(recovered.toISOString());
    });

    it('shows an SLO that never succeeded as stale without numbers', async () => {
      const provider = fakeProvider();
      provider.measure.mockRejectedValue(new Error(UNREACHABLE));
      const { section } = await setupAndRun({
        provider,
      });
      const stored = await section('checkout');
      expect(stored).toMatchObject({ stale: true, staleReason: UNREACHABLE });
      expect(stored?.items).toEqual([
        expect.objectContaining({
          id: 'checkout-availability',
          stale: true,
          staleReason: UNREACHABLE,
          noDataReason: UNREACHABLE,
          status: 'no-data',
          sli: null,
          budgetRemaining: null,
        }),
      ]);
    });

    it.each([
      ['an InputError', new InputError('parse error at char 3')],
      [
        'a PrometheusQueryError',
        new PrometheusQueryError('parse error at char 3', {
          upstream: 'prom',
          statusCode: 400,
        }),
      ],
      [
        'an error named InputError',
        Object.assign(new Error('parse error at char 3'), {
          name: 'InputError',
        }),
      ],
    ])(
      'turns %s from the provider into a problem, not staleness',
      async (_case, error) => {
        const { collector, section, items, provider } = await setupAndRun();
        provider.measure.mockRejectedValue(error);
        const later = new Date(NOW.getTime() + 5 * MINUTE);
        expect(await collector.run(later)).toEqual(ran(1, 1, 0, 1));
        const stored = await section('checkout');
        expect(stored?.stale).toBe(false);
        expect(stored?.problems).toEqual([
          {
            source: 'slo',
            message: 'parse error at char 3',
            file: './checkout.yaml',
            line: 1,
          },
        ]);
        const [slo] = await items('checkout');
        expect(slo).toMatchObject({
          stale: false,
          status: 'no-data',
          sli: null,
          noDataReason: 'parse error at char 3',
          computedAt: later.toISOString(),
        });
        expect(slo.staleReason).toBeUndefined();
      },
    );

    it('marks discovered SLOs stale and keeps them when discovery fails', async () => {
      const provider = fakeProvider(GOOD_EVENTS, FLEET);
      const { collector, section, items, logger } = await setup({
        provider,
        entities: [
          withSelector('payments', 'sloth_service="payments"', {
            'reliability-kit.io/slo-spec': './checkout.yaml',
          }),
        ],
      });
      await collector.run(NOW);
      const before = await items('payments');
      expect(before.map(i => [i.id, i.origin, i.stale])).toEqual([
        ['checkout-availability', 'spec', false],
        ['payments-availability', 'sloth', false],
        ['payments-latency', 'sloth', false],
      ]);

      provider.discover.mockRejectedValue(
        new Error('Prometheus "prom" unreachable: HTTP 503'),
      );
      const later = new Date(NOW.getTime() + 5 * MINUTE);
      expect(await collector.run(later)).toEqual(ran(1, 3, 2, 0));
      expect(logger.warn).toHaveBeenCalledWith(
        'SLO discovery failed: Prometheus "prom" unreachable: HTTP 503',
      );
      const after = await items('payments');
      // the spec SLO is evaluated as usual
      expect(after[0]).toMatchObject({
        id: 'checkout-availability',
        stale: false,
        computedAt: later.toISOString(),
      });
      expect(after.slice(1)).toEqual(
        before.slice(1).map(i => ({
          ...i,
          stale: true,
          staleReason: 'Prometheus "prom" unreachable: HTTP 503',
        })),
      );
      expect(await section('payments')).toMatchObject({
        stale: true,
        staleReason: 'Prometheus "prom" unreachable: HTTP 503',
      });
    });

    it('never lets one entity stop the others', async () => {
      const provider = fakeProvider();
      provider.measure.mockImplementation(async request => {
        if (request.entityRef === ref('identity')) {
          // a provider bug, outside the collector's error handling
          return undefined as unknown as Map<number, SloMeasurement>;
        }
        if (request.entityRef === ref('search')) {
          // eslint-disable-next-line no-throw-literal
          throw 'boom';
        }
        return new Map(request.windowsMs.map(w => [w, GOOD_EVENTS]));
      });
      const { collector, items, section, logger } = await setup({
        provider,
        entities: [
          withSpec('identity', './identity.yaml'),
          withSpec('search', 'search.yaml'),
          withSpec('checkout', './checkout.yaml'),
        ],
      });
      expect(await collector.run(NOW)).toEqual(ran(3, 3, 2, 1));
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(
          /^SLO collection failed for component:default\/identity: /,
        ),
      );
      expect(await section('identity')).toBeUndefined();
      // a thrown non-Error is an upstream failure of that entity's SLOs
      expect(
        (await items('search')).map(i => [i.id, i.stale, i.staleReason]),
      ).toEqual([
        ['availability', true, 'boom'],
        ['latency', true, 'boom'],
      ]);
      expect((await items('checkout')).map(i => [i.id, i.status])).toEqual([
        ['checkout-availability', 'healthy'],
      ]);
    });

    it('keeps going when the links of one entity throw', async () => {
      const { collector, items, logger } = await setup({
        instances: {
          names: ['prom'],
          links: (instance, slo) => {
            if (!('key' in slo) && slo.service === 'identity') {
              // eslint-disable-next-line no-throw-literal
              throw { weird: true };
            }
            return links!(instance, slo);
          },
        },
        entities: [
          withSpec('identity', './identity.yaml'),
          withSpec('checkout', './checkout.yaml'),
        ],
      });
      expect(await collector.run(NOW)).toEqual(ran(2, 1, 0, 1));
      expect(logger.error).toHaveBeenCalledWith(
        'SLO collection failed for component:default/identity: [object Object]',
      );
      expect((await items('checkout')).map(i => i.id)).toEqual([
        'checkout-availability',
      ]);
    });
  });

  describe('discovered SLOs', () => {
    it('discovers once per run for all entities', async () => {
      const provider = fakeProvider(GOOD_EVENTS, FLEET);
      const {} = await setupAndRun({
        provider,
        entities: [
          withSelector('payments', 'sloth_service="payments"'),
          withSelector('search', 'sloth_service="search"'),
          withSpec('checkout', './checkout.yaml'),
        ],
      });
      expect(provider.discover).toHaveBeenCalledTimes(1);
      expect(provider.discover).toHaveBeenCalledWith({
        at: NOW,
        windowsMs: BURN_WINDOWS,
      });
    });

    it('does not discover without entities that have a selector', async () => {
      const provider = fakeProvider(GOOD_EVENTS, FLEET);
      const {} = await setupAndRun({
        provider,
      });
      expect(provider.discover).not.toHaveBeenCalled();
    });

    it('evaluates a bound Sloth SLO from its recorded error ratios', async () => {
      const provider = fakeProvider(GOOD_EVENTS, FLEET);
      const { items } = await setupAndRun({
        provider,
        entities: [withSelector('search', 'sloth_service="search"')],
      });
      const d = FLEET[3];
      expect(await items('search')).toEqual([
        {
          id: 'search-availability',
          name: 'availability',
          origin: 'sloth',
          instance: 'prom',
          objective: 0.999,
          window: WINDOW_30D,
          budgetingMethod: 'Occurrences',
          ...evaluateSlo({
            objective: 0.999,
            window: WINDOW_30D,
            measurements: new Map(
              [...d.errorRatios].map(([w, r]) => [
                w,
                { kind: 'ratio', errorRatio: r },
              ]),
            ),
            now: NOW,
          }),
          computedAt: NOW.toISOString(),
          stale: false,
          links: [
            {
              title: 'Error ratio in prom',
              url: 'http://prom.test/prom/search-availability',
            },
          ],
          demo: false,
        },
      ]);
      const [slo] = await items('search');
      expect(slo.sli).toBe(0.9996);
      expect(slo.budgetRemaining).toBeCloseTo(0.6, 12);
    });

    it.each([
      [
        'an equality selector',
        'sloth_service="payments"',
        {},
        ['payments-availability', 'payments-latency'],
      ],
      [
        'a braced selector with two matchers',
        '{sloth_service="payments", sloth_slo="latency"}',
        {},
        ['payments-latency'],
      ],
      [
        'a regex selector',
        'sloth_service=~"payments.*"',
        {},
        [
          'payments-availability',
          'payments-latency',
          'payments-eu-availability',
        ],
      ],
      [
        'a regex and a negative matcher',
        'sloth_service=~"payments(-eu)?", sloth_slo!="latency"',
        {},
        ['payments-availability', 'payments-eu-availability'],
      ],
      [
        'a negative regex',
        'sloth_slo="availability", sloth_service!~"pay.*"',
        {},
        ['search-availability'],
      ],
      [
        'a Pyrra slo label',
        'slo="search-availability"',
        {},
        ['pyrra-search-availability'],
      ],
      [
        'a selector on another instance',
        'sloth_service="payments"',
        { 'reliability-kit.io/prometheus-instance': 'eu' },
        ['payments-availability-eu'],
      ],
    ])(
      'binds only the SLOs matching %s',
      async (_case, selector, extra, expected) => {
        const { collector, items, section } = await setup({
          provider: fakeProvider(GOOD_EVENTS, FLEET),
          entities: [withSelector('payments', selector, extra)],
        });
        await collector.run(NOW);
        expect((await items('payments')).map(i => i.id)).toEqual(expected);
        expect((await section('payments'))?.problems).toEqual([]);
      },
    );

    it('evaluates a bound Pyrra SLO over its own window', async () => {
      const { items } = await setupAndRun({
        provider: fakeProvider(GOOD_EVENTS, FLEET),
        entities: [withSelector('search', 'slo="search-availability"')],
      });
      const [slo] = await items('search');
      expect(slo).toMatchObject({
        id: 'pyrra-search-availability',
        name: 'search-availability',
        origin: 'pyrra',
        objective: 0.995,
        window: WINDOW_28D,
        windowLabel: '28d rolling',
        sli: 0.999,
        status: 'healthy',
        links: [
          {
            title: 'Error ratio in prom',
            url: 'http://prom.test/prom/pyrra-search-availability',
          },
        ],
      });
      expect(slo.budgetRemaining).toBeCloseTo(0.8, 12);
      // no burn-rate windows recorded: no burn rates, no alerts
      expect(slo.burnRates.every(b => b.burnRate === null)).toBe(true);
      expect(slo.alerts.firing).toEqual([]);
    });

    it('reports a selector that matches nothing', async () => {
      const { section } = await setupAndRun({
        provider: fakeProvider(GOOD_EVENTS, FLEET),
        // regexes are anchored: "pay" is not "payments"
        entities: [withSelector('payments', 'sloth_service=~"pay"')],
      });
      expect(await section('payments')).toMatchObject({
        status: 'error',
        items: [],
        problems: sloProblems(
          'reliability-kit.io/slo-selector "sloth_service=~"pay"" matches no Sloth SLO on instance "prom"',
        ),
      });
    });

    it.each([
      ['x="a"} or vector(1)'],
      ['sloth_service="payments" or vector(1)'],
      ['{sloth_service=~"(?=x)"}'],
      [`${' '.repeat(1100)}x="a"`],
    ])('reports the invalid selector %j and binds nothing', async selector => {
      const { section } = await setupAndRun({
        provider: fakeProvider(GOOD_EVENTS, FLEET),
        entities: [
          withSelector('search', selector),
          withSelector('payments', 'sloth_service="payments"'),
        ],
      });
      let parseError = '';
      try {
        parseLabelMatchers(selector);
      } catch (e) {
        parseError = (e as Error).message;
      }
      expect(parseError).not.toBe('');
      expect(await section('search')).toMatchObject({
        status: 'error',
        items: [],
        problems: sloProblems(
          `invalid reliability-kit.io/slo-selector: ${parseError}`,
        ),
      });
      expect(
        ((await section('payments'))?.items as SloSnapshot[]).map(i => i.id),
      ).toEqual(['payments-availability', 'payments-latency']);
    });

    it('names the position of the problem of an injected selector', async () => {
      const { collector, section } = await setup({
        provider: fakeProvider(GOOD_EVENTS, FLEET),
        entities: [withSelector('search', 'x="a"} or vector(1)')],
      });
      await collector.run(NOW);
      expect((await section('search'))?.problems).toEqual(
        sloProblems(
          'invalid reliability-kit.io/slo-selector: Invalid label matchers at position 6: expected "," or the end after a matcher, got "}"',
        ),
      );
    });

    it('explains that a selector needs a provider that discovers', async () => {
      const { section } = await setupAndRun({
        provider: new DemoSloMetricsProvider(),
        instances: { names: [] },
        entities: [withSelector('payments', 'sloth_service="payments"')],
      });
      expect((await section('payments'))?.problems).toEqual(
        sloProblems(
          'reliability-kit.io/slo-selector needs a Prometheus instance to discover Sloth SLOs in; none is configured',
        ),
      );
    });
  });

  describe('instances and tiers', () => {
    it('reports an unknown prometheus-instance and uses the default one', async () => {
      const provider = fakeProvider();
      const { collector, section } = await setup({
        provider,
        entities: [
          component('checkout', {
            'reliability-kit.io/slo-spec': './checkout.yaml',
            'reliability-kit.io/prometheus-instance': 'nope',
          }),
        ],
      });
      await expect(collector.run(NOW)).resolves.toMatchObject({
        slos: 1,
        problems: 1,
      });
      const stored = await section('checkout');
      expect(stored?.problems).toEqual(
        sloProblems(
          'reliability-kit.io/prometheus-instance names "nope", which is not a configured instance (configured: prom, eu)',
        ),
      );
      expect((stored?.items as SloSnapshot[])[0].instance).toBe('prom');
      expect(provider.measure.mock.calls[0][0].instance).toBe('prom');
    });

    it('uses a configured prometheus-instance', async () => {
      const provider = fakeProvider();
      const { items } = await setupAndRun({
        provider,
        entities: [
          component('checkout', {
            'reliability-kit.io/slo-spec': './checkout.yaml',
            'reliability-kit.io/prometheus-instance': 'eu',
          }),
        ],
      });
      expect(provider.measure.mock.calls[0][0].instance).toBe('eu');
      expect((await items('checkout'))[0]).toMatchObject({
        instance: 'eu',
        links: [
          {
            title: 'Error ratio in eu',
            url: 'http://prom.test/eu/checkout-availability',
          },
        ],
      });
    });

    it('reports an objective below the tier minimum and still evaluates the SLO', async () => {
      const { collector, section } = await setup({
        entities: [withSpec('core', './tier-one.yaml', 'tier-1')],
      });
      expect(await collector.run(NOW)).toEqual(ran(1, 1, 0, 1));
      const stored = await section('core');
      expect(stored?.status).toBe('ok');
      expect(stored?.problems).toEqual([
        {
          source: 'slo',
          file: './tier-one.yaml',
          line: 4,
          message:
            'SLO "availability": objective 99% is below the minimum of tier-1 (99.9%)',
        },
      ]);
      expect(stored?.items).toEqual([
        expect.objectContaining({
          id: 'availability',
          objective: 0.99,
          sli: 0.9995,
          status: 'healthy',
        }),
      ]);
    });

    it.each([
      ['tier-1', 1],
      ['tier-2', 0],
      ['tier-3', 0],
      ['tier-4', 0],
      ['platinum', 0],
    ])(
      'checks a 99.5%% objective against the minimum of %s: %i problems',
      async (tier, problems) => {
        const { collector, section } = await setup({
          entities: [withSpec('identity', './identity.yaml', tier)],
        });
        await expect(collector.run(NOW)).resolves.toMatchObject({
          slos: 1,
          problems,
        });
        expect((await section('identity'))?.problems).toHaveLength(problems);
      },
    );
  });

  describe('history', () => {
    const read = (
      store: DatabaseReliabilityStore,
      name: string,
      sloId: string,
    ) =>
      store.readSloHistory(
        ref(name),
        sloId,
        '2000-01-01T00:00:00.000Z',
        '2100-01-01T00:00:00.000Z',
      );

    it('keeps one point per day, the last run of the day winning', async () => {
      const provider = noBackfillProvider();
      const { collector, store } = await setup({ provider });
      await collector.run(NOW);
      provider.measure.mockImplementation(
        async request =>
          new Map(
            request.windowsMs.map(w => [
              w,
              { kind: 'events', bad: 800, total: 1000000 },
            ]),
          ),
      );
      const sameDay = new Date('2026-11-26T23:55:00.000Z');
      await collector.run(sameDay);
      const nextDay = new Date('2026-11-27T00:05:00.000Z');
      await collector.run(nextDay);

      const points = await read(store, 'checkout', 'checkout-availability');
      expect(points.map(p => [p.at, p.sli, p.status])).toEqual([
        ['2026-11-26T23:55:00.000Z', 0.9992, 'at-risk'],
        ['2026-11-27T00:05:00.000Z', 0.9992, 'at-risk'],
      ]);
      expect(points[0].budgetRemaining).toBeCloseTo(0.2, 12);
      expect(points[0].objective).toBe(0.999);
    });

    it('backfills the window of a new rolling SLO, at least 12 weeks, once', async () => {
      const { collector, store, provider } = await setupAndRun();
      expect(provider.measureRange).toHaveBeenCalledTimes(1);
      const request = provider.measureRange.mock.calls[0][0];
      expect(request).toMatchObject({
        entityRef: ref('checkout'),
        instance: 'prom',
        windowMs: 28 * DAY,
        stepSeconds: 86400,
        start: new Date('2026-09-03T23:59:59.999Z'),
        end: new Date('2026-11-25T23:59:59.999Z'),
      });
      expect(request.slo.id).toBe('checkout-availability');

      const points = await read(store, 'checkout', 'checkout-availability');
      // 84 days (the fleet's 12 weeks, more than the 28d window) before
      // today, and today's point
      expect(points).toHaveLength(85);
      expect(points[0]).toEqual({
        at: '2026-09-03T23:59:59.999Z',
        objective: 0.999,
        sli: 0.9995,
        budgetRemaining: evaluateSlo({
          objective: 0.999,
          window: WINDOW_28D,
          measurements: new Map([[28 * DAY, GOOD_EVENTS]]),
          now: new Date('2026-09-03T23:59:59.999Z'),
        }).budgetRemaining,
        status: 'healthy',
      });
      expect(points[83].at).toBe('2026-11-25T23:59:59.999Z');
      expect(points[84].at).toBe(NOW.toISOString());

      await collector.run(new Date(NOW.getTime() + DAY));
      expect(provider.measureRange).toHaveBeenCalledTimes(1);
      expect(
        await read(store, 'checkout', 'checkout-availability'),
      ).toHaveLength(86);
    });

    it('backfills no more days than the history keeps', async () => {
      const provider = fakeProvider();
      const { store } = await setupAndRun({
        provider,
        historyRetentionDays: 10,
      });
      expect(provider.measureRange.mock.calls[0][0]).toMatchObject({
        start: new Date('2026-11-16T23:59:59.999Z'),
        end: new Date('2026-11-25T23:59:59.999Z'),
      });
      expect(
        await read(store, 'checkout', 'checkout-availability'),
      ).toHaveLength(11);
    });

    it('stores no-data backfill points as nulls', async () => {
      const provider = fakeProvider();
      provider.measureRange.mockResolvedValue([
        { at: new Date('2026-11-24T23:59:59.999Z'), measurement: null },
        {
          at: new Date('2026-11-25T23:59:59.999Z'),
          measurement: { kind: 'events', good: 0, total: 0 },
        },
      ]);
      const { store } = await setupAndRun({
        provider,
      });
      expect(
        (await read(store, 'checkout', 'checkout-availability')).slice(0, 2),
      ).toEqual([
        {
          at: '2026-11-24T23:59:59.999Z',
          objective: 0.999,
          sli: null,
          budgetRemaining: null,
          status: 'no-data',
        },
        {
          at: '2026-11-25T23:59:59.999Z',
          objective: 0.999,
          sli: null,
          budgetRemaining: null,
          status: 'no-data',
        },
      ]);
    });

    it('stores today’s point when the backfill fails', async () => {
      const provider = fakeProvider();
      provider.measureRange.mockRejectedValue(new Error('range too long'));
      const { collector, store, logger } = await setup({ provider });
      await expect(collector.run(NOW)).resolves.toMatchObject({
        slos: 1,
        stale: 0,
        problems: 0,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        'Could not backfill the history of component:default/checkout SLO checkout-availability: range too long',
      );
      expect(
        (await read(store, 'checkout', 'checkout-availability')).map(p => p.at),
      ).toEqual([NOW.toISOString()]);
    });

    it('records discovered SLOs without a backfill', async () => {
      const provider = fakeProvider(GOOD_EVENTS, FLEET);
      const { store } = await setupAndRun({
        provider,
        entities: [withSelector('search', 'sloth_service="search"')],
      });
      expect(provider.measureRange).not.toHaveBeenCalled();
      expect(await read(store, 'search', 'search-availability')).toEqual([
        {
          at: NOW.toISOString(),
          objective: 0.999,
          sli: 0.9996,
          budgetRemaining: expect.closeTo(0.6, 12),
          status: 'healthy',
        },
      ]);
    });

    it('prunes days older than the retention', async () => {
      const provider = fakeProvider();
      const { collector, store } = await setup({
        provider,
        historyRetentionDays: 10,
      });
      const old = (at: string) => ({
        at,
        objective: 0.999,
        sli: 0.9,
        budgetRemaining: -99,
        status: 'breaching' as const,
      });
      await store.upsertSloHistory(ref('checkout'), 'checkout-availability', [
        old('2026-11-15T12:00:00.000Z'),
        old('2026-11-16T00:00:00.000Z'),
      ]);
      await store.upsertSloHistory(ref('gone'), 'x', [
        old('2026-01-01T00:00:00.000Z'),
        old('2026-11-16T12:00:00.000Z'),
      ]);
      await collector.run(NOW);
      // history exists: no backfill
      expect(provider.measureRange).not.toHaveBeenCalled();
      expect(
        (await read(store, 'checkout', 'checkout-availability')).map(p => p.at),
      ).toEqual(['2026-11-16T00:00:00.000Z', NOW.toISOString()]);
      expect((await read(store, 'gone', 'x')).map(p => p.at)).toEqual([
        '2026-11-16T12:00:00.000Z',
      ]);
    });

    it('keeps 90 days of history by default', async () => {
      const provider = noBackfillProvider();
      const { collector, store } = await setup({ provider });
      await store.upsertSloHistory(ref('checkout'), 'other', [
        {
          at: '2026-08-27T23:00:00.000Z',
          objective: 0.999,
          sli: 1,
          budgetRemaining: 1,
          status: 'healthy',
        },
        {
          at: '2026-08-28T01:00:00.000Z',
          objective: 0.999,
          sli: 1,
          budgetRemaining: 1,
          status: 'healthy',
        },
      ]);
      await collector.run(NOW);
      expect((await read(store, 'checkout', 'other')).map(p => p.at)).toEqual([
        '2026-08-28T01:00:00.000Z',
      ]);
    });
  });
});

describe('DiscoveredSloIndex', () => {
  const fleet: DiscoveredSlo[] = [
    ...FLEET,
    discoveredSlo('no-service', { sloth_slo: 'availability' }),
    discoveredSlo('empty-service', {
      sloth_service: '',
      sloth_slo: 'availability',
    }),
  ];

  it.each([
    ['sloth_service="payments"', 'prom'],
    ['sloth_service="payments"', 'eu'],
    ['sloth_service="payments", sloth_slo="latency"', 'prom'],
    ['sloth_slo="availability", sloth_service="payments"', 'prom'],
    ['sloth_service=""', 'prom'],
    ['sloth_service!=""', 'prom'],
    ['sloth_service=~".*"', 'prom'],
    ['sloth_service=~"payments|search"', 'prom'],
    ['sloth_service!~"payments.*"', 'prom'],
    ['x="a"', 'prom'],
    ['sloth_service="nope"', 'prom'],
    ['sloth_service="payments"', 'other'],
  ])(
    'finds the same SLOs for %s on %s as a full scan',
    (selector, instance) => {
      const matchers = parseLabelMatchers(selector);
      const index = new DiscoveredSloIndex(fleet);
      const expected = fleet
        .filter(
          d => d.instance === instance && matchesLabels(matchers, d.labels),
        )
        .map(d => d.key);
      // twice: the second lookup uses the built index
      expect(index.find(instance, matchers).map(d => d.key)).toEqual(expected);
      expect(index.find(instance, matchers).map(d => d.key)).toEqual(expected);
    },
  );

  it('finds nothing in an empty fleet', () => {
    expect(
      new DiscoveredSloIndex([]).find(
        'prom',
        parseLabelMatchers('sloth_service="payments"'),
      ),
    ).toEqual([]);
  });
});
