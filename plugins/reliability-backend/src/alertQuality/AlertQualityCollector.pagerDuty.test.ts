/*
 * The alert-quality collector with the real PagerDutyPagingProvider against
 * two PagerDuty doubles (two accounts, served through msw, every exchange
 * checked against PagerDuty's OpenAPI document) and a SQLite store: the
 * batch path (one listing per account for all its entities) stores exactly
 * what the per-entity path stores, for far fewer requests; an account that
 * keeps failing marks only its own entities stale; incremental runs fetch
 * only what changed.
 */
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PagingProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { expectConformingExchanges } from '../providers/pagerduty/__testUtils__/expectConformingExchanges';
import {
  FakeClock,
  PD_EU,
  TOKEN,
  account,
  expectedIncidents,
  makeProvider,
  serveDouble,
  RATE_LIMITED,
} from '../providers/pagerduty/__testUtils__/pagerDutyTestEnv';
import { ALL_TIME } from '../__testUtils__/incidents';
import {
  DoubleRequestLogEntry,
  PagerDutyDouble,
  populatePagerDutyDouble,
} from '../testUtils';
import {
  AlertQualityCollector,
  AlertSourcesDocument,
} from './AlertQualityCollector';
import { testComponent } from '../__testUtils__/entities';
import { mswServer } from '../__testUtils__/mswServer';
import { DAY, HOUR, MINUTE } from '../__testUtils__/time';

const server = mswServer();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const START = Date.parse('2026-03-01T12:00:00Z');
const BACKFILL_DAYS = 30;

const ref = (name: string) => `component:default/${name}`;
const component = (
  name: string,
  serviceIds: string,
  accountName?: string,
): Entity =>
  testComponent(name, {
    annotations: {
      'pagerduty.com/service-id': serviceIds,
      ...(accountName ? { 'pagerduty.com/account': accountName } : {}),
    },
  });

/**
 * Entities of two accounts, with shared and multiple service ids; `us` is
 * the first (default) account. `eu` has service ids of the same names as
 * `us`: they are other services.
 */
const FLEET: Array<{
  entity: Entity;
  account: 'us' | 'eu';
  services: string[];
}> = [
  {
    entity: component('checkout', 'PS00000'),
    account: 'us',
    services: ['PS00000'],
  },
  {
    entity: component('payments', 'PS00001, PS00002'),
    account: 'us',
    services: ['PS00001', 'PS00002'],
  },
  {
    entity: component('search', 'PS00002'),
    account: 'us',
    services: ['PS00002'],
  },
  {
    entity: component('ledger', 'PS00003,PS00000', 'us'),
    account: 'us',
    services: ['PS00003', 'PS00000'],
  },
  {
    entity: component('billing', 'PS00004'),
    account: 'us',
    services: ['PS00004'],
  },
  {
    entity: component('eu-checkout', 'PS00000', 'eu'),
    account: 'eu',
    services: ['PS00000'],
  },
  {
    entity: component('eu-search', 'PS00001,PS00002', 'eu'),
    account: 'eu',
    services: ['PS00001', 'PS00002'],
  },
];
const NAMES = FLEET.map(f => f.entity.metadata.name);
const US_NAMES = FLEET.filter(f => f.account === 'us').map(
  f => f.entity.metadata.name,
);
const EU_NAMES = FLEET.filter(f => f.account === 'eu').map(
  f => f.entity.metadata.name,
);

/** Only the per-entity methods of a provider: the collector's fallback. */
const perEntityOnly = (provider: PagingProvider): PagingProvider => ({
  id: provider.id,
  syncIncidents: request => provider.syncIncidents(request),
  listOnCallShifts: request => provider.listOnCallShifts(request),
});

const count = (
  requests: readonly DoubleRequestLogEntry[],
  test: (r: DoubleRequestLogEntry) => boolean,
) => requests.filter(test).length;
const isListing = (r: DoubleRequestLogEntry) =>
  r.method === 'GET' && r.path === '/incidents';

