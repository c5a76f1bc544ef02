import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  parseSloFiles,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { readTeamsConfig } from '../config/readTeamsConfig';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseIncidentsStore } from '../incidents/DatabaseIncidentsStore';
import { IncidentsCollector } from '../incidents/IncidentsCollector';
import { PostmortemReader } from '../incidents/PostmortemReader';
import { findSloImpactStart } from '../incidents/findSloImpactStart';
import { readIncidentsConfig } from '../incidents/readIncidentsConfig';
import { fixedClock } from '../lib/Clock';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../providers/prometheus';
import { PrometheusSloMetricsProvider } from '../slo/PrometheusSloMetricsProvider';
import { RoutingSloMetricsProvider } from '../slo/RoutingSloMetricsProvider';
import { getPrometheusUrl, loadPrometheusFixtures } from './prometheusFixtures';
import { CHECKOUT_OPENSLO_SPEC, slothSpec } from './sloSpecFixtures';

// MTTD's impact start, read from the SLO burn rate on the real Prometheus of
// scripts/prometheus.sh. The identity service's fixture outage (60 % errors
// for 3 hours, ending 30 minutes before the end; IdentityHighErrorRate fires
// 5 minutes into it) is the breach; checkout burns at 0.5 throughout.
// Discovered SLOs: Sloth's payments SLO records a 5m error ratio of 0.005
// (burn rate 5 at 99.9 %) from 90 to 60 minutes before the end; Pyrra's
// search-availability burns at 0.2 and Sloth's search SLO records NaN.

const fixtures = loadPrometheusFixtures();
const url = getPrometheusUrl();

