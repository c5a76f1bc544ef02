import {
  CHECKOUT_OPENSLO_SPEC,
  slothSpec,
  sloSpecAt,
  sloSelector,
} from './sloSpecFixtures';
import {
  TestDatabases,
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../providers/prometheus';
import { PrometheusSloMetricsProvider } from '../slo/PrometheusSloMetricsProvider';
import { locatedIn, testComponent } from '../__testUtils__/entities';
import { createTestSloCollector } from '../__testUtils__/testSloCollector';
import { describeMetricsBackends } from './metricsBackends';
import { MetricsBackend, queryPrometheusValue } from './prometheusFixtures';
import { fixedClock } from '../lib/Clock';
import { TenantProxy, startTenantProxy } from '../__testUtils__/tenantProxy';

// The SLO collector against the real Prometheus of scripts/prometheus.sh and
// the real VictoriaMetrics of scripts/victoriametrics.sh (same fixtures):
// every number the backend stores is checked against values computed here,
// independently, by PromQL sent straight to that server. Then once more
// through a tenant proxy (path prefix and X-Scope-OrgID, as in front of
// Mimir, Cortex or Thanos).

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describeMetricsBackends(backend => describeCollector(backend));

function describeCollector(backend: MetricsBackend) {
  const { fixtures, url } = backend;
  const mockDir = createMockDirectory();
  mockDir.setContent({
    'checkout-slos.yaml': CHECKOUT_OPENSLO_SPEC,
    'identity-slos.yaml': slothSpec('identity'),
    'quiet-slos.yaml': slothSpec('quiet'),
  });

  const entity = (name: string, annotations: Record<string, string>): Entity =>
    testComponent(name, {
      annotations: {
        ...locatedIn(mockDir),
        'reliability-kit.io/tier': 'tier-2',
        ...annotations,
      },
      spec: { type: 'service' },
    });

  const entities = [
    entity('checkout', sloSpecAt('./checkout-slos.yaml')),
    entity('identity', sloSpecAt('./identity-slos.yaml')),
    entity('quiet', sloSpecAt('./quiet-slos.yaml')),
    entity('payments', sloSelector('sloth_service="payments"')),
    entity('search', sloSelector('sloth_service="search"')),
    entity('search-pyrra', sloSelector('slo="search-availability"')),
  ];

  const at = new Date(fixtures.end * 1000);
  const promql = (q: string) => queryPrometheusValue(url, q, fixtures.end);

  const windows: Array<[string, string]> = [
    ['5m', '5m'],
    ['30m', '30m'],
    ['1h', '1h'],
    ['2h', '2h'],
    ['6h', '6h'],
    ['1d', '1d'],
    ['3d', '3d'],
  ];

  const collect = async (
    instanceConfig: Record<string, unknown> = { baseUrl: url },
  ) => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseReliabilityStore.create({
      database: { getClient: async () => knex },
    });
    const logger = mockServices.logger.mock();
    const [instance] = readPrometheusInstances(
      new ConfigReader({
        reliability: {
          prometheus: {
            instances: [
              { name: 'fixtures', kind: backend.kind, ...instanceConfig },
            ],
          },
        },
      }),
    );
    const provider = new PrometheusSloMetricsProvider([
      PrometheusClient.fromConfig(instance, { logger }),
    ]);
    const collector = createTestSloCollector({
      clock: fixedClock(at),
      entities,
      store,
      logger,
      provider,
      instances: {
        names: ['fixtures'],
        kindOf: i => provider.kindOf(i),
        links: (i, slo) => provider.links(i, slo),
      },
    });
    const result = await collector.run(at);
    const slos = async (name: string) =>
      (await store.readSections(`component:default/${name}`)).slos!;
    return { store, provider, result, slos };
  };

  /** SLI and budget of an error/total pair, computed straight in PromQL. */
  const independent = async (
    errorQuery: string,
    totalQuery: string,
    objective: number,
  ) => {
    const ratio = await promql(`(${errorQuery}) / (${totalQuery})`);
    return {
      sli: 1 - ratio!,
      remaining: 1 - ratio! / (1 - objective),
      burn: ratio! / (1 - objective),
    };
  };

  describe(`SLO collector against the fixture ${backend.title} (${fixtures.endIso})`, () => {
    let run: Awaited<ReturnType<typeof collect>>;
    beforeAll(async () => {
      run = await collect();
    }, 60_000);

    it('evaluates every SLO of every entity', () => {
      expect(run.result).toEqual({
        entities: 6,
        slos: 6,
        stale: 0,
        problems: 0,
      });
    });

    it('matches independent PromQL to 6 decimals for checkout (file spec)', async () => {
      const section = await run.slos('checkout');
      const [slo] = section.items as SloSnapshot[];
      const err =
        'sum(increase(http_requests_total{service="checkout",code=~"5.."}[W]))';
      const total = 'sum(increase(http_requests_total{service="checkout"}[W]))';
      const expected = await independent(
        err.replace('W', '28d'),
        total.replace('W', '28d'),
        0.999,
      );
      expect(slo.sli).toBeCloseTo(expected.sli, 6);
      expect(slo.budgetRemaining).toBeCloseTo(expected.remaining, 6);
      expect(slo.budgetRemaining).toBeCloseTo(0.5, 6);
      for (const [w, prom] of windows) {
        const e = await independent(
          err.replace('W', prom),
          total.replace('W', prom),
          0.999,
        );
        expect(slo.burnRates.find(b => b.window === w)?.burnRate).toBeCloseTo(
          e.burn,
          6,
        );
      }
      expect(slo.status).toBe('healthy');
      expect(slo.stale).toBe(false);
      expect(slo.links[0].url).toContain('/graph?g0.expr=');
      // the card says which backend computed it
      expect(slo.instance).toBe('fixtures');
      expect(slo.backendKind).toBe(backend.kind);
    });

    it('shows the identity outage: overspent budget, burn rates, ticket alerts', async () => {
      const [slo] = (await run.slos('identity')).items as SloSnapshot[];
      const err =
        'sum(increase(http_requests_total{service="identity",code=~"5.."}[W]))';
      const total = 'sum(increase(http_requests_total{service="identity"}[W]))';
      // Sloth's default window is 30d.
      const expected = await independent(
        err.replace('W', '30d'),
        total.replace('W', '30d'),
        0.999,
      );
      expect(slo.window).toMatchObject({ kind: 'rolling', duration: '30d' });
      expect(slo.sli).toBeCloseTo(expected.sli, 6);
      expect(slo.budgetRemaining).toBeCloseTo(expected.remaining, 6);
      expect(slo.budgetRemaining!).toBeLessThan(0);
      for (const [w, prom] of windows) {
        const e = await independent(
          err.replace('W', prom),
          total.replace('W', prom),
          0.999,
        );
        expect(slo.burnRates.find(b => b.window === w)?.burnRate).toBeCloseTo(
          e.burn,
          6,
        );
      }
      expect(slo.status).toBe('breaching');
      // The outage ended 30 minutes ago: the 5m and 30m windows are clean,
      // so the page alerts have reset, while the ticket alerts still fire.
      expect(slo.alerts.page).toBe(false);
      expect(slo.alerts.ticket).toBe(true);
      expect(slo.forecast.status).toBe('exhausted');
    });

    it('gives no-data, never NaN or 100%, without traffic', async () => {
      const [slo] = (await run.slos('quiet')).items as SloSnapshot[];
      expect(slo.status).toBe('no-data');
      expect(slo.sli).toBeNull();
      expect(slo.budgetRemaining).toBeNull();
      expect(JSON.stringify(slo)).not.toMatch(/NaN|Infinity/);
    });

    it('reads Sloth recording rules for payments, matching PromQL', async () => {
      const [slo] = (await run.slos('payments')).items as SloSnapshot[];
      const ratio = await promql(
        'slo:sli_error:ratio_rate30d{sloth_id="payments-requests-availability"}',
      );
      const objective = await promql(
        'slo:objective:ratio{sloth_id="payments-requests-availability"}',
      );
      expect(slo.origin).toBe('sloth');
      expect(slo.objective).toBeCloseTo(objective!, 9);
      expect(slo.sli).toBeCloseTo(1 - ratio!, 6);
      expect(slo.budgetRemaining).toBeCloseTo(1 - ratio! / (1 - objective!), 6);
      const oneHour = await promql(
        'slo:sli_error:ratio_rate1h{sloth_id="payments-requests-availability"}',
      );
      expect(slo.burnRates.find(b => b.window === '1h')?.burnRate).toBeCloseTo(
        oneHour! / (1 - objective!),
        6,
      );
      expect(slo.status).toBe('healthy');
    });

    it('reports a Sloth SLO without traffic as no-data', async () => {
      const [slo] = (await run.slos('search')).items as SloSnapshot[];
      expect(slo.status).toBe('no-data');
      expect(slo.sli).toBeNull();
    });

    it('reads Pyrra generic rules for search, matching PromQL', async () => {
      const [slo] = (await run.slos('search-pyrra')).items as SloSnapshot[];
      const availability = await promql(
        'pyrra_availability{slo="search-availability"}',
      );
      const objective = await promql(
        'pyrra_objective{slo="search-availability"}',
      );
      const windowSeconds = await promql(
        'pyrra_window{slo="search-availability"}',
      );
      expect(slo.origin).toBe('pyrra');
      expect(slo.window).toMatchObject({
        kind: 'rolling',
        ms: windowSeconds! * 1000,
      });
      expect(slo.sli).toBeCloseTo(availability!, 6);
      expect(slo.budgetRemaining).toBeCloseTo(
        1 - (1 - availability!) / (1 - objective!),
        6,
      );
      const oneHour = await promql(
        'http_requests:burnrate1h{slo="search-availability"}',
      );
      expect(slo.burnRates.find(b => b.window === '1h')?.burnRate).toBeCloseTo(
        oneHour! / (1 - objective!),
        6,
      );
      // Pyrra records no 3d window.
      expect(slo.burnRates.find(b => b.window === '3d')?.burnRate).toBeNull();
    });

    it('discovers the fleet in a constant number of queries', async () => {
      const before = run.provider.queryCount;
      await run.provider.discover({ at });
      // Sloth: info, objective, period, 7 windows, SLO window; Pyrra:
      // objective, window, availability, burn rates.
      expect(run.provider.queryCount - before).toBe(15);
    });

    it('stored a daily history with a backfill of the window', async () => {
      const points = await run.store.readSloHistory(
        'component:default/checkout',
        'checkout-availability',
        new Date(at.getTime() - 40 * 86400e3).toISOString(),
        new Date(at.getTime() + 1).toISOString(),
      );
      // 28 backfilled days before today, plus today's point
      expect(points.length).toBeGreaterThanOrEqual(20);
      expect(points.every(p => p.objective === 0.999)).toBe(true);
      expect(
        points.every(
          p => p.budgetRemaining === null || Number.isFinite(p.budgetRemaining),
        ),
      ).toBe(true);
      expect(points[points.length - 1].budgetRemaining).toBeCloseTo(0.5, 6);
    });
  });

  describe(`through a tenant proxy in front of ${backend.title}`, () => {
    let proxy: TenantProxy;
    beforeAll(async () => {
      proxy = await startTenantProxy({
        upstream: url,
        pathPrefix: '/tenant-a/prometheus',
        tenant: 'tenant-a',
      });
    });
    afterAll(() => proxy.close());

    const throughProxy = (headers?: Record<string, string>) => ({
      baseUrl: proxy.url,
      pathPrefix: '/tenant-a/prometheus',
      ...(headers ? { headers } : {}),
    });

    it.each([
      ['without the tenant header', '/tenant-a/prometheus', {}, 401],
      [
        'for another tenant',
        '/tenant-a/prometheus',
        { 'X-Scope-OrgID': 'b' },
        403,
      ],
      ['without the path prefix', '', { 'X-Scope-OrgID': 'tenant-a' }, 404],
      [
        'with both (forwarded)',
        '/tenant-a/prometheus',
        { 'X-Scope-OrgID': 'tenant-a' },
        200,
      ],
    ])('answers a query %s with %s', async (_what, prefix, headers, status) => {
      const response = await fetch(
        `${proxy.url}${prefix}/api/v1/query?query=vector(1)`,
        { headers },
      );
      expect(response.status).toBe(status);
    });

    it('evaluates every SLO with the configured prefix and tenant header, to the same numbers', async () => {
      const direct = await collect();
      const refusedBefore = proxy.refused();
      const forwardedBefore = proxy.requests.length - refusedBefore;
      const proxied = await collect(
        throughProxy({ 'X-Scope-OrgID': 'tenant-a' }),
      );
      expect(proxied.result).toEqual(direct.result);
      expect(proxy.refused()).toBe(refusedBefore);
      expect(proxy.requests.length - proxy.refused()).toBeGreaterThan(
        forwardedBefore,
      );
      const figures = (s: SloSnapshot) => ({
        sli: s.sli,
        budgetRemaining: s.budgetRemaining,
        status: s.status,
        burnRates: s.burnRates,
        backendKind: s.backendKind,
      });
      for (const e of entities) {
        const [a] = (await direct.slos(e.metadata.name)).items as SloSnapshot[];
        const [b] = (await proxied.slos(e.metadata.name))
          .items as SloSnapshot[];
        expect(figures(b)).toEqual(figures(a));
      }
    });

    it('keeps no numbers and says why when the tenant header is missing', async () => {
      const refusedBefore = proxy.refused();
      const run = await collect(throughProxy());
      expect(proxy.refused()).toBeGreaterThan(refusedBefore);
      const [slo] = (await run.slos('checkout')).items as SloSnapshot[];
      expect(slo.sli).toBeNull();
      expect(slo.stale).toBe(true);
      expect(slo.staleReason).toMatch(/401/);
      expect(JSON.stringify(slo)).not.toContain('tenant-a');
    });
  });
}