describe('AlertQualityCollector with the PagerDuty provider', () => {
  let clock: FakeClock;
  let us: PagerDutyDouble;
  let eu: PagerDutyDouble;

  beforeEach(() => {
    clock = new FakeClock(START);
    us = serveDouble(server, clock, { analyticsLagMs: DAY });
    eu = serveDouble(server, clock, { analyticsLagMs: DAY, baseUrl: PD_EU });
    populatePagerDutyDouble(us, {
      services: 6,
      incidents: 700,
      days: 40,
      end: START - HOUR,
      seed: 3,
    });
    populatePagerDutyDouble(eu, {
      services: 3,
      incidents: 200,
      days: 40,
      end: START - HOUR,
      seed: 4,
    });
    us.addIncident({
      serviceId: 'PS00000',
      title: 'Open in us',
      urgency: 'low',
      createdAt: START - 3 * DAY,
    });
    eu.addIncident({
      serviceId: 'PS00001',
      title: 'Open in eu',
      urgency: 'high',
      createdAt: START - 2 * DAY,
    });
  });

  /** An open incident in each account, changed in the tests. */
  const openIncidents = () => ({
    usOpen: us.incidents.find(i => i.title === 'Open in us')!,
    euOpen: eu.incidents.find(i => i.title === 'Open in eu')!,
  });

  const accounts = () => [
    account({ name: 'us' }),
    account({ name: 'eu', baseUrl: PD_EU, region: 'eu' }),
  ];

  const world = async (wrap: (p: PagingProvider) => PagingProvider) => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseReliabilityStore.create({
      database: { getClient: async () => knex },
    });
    const { provider, logger } = makeProvider(clock, accounts(), {
      client: {
        retry: {
          retries: 1,
          rateLimitRetries: 1,
          baseDelayMs: 100,
          maxDelayMs: 400,
        },
      },
    });
    const collector = new AlertQualityCollector({
      clock: { now: () => new Date(clock.ms) },
      catalog: catalogServiceMock({ entities: FLEET.map(f => f.entity) }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      pagers: new Map<string, PagingProvider>([['pagerduty', wrap(provider)]]),
      demo: false,
      backfillDays: BACKFILL_DAYS,
    });
    const stored = async (name: string) => ({
      incidents: await store.listIncidents(ref(name), ...ALL_TIME),
      document: await store.readDocument<AlertSourcesDocument>(
        ref(name),
        'alertSources',
      ),
      sync: await store.getPagingSync(ref(name), 'pagerduty'),
    });
    /** Runs the collector; returns the requests each account received. */
    const run = async () => {
      const from = { us: us.requests.length, eu: eu.requests.length };
      const summary = await collector.run(new Date(clock.ms));
      return {
        summary,
        us: us.requests.slice(from.us),
        eu: eu.requests.slice(from.eu),
      };
    };
    return { store, collector, logger, stored, run };
  };

  /** What each entity must hold: its services' incidents in the backfill. */
  const truthOf = (name: string, sinceMs: number) => {
    const f = FLEET.find(x => x.entity.metadata.name === name)!;
    return expectedIncidents(
      f.account === 'us' ? us : eu,
      (created, service) => f.services.includes(service) && created >= sinceMs,
    );
  };

  it('stores what the per-entity path stores, listing each account once for all its entities', async () => {
    const batch = await world(p => p);
    const single = await world(perEntityOnly);
    const since = START - BACKFILL_DAYS * DAY;

    // 1) the first backfill
    const b1 = await batch.run();
    const s1 = await single.run();
    expect(b1.summary.failures).toBe(0);
    expect(b1.summary).toEqual(s1.summary);
    for (const name of NAMES) {
      const got = await batch.stored(name);
      expect(got).toEqual(await single.stored(name));
      expect(got.incidents).toEqual(truthOf(name, since));
      expect(got.incidents.length).toBeGreaterThan(0);
      expect(got.document).toMatchObject({
        stale: false,
        dataSince: new Date(since).toISOString(),
      });
      expect(got.document!.shifts.length).toBeGreaterThan(0);
      expect(got.sync?.cursor).toEqual(expect.any(String));
    }
    // two entities sharing PS00002 both hold its incidents
    const shared = (await batch.stored('search')).incidents;
    expect((await batch.stored('payments')).incidents).toEqual(
      expect.arrayContaining(shared),
    );

    // requests: one paged listing per account (5 services of us in one
    // `service_ids[]`), against one per entity
    const usServices = ['PS00000', 'PS00001', 'PS00002', 'PS00003', 'PS00004'];
    const usListed = expectedIncidents(
      us,
      (created, service) => usServices.includes(service) && created >= since,
    ).length;
    expect(count(b1.us, isListing)).toBe(Math.ceil(usListed / 100));
    for (const r of b1.us.filter(isListing)) {
      expect(r.query['service_ids[]']).toEqual(usServices);
    }
    expect(count(s1.us, isListing)).toBeGreaterThanOrEqual(US_NAMES.length);
    expect(count(b1.eu, isListing)).toBe(
      Math.ceil(
        expectedIncidents(
          eu,
          (created, service) =>
            ['PS00000', 'PS00001', 'PS00002'].includes(service) &&
            created >= since,
        ).length / 100,
      ),
    );
    expect(count(s1.eu, isListing)).toBeGreaterThanOrEqual(EU_NAMES.length);
    // on-calls: each service read once, /oncalls listed once per account
    expect(count(b1.us, r => r.path.startsWith('/services/'))).toBe(5);
    expect(count(b1.us, r => r.path === '/oncalls')).toBe(1);
    expect(count(s1.us, r => r.path === '/oncalls')).toBe(US_NAMES.length);
    expect(b1.us.length + b1.eu.length).toBeLessThan(
      (s1.us.length + s1.eu.length) / 2,
    );

    // 2) 15 minutes later: changes in both accounts
    clock.advance(15 * MINUTE);
    const t = (m: number) => Math.floor(START / 1000) * 1000 + m * MINUTE;
    const fresh = us.addIncident({
      serviceId: 'PS00002',
      title: 'New, on a shared service',
      urgency: 'high',
      incidentKey: 'k/new',
      createdAt: t(2),
    });
    us.acknowledge(fresh.id, t(4), 'PU00000');
    const { usOpen, euOpen } = openIncidents();
    us.resolve(usOpen.id, t(6));
    eu.resolve(euOpen.id, t(7));

    const b2 = await batch.run();
    const s2 = await single.run();
    expect(b2.summary).toEqual(s2.summary);
    expect(b2.summary.failures).toBe(0);
    for (const name of NAMES) {
      const got = await batch.stored(name);
      expect(got).toEqual(await single.stored(name));
      expect(got.incidents).toEqual(truthOf(name, since));
      expect(got.document).toMatchObject({
        stale: false,
        computedAt: new Date(clock.ms).toISOString(),
      });
    }
    // only what changed: one listing since the cursor (minus 10 minutes)
    // and the changed incidents one by one; nothing from analytics
    expect(b2.us.filter(isListing).map(r => r.query.since)).toEqual([
      [new Date(START - 10 * MINUTE).toISOString()],
    ]);
    expect(
      b2.us
        .filter(r => /^\/incidents\/[^/]+$/.test(r.path))
        .map(r => r.path.split('/')[2]),
    ).toEqual([usOpen.id]);
    expect(
      b2.eu
        .filter(r => /^\/incidents\/[^/]+$/.test(r.path))
        .map(r => r.path.split('/')[2]),
    ).toEqual([euOpen.id]);
    expect(count([...b2.us, ...b2.eu], r => r.method === 'POST')).toBe(0);
    expect(b2.us.length + b2.eu.length).toBeLessThan(
      s2.us.length + s2.eu.length,
    );
    expectConformingExchanges(us, eu);
  });

  it('marks only the entities of an account that keeps failing stale, keeping their data, and recovers', async () => {
    const { run, stored, store } = await world(p => p);
    const since = START - BACKFILL_DAYS * DAY;
    const first = await run();
    expect(first.summary).toEqual({
      entities: NAMES.length,
      incidents: expect.any(Number),
      failures: 0,
    });
    const before = new Map<string, Awaited<ReturnType<typeof stored>>>();
    for (const name of NAMES) {
      before.set(name, await stored(name));
    }

    // eu: 429s beyond the retries on incidents, 500s on everything else;
    // us: a new incident
    clock.advance(HOUR);
    eu.failNext(10_000, RATE_LIMITED, { path: /^\/incidents/ });
    eu.failNext(10_000, { kind: 'status', status: 500 });
    const fresh = us.addIncident({
      serviceId: 'PS00000',
      title: 'During the eu outage',
      urgency: 'high',
      createdAt: Math.floor(clock.ms / 1000) * 1000 - 5 * MINUTE,
    });
    const runAt = new Date(clock.ms).toISOString();
    const second = await run();

    expect(second.summary.failures).toBe(EU_NAMES.length);
    expect(second.eu.every(r => r.status >= 429)).toBe(true);
    for (const name of US_NAMES) {
      const got = await stored(name);
      expect(got.incidents).toEqual(truthOf(name, since));
      expect(got.document).toMatchObject({ stale: false, computedAt: runAt });
      expect(got.sync).toEqual({ cursor: expect.any(String), syncedAt: runAt });
      expect((await store.readSections(ref(name))).alertQuality).toMatchObject({
        stale: false,
      });
    }
    expect((await stored('checkout')).incidents.map(i => i.id)).toContain(
      fresh.id,
    );
    for (const name of EU_NAMES) {
      const was = before.get(name)!;
      const got = await stored(name);
      const reason =
        'pagerduty: PagerDuty account "eu" rate limited (HTTP 429) on GET /incidents (gave up after 2 attempts)';
      expect(got.incidents).toEqual(was.incidents);
      expect(got.document).toEqual({
        ...was.document,
        stale: true,
        // each entity: the failure of its first service's lookup
        staleReason: `${reason}; pagerduty on-calls: PagerDuty account "eu" unreachable: HTTP 500 on GET /services/${
          [
            ...FLEET.find(f => f.entity.metadata.name === name)!.services,
          ].sort()[0]
        }: Internal Server Error (gave up after 2 attempts)`,
      });
      expect(got.sync).toEqual({
        ...was.sync,
        lastError: reason,
        lastErrorAt: runAt,
      });
      expect((await store.readSections(ref(name))).alertQuality).toMatchObject({
        stale: true,
        staleReason: got.document!.staleReason,
      });
    }
    // one listing attempt per attempt, not one per entity
    expect(count(second.eu, isListing)).toBe(2);

    // eu recovers; a change made during the outage arrives
    eu.clearFaults();
    const { euOpen } = openIncidents();
    eu.resolve(euOpen.id, Math.floor(clock.ms / 1000) * 1000 - MINUTE);
    clock.advance(HOUR);
    const third = await run();
    expect(third.summary.failures).toBe(0);
    for (const name of NAMES) {
      const got = await stored(name);
      expect(got.incidents).toEqual(truthOf(name, since));
      expect(got.document).toMatchObject({
        stale: false,
        computedAt: new Date(clock.ms).toISOString(),
      });
      expect(got.sync?.lastError).toBeUndefined();
    }
    // the eu sync went on from its last good cursor: incremental
    expect(third.eu.filter(isListing).map(r => r.query.since)).toEqual([
      [new Date(START - 10 * MINUTE).toISOString()],
    ]);
    expect(
      JSON.stringify([...us.requests, ...eu.requests].map(r => r.query)),
    ).not.toContain(TOKEN);
    expectConformingExchanges(us, eu);
  });
});