if (!fixtures || !url) {
  it('runs only with the fixture Prometheus', () => {
    expect(process.env.RELIABILITY_REQUIRE_PROMETHEUS).not.toBe('1');
  });
} else {
  const [instance] = readPrometheusInstances(
    new ConfigReader({
      reliability: {
        prometheus: { instances: [{ name: 'fixtures', baseUrl: url }] },
      },
    }),
  );
  const provider = new PrometheusSloMetricsProvider([
    PrometheusClient.fromConfig(instance, {
      logger: mockServices.logger.mock(),
    }),
  ]);
  const specsOf = (file: string, content: string) => {
    const parsed = parseSloFiles([{ file, content }]);
    expect(parsed.errors).toEqual([]);
    return parsed.slos;
  };
  const identity = specsOf('identity.yaml', slothSpec('identity'));
  const checkout = specsOf('checkout.yaml', CHECKOUT_OPENSLO_SPEC);
  const outage = fixtures.services.identity.outage;
  const iso = (unixSeconds: number) =>
    new Date(unixSeconds * 1000).toISOString();

  it('finds the start of the breach that led to the incident: the first minute the 5-minute burn rate stayed above 1', async () => {
    // the alert fired 5 minutes into the outage; the incident was created then
    const createdAt = iso(outage.start + 5 * 60);
    const result = await findSloImpactStart({
      provider,
      entityRef: 'component:default/identity',
      specs: identity,
      createdAt,
      lookbackHours: 6,
    });
    // errors are counted from the first sample after the outage start
    expect(result).toEqual({
      startedAt: iso(outage.start + 60),
      sloId: identity[0].id,
    });
    // so MTTD is 4 minutes, never zero and never a guess
    expect(Date.parse(createdAt) - Date.parse(result.startedAt!)).toBe(
      4 * 60_000,
    );
  });

  it('is unknown when no SLO was breaching at the incident', async () => {
    const result = await findSloImpactStart({
      provider,
      entityRef: 'component:default/checkout',
      specs: checkout,
      createdAt: iso(fixtures.end - 3 * 86400),
      lookbackHours: 6,
    });
    expect(result).toEqual({ startedAt: null, sloId: null });
  });

  it('is unknown when the breach began before the searched hours', async () => {
    const result = await findSloImpactStart({
      provider,
      entityRef: 'component:default/identity',
      specs: identity,
      createdAt: iso(outage.start + 2 * 3600),
      lookbackHours: 1,
    });
    expect(result).toEqual({ startedAt: null, sloId: null });
  });

  describe('discovered SLOs (Sloth, Pyrra)', () => {
    const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
    const at = new Date(fixtures.end * 1000);
    const [payments] = fixtures.sloth.slos;
    const breach = payments.breach!;
    let discovered: DiscoveredSlo[];
    const slo = (key: string) => discovered.find(d => d.key === key)!;

    beforeAll(async () => {
      discovered = await provider.discover({ at });
    });

    it('reads the recorded 5-minute error ratio over a range, null where nothing is recorded', async () => {
      const points = await provider.discoveredErrorRatioRange({
        slo: slo(payments.id),
        windowMs: 5 * 60_000,
        start: new Date((breach.from - 120) * 1000),
        end: new Date((breach.from + 60) * 1000),
        stepSeconds: 60,
      });
      expect(points.map(p => [p.at.getTime() / 1000, p.errorRatio])).toEqual([
        [breach.from - 120, payments.errorRatios['5m']],
        [breach.from - 60, payments.errorRatios['5m']],
        [breach.from, breach.errorRatio],
        [breach.from + 60, breach.errorRatio],
      ]);
      const pyrra = await provider.discoveredErrorRatioRange({
        slo: slo(`pyrra-${fixtures.pyrra.slo}`),
        windowMs: 5 * 60_000,
        // the recordings start at samplesFrom (the 5-minute lookback of
        // Prometheus does not reach before it)
        start: new Date((fixtures.pyrra.samplesFrom - 60) * 1000),
        end: new Date(fixtures.pyrra.samplesFrom * 1000),
        stepSeconds: 60,
      });
      expect(pyrra.map(p => p.errorRatio)).toEqual([
        null,
        fixtures.pyrra.burnrates['5m'],
      ]);
    });

    it.each([
      ['the router', () => new RoutingSloMetricsProvider(provider, [])],
      ['the Prometheus provider', () => provider],
    ])(
      'finds the start of the Sloth SLO breach through %s',
      async (_name, providerOf) => {
        const createdAt = iso(breach.from + 10 * 60);
        const result = await findSloImpactStart({
          provider: providerOf(),
          entityRef: 'component:default/payments',
          specs: [],
          discovered: [slo(payments.id), slo(`pyrra-${fixtures.pyrra.slo}`)],
          createdAt,
          lookbackHours: 6,
        });
        expect(result).toEqual({
          startedAt: iso(breach.from),
          sloId: payments.id,
        });
        expect(Date.parse(createdAt) - Date.parse(result.startedAt!)).toBe(
          10 * 60_000,
        );
      },
    );

    it.each([
      ['Pyrra, below budget', () => `pyrra-${fixtures.pyrra.slo}`, 10 * 60],
      ['Sloth, no traffic (NaN)', () => fixtures.sloth.slos[1].id, 10 * 60],
      // created 10 minutes after the breach ended
      ['Sloth, breach over before the incident', () => payments.id, 40 * 60],
    ])('is unknown for %s', async (_name, keyOf, afterBreachStart) => {
      const result = await findSloImpactStart({
        provider,
        entityRef: 'component:default/search',
        specs: [],
        discovered: [slo(keyOf())],
        createdAt: iso(breach.from + afterBreachStart),
        lookbackHours: 6,
      });
      expect(result).toEqual({ startedAt: null, sloId: null });
    });

    it('the incidents collector binds them by the entity selector and stores the impact start', async () => {
      const knex = await databases.init('SQLITE_3');
      const database = { getClient: async () => knex };
      const store = await DatabaseReliabilityStore.create({ database });
      const incidents = await DatabaseIncidentsStore.create({ database });
      const entityOf = (name: string, selector: string): Entity => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          annotations: { [RELIABILITY_ANNOTATION_SLO_SELECTOR]: selector },
        },
        spec: { type: 'service', owner: 'group:default/team-a' },
      });
      const entities = [
        entityOf('payments', 'sloth_service="payments"'),
        entityOf('search-pyrra', 'slo="search-availability"'),
      ];
      const now = at.toISOString();
      await store.replaceEntityIndex(
        entities.map(e => ({
          entityRef: `component:default/${e.metadata.name}`,
          kind: 'component',
          namespace: 'default',
          name: e.metadata.name,
          ownerRef: 'group:default/team-a',
          tier: 'tier-1',
          tierStatus: 'ok' as const,
        })),
        now,
      );
      for (const e of entities) {
        await store.upsertIncidents(
          `component:default/${e.metadata.name}`,
          [
            {
              id: `${e.metadata.name}-1`,
              source: 'pagerduty',
              title: 'Errors',
              urgency: 'high',
              status: 'resolved',
              createdAt: iso(breach.from + 10 * 60),
              resolvedAt: iso(breach.to),
              severity: 'SEV1',
            },
          ],
          now,
        );
      }
      const teams = readTeamsConfig(new ConfigReader({}));
      const collector = new IncidentsCollector({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        store,
        incidents,
        config: readIncidentsConfig(new ConfigReader({}), {
          tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
          hoursOf: teams.hoursOf,
        }),
        reader: new PostmortemReader({
          urlReader: mockServices.urlReader.mock(),
        }),
        sources: [],
        ticketProviders: [],
        sloMetrics: new RoutingSloMetricsProvider(provider, []),
        sloInstances: ['fixtures'],
        logger: mockServices.logger.mock(),
        clock: fixedClock(now),
      });

      expect((await collector.run()).impacts).toBe(2);
      const impacts = [...(await incidents.readImpacts()).values()];
      expect(
        impacts.map(i => [i.incidentId, i.impactStartedAt, i.sloId]).sort(),
      ).toEqual([
        ['payments-1', iso(breach.from), payments.id],
        // searched, no breach: MTTD unknown, never zero
        ['search-pyrra-1', null, null],
      ]);
      // searched once: the next run does not search again
      expect((await collector.run()).impacts).toBe(0);
    });
  });
}
