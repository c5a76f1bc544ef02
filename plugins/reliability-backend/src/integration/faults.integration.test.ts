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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Incident,
  OnCallShift,
  SloSnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingIncidentsRequest,
  PagingOnCallRequest,
  PagingProvider,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import path from 'node:path';
import {
  AlertQualityCollector,
  AlertSourcesDocument,
} from '../alertQuality/AlertQualityCollector';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../providers/prometheus';
import { PrometheusSloMetricsProvider } from '../slo/PrometheusSloMetricsProvider';
import {
  FakePrometheus,
  fixturePrometheusProcess,
  startFakePrometheus,
} from './faultServers';
import { getPrometheusUrl, loadPrometheusFixtures } from './prometheusFixtures';
import { fixedClock } from '../lib/Clock';
import { locatedIn, testComponent } from '../__testUtils__/entities';
import { createTestSloCollector } from '../__testUtils__/testSloCollector';
import { testIncident } from '../__testUtils__/incidents';
import { recordUnhandledRejections } from '../__testUtils__/unhandledRejections';

// Fault tests: the SLO collector against upstreams that fail the way real
// ones do, on 127.0.0.1. The fixture Prometheus of scripts/prometheus.sh
// (`start_prometheus fixtures`) is stopped in the middle of a refresh and
// restarted, and frozen with SIGSTOP; small local servers (faultServers.ts)
// hang, answer malformed JSON or an HTML 502. Each test checks that nothing
// stored is lost, that stale flags are set and cleared, and that the
// refresh completes without an unhandled rejection.
//
// The tests against the fixture Prometheus run when PROMETHEUS_URL and
// PROMETHEUS_FIXTURES are set; with RELIABILITY_REQUIRE_PROMETHEUS=1 their
// absence fails. The local-server tests always run.

const fixtures = loadPrometheusFixtures();
const url = getPrometheusUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ROOT = path.resolve(__dirname, '../../../..');

const unhandled = recordUnhandledRejections();

/**
 * Lets pending promise rejections surface, then returns those seen. (Jest
 * fails a test on an unhandled rejection too; this makes the check explicit
 * at the end of each test.)
 */
const unhandledRejections = async () => {
  await new Promise(r => setTimeout(r, 50));
  return unhandled.splice(0);
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

interface WorldOptions {
  name: string;
  baseUrl: string;
  entities: Entity[];
  timeoutMs: number;
  retries: number;
  circuitBreaker?: { failureThreshold?: number; coolDownMs?: number };
  concurrency?: number;
  queryConcurrency?: number;
}

/**
 * The production wiring of the SLO collector: a real SQLite store, a
 * PrometheusClient (instant retries, a clock the test can move) and the
 * Prometheus provider.
 */
async function createWorld(options: WorldOptions) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const logger = mockServices.logger.mock();
  const clock = { skewMs: 0 };
  const hooks: { beforeFetch?: (n: number) => Promise<void> } = {};
  const counter = { fetches: 0 };
  const [instance] = readPrometheusInstances(
    new ConfigReader({
      reliability: {
        prometheus: {
          instances: [
            {
              name: options.name,
              baseUrl: options.baseUrl,
              timeout: options.timeoutMs,
            },
          ],
        },
      },
    }),
  );
  const client = PrometheusClient.fromConfig(instance, {
    logger,
    fetchImpl: async (...args) => {
      counter.fetches += 1;
      if (hooks.beforeFetch) {
        await hooks.beforeFetch(counter.fetches);
      }
      return fetch(...args);
    },
    sleep: async () => {},
    now: () => Date.now() + clock.skewMs,
    retry: { retries: options.retries },
    circuitBreaker: options.circuitBreaker,
  });
  const provider = new PrometheusSloMetricsProvider([client], {
    queryConcurrency: options.queryConcurrency,
  });
  const collector = createTestSloCollector({
    entities: options.entities,
    store,
    logger,
    provider,
    instances: {
      names: [options.name],
      links: (i, slo) => provider.links(i, slo),
    },
    concurrency: options.concurrency,
  });
  const section = async (name: string) =>
    (await store.readSections(`component:default/${name}`)).slos!;
  const items = async (name: string) =>
    (await section(name)).items as SloSnapshot[];
  return {
    store,
    client,
    provider,
    collector,
    logger,
    clock,
    hooks,
    counter,
    section,
    items,
  };
}

/** What a stored SLO looks like after a failed refresh: kept, marked stale. */
const keptStale = (before: SloSnapshot[], reason: RegExp) =>
  before.map(s => ({
    ...s,
    stale: true,
    staleReason: expect.stringMatching(reason),
  }));

describe('SLO refresh against faulty local upstreams', () => {
  const mockDir = createMockDirectory();
  mockDir.setContent({
    'alpha-slos.yaml': slothSpec('alpha'),
    'beta-slos.yaml': slothSpec('beta'),
    'gamma-slos.yaml': slothSpec('gamma'),
    'delta-slos.yaml': slothSpec('delta'),
    'epsilon-slos.yaml': slothSpec('epsilon'),
    'zeta-slos.yaml': slothSpec('zeta'),
  });
  const entity = (name: string): Entity =>
    testComponent(name, {
      annotations: {
        ...locatedIn(mockDir),
        'reliability-kit.io/slo-spec': `./${name}-slos.yaml`,
      },
      spec: { type: 'service' },
    });
  const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
  const AT = new Date('2026-11-26T10:00:00.000Z');

  let server: FakePrometheus;
  beforeEach(async () => {
    server = await startFakePrometheus();
  });
  afterEach(async () => {
    await server.close();
  });

  const storedItems = async (
    world: Awaited<ReturnType<typeof createWorld>>,
    names: string[],
  ) =>
    Object.fromEntries(
      await Promise.all(names.map(async n => [n, await world.items(n)])),
    ) as Record<string, SloSnapshot[]>;

  it('keeps the snapshots, marked stale, through malformed JSON and an HTML 502, and clears that on recovery', async () => {
    const names = NAMES.slice(0, 2);
    const world = await createWorld({
      name: 'faulty',
      baseUrl: server.url,
      entities: names.map(entity),
      timeoutMs: 2000,
      retries: 1,
      circuitBreaker: { failureThreshold: 100 },
    });
    expect(await world.collector.run(AT)).toEqual({
      entities: 2,
      slos: 2,
      stale: 0,
      problems: 0,
    });
    const first = await storedItems(world, names);
    expect(first.alpha).toHaveLength(1);
    expect(first.alpha[0]).toMatchObject({
      stale: false,
      sli: 0.9995,
      budgetRemaining: 0.5,
    });
    const definitions = await world.store.listSloDefinitions();

    for (const [mode, reason] of [
      [
        'malformed-json',
        /^Prometheus "faulty" answered malformed JSON on \/api\/v1\/query \(HTTP 200\) \(gave up after 2 attempts\)$/,
      ],
      [
        'html-502',
        /^Prometheus "faulty" unreachable: HTTP 502 on \/api\/v1\/query with a non-JSON text\/html body \(gave up after 2 attempts\)$/,
      ],
    ] as const) {
      server.setMode(mode);
      const failing = await world.collector.run(
        new Date(AT.getTime() + 60_000),
      );
      expect(failing).toEqual({
        entities: 2,
        slos: 2,
        stale: 2,
        problems: 0,
      });
      for (const name of names) {
        expect(await world.items(name)).toEqual(keptStale(first[name], reason));
        expect(await world.section(name)).toMatchObject({
          stale: true,
          staleReason: expect.stringMatching(reason),
          problems: [],
          status: 'ok',
        });
      }
      expect(
        server.requests.filter(r => r.mode === mode).length,
      ).toBeGreaterThan(0);
    }
    // nothing else was lost either
    expect(await world.store.listSloDefinitions()).toEqual(definitions);

    server.setMode('ok');
    expect(await world.collector.run(AT)).toEqual({
      entities: 2,
      slos: 2,
      stale: 0,
      problems: 0,
    });
    expect(await storedItems(world, names)).toEqual(first);
    for (const name of names) {
      expect((await world.section(name)).stale).toBe(false);
      expect((await world.section(name)).staleReason).toBeUndefined();
    }
    expect(await unhandledRejections()).toEqual([]);
  });

  it('bounds a refresh against an upstream that accepts and never answers', async () => {
    const names = NAMES.slice(0, 3);
    const world = await createWorld({
      name: 'faulty',
      baseUrl: server.url,
      entities: names.map(entity),
      timeoutMs: 300,
      retries: 1,
      circuitBreaker: { failureThreshold: 2 },
      concurrency: 1,
      queryConcurrency: 1,
    });
    await world.collector.run(AT);
    const first = await storedItems(world, names);
    const okRequests = server.requests.length;

    server.setMode('hang');
    const result = await world.collector.run(AT);
    expect(result).toEqual({ entities: 3, slos: 3, stale: 3, problems: 0 });
    const timeout =
      /^Prometheus "faulty" unreachable: timed out after 300ms on \/api\/v1\/query \(gave up after 2 attempts\)$/;
    expect(await world.items('alpha')).toEqual(keptStale(first.alpha, timeout));
    expect(await world.items('beta')).toEqual(keptStale(first.beta, timeout));
    // The breaker opened after two timed-out calls: the third SLO did not
    // wait for the upstream.
    expect(await world.items('gamma')).toEqual(
      keptStale(
        first.gamma,
        /^Prometheus "faulty" unreachable: circuit open after 2 consecutive failed calls/,
      ),
    );
    expect(server.requests.length - okRequests).toBe(4);
    expect(world.client.circuitState).toBe('open');
    // Every abandoned request was closed by the client.
    for (let i = 0; i < 40 && server.pending() > 0; i++) {
      await sleep(25);
    }
    expect(server.pending()).toBe(0);

    server.setMode('ok');
    world.clock.skewMs = 60 * 60_000;
    expect(await world.collector.run(AT)).toEqual({
      entities: 3,
      slos: 3,
      stale: 0,
      problems: 0,
    });
    expect(await storedItems(world, names)).toEqual(first);
    expect(world.client.circuitState).toBe('closed');
    expect(await unhandledRejections()).toEqual([]);
  });

  it('stops hitting a dead upstream once the circuit opens, for the rest of the refresh', async () => {
    const world = await createWorld({
      name: 'faulty',
      baseUrl: server.url,
      entities: NAMES.map(entity),
      timeoutMs: 2000,
      retries: 1,
      circuitBreaker: { failureThreshold: 3, coolDownMs: 30_000 },
      concurrency: 1,
      queryConcurrency: 1,
    });
    await world.collector.run(AT);
    const first = await storedItems(world, NAMES);
    const before = server.requests.length;

    server.setMode('html-502');
    expect(await world.collector.run(AT)).toEqual({
      entities: 6,
      slos: 6,
      stale: 6,
      problems: 0,
    });
    // three failed calls of two attempts each; then nothing
    expect(server.requests.length - before).toBe(6);
    for (const name of NAMES.slice(0, 3)) {
      expect(await world.items(name)).toEqual(
        keptStale(first[name], /unreachable: HTTP 502 on \/api\/v1\/query/),
      );
    }
    for (const name of NAMES.slice(3)) {
      expect(await world.items(name)).toEqual(
        keptStale(
          first[name],
          /^Prometheus "faulty" unreachable: circuit open after 3 consecutive failed calls; next attempt in 30s$/,
        ),
      );
    }

    // Still within the cool-down: no request at all.
    const during = server.requests.length;
    await world.collector.run(AT);
    expect(server.requests.length).toBe(during);

    // After the cool-down, one trial call; it succeeds and closes the
    // breaker, and the refresh clears every stale flag.
    server.setMode('ok');
    world.clock.skewMs = 31_000;
    expect(await world.collector.run(AT)).toEqual({
      entities: 6,
      slos: 6,
      stale: 0,
      problems: 0,
    });
    expect(await storedItems(world, NAMES)).toEqual(first);
    expect(await unhandledRejections()).toEqual([]);
  });

  it('sends no more queries for a failed SLO once its refresh has ended', async () => {
    await server.close();
    server = await startFakePrometheus({ delayMs: 30 });
    // The 5m window fails at once; every other query answers after 30 ms.
    server.failWhen(q => q.includes('[5m]'), 'html-502');
    const world = await createWorld({
      name: 'faulty',
      baseUrl: server.url,
      entities: [entity('alpha')],
      timeoutMs: 2000,
      retries: 0,
      circuitBreaker: { failureThreshold: 100 },
      queryConcurrency: 4,
    });
    expect(await world.collector.run(AT)).toEqual({
      entities: 1,
      slos: 1,
      stale: 1,
      problems: 0,
    });
    // The measurement of the SLO failed with its first query, and the
    // refresh is over: the upstream must not keep receiving the SLO's other
    // queries. At most the first four (the query concurrency) were in
    // flight; none may follow, now or later.
    await sleep(500);
    expect(server.requests.length).toBeLessThanOrEqual(4);
    expect(await unhandledRejections()).toEqual([]);
  });

  it('keeps serving after a connection reset mid-request', async () => {
    const world = await createWorld({
      name: 'faulty',
      baseUrl: server.url,
      entities: [entity('alpha')],
      timeoutMs: 2000,
      retries: 1,
    });
    await world.collector.run(AT);
    const first = await world.items('alpha');
    server.setMode('reset');
    expect(await world.collector.run(AT)).toMatchObject({ stale: 1 });
    expect(await world.items('alpha')).toEqual(
      keptStale(
        first,
        /^Prometheus "faulty" unreachable: network error on \/api\/v1\/query/,
      ),
    );
    server.setMode('ok');
    expect(await world.collector.run(AT)).toMatchObject({ stale: 0 });
    expect(await world.items('alpha')).toEqual(first);
    expect(await unhandledRejections()).toEqual([]);
  });
});

/** A paging provider that fails for the services the test names. */
class FlakyPagingProvider implements PagingProvider {
  readonly id = 'pagerduty';
  failing = new Set<string>();
  incidents = new Map<string, Incident[]>();
  calls: string[] = [];

  async syncIncidents(
    request: PagingIncidentsRequest,
  ): Promise<PagingSyncResult> {
    const [service] = request.services.serviceIds;
    this.calls.push(service);
    if (this.failing.has(service)) {
      throw new Error(`PagerDuty answered HTTP 503 for ${service}`);
    }
    return {
      incidents: this.incidents.get(service) ?? [],
      cursor: `${service}-${request.until.toISOString()}`,
      requests: 1,
    };
  }

  async listOnCallShifts(request: PagingOnCallRequest): Promise<OnCallShift[]> {
    const [service] = request.services.serviceIds;
    if (this.failing.has(service)) {
      throw new Error(`PagerDuty on-calls timed out for ${service}`);
    }
    return [
      {
        userId: `oncall-${service}`,
        start: '2026-11-20T00:00:00.000Z',
        end: '2026-11-27T00:00:00.000Z',
      },
    ];
  }
}

describe('alert-quality refresh with a paging provider failing for one entity', () => {
  const NOW = new Date('2026-11-26T10:00:00.000Z');
  const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
  const component = (name: string, serviceId: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': serviceId },
    },
    spec: { type: 'service', owner: 'team-a' },
  });
  const incident = (
    id: string,
    serviceId: string,
    createdAt: string,
  ): Incident =>
    testIncident(id, createdAt, {
      serviceId,
      status: 'resolved',
      firstAcknowledgedAt: createdAt,
      resolvedAt: createdAt,
    });

  it("keeps the failing entity's incidents, marks it stale, and refreshes the others", async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseReliabilityStore.create({
      database: { getClient: async () => knex },
    });
    const pager = new FlakyPagingProvider();
    const collector = new AlertQualityCollector({
      clock: fixedClock(NOW),
      catalog: catalogServiceMock({
        entities: [
          component('checkout', 'PCHECKOUT'),
          component('payments', 'PPAYMENTS'),
          component('search', 'PSEARCH'),
        ],
      }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      pagers: new Map<string, PagingProvider>([['pagerduty', pager]]),
      demo: false,
      backfillDays: 30,
    });
    const all = ['2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'];
    const incidentsOf = (name: string) =>
      store.listIncidents(`component:default/${name}`, all[0], all[1]);
    const documentOf = (name: string) =>
      store.readDocument<AlertSourcesDocument>(
        `component:default/${name}`,
        'alertSources',
      );
    const sectionOf = async (name: string) =>
      (await store.readSections(`component:default/${name}`)).alertQuality;

    const c1 = incident('C1', 'PCHECKOUT', '2026-11-20T03:00:00.000Z');
    const p1 = incident('P1', 'PPAYMENTS', '2026-11-21T03:00:00.000Z');
    const p2 = incident('P2', 'PPAYMENTS', '2026-11-22T03:00:00.000Z');
    const s1 = incident('S1', 'PSEARCH', '2026-11-23T03:00:00.000Z');
    pager.incidents.set('PCHECKOUT', [c1]);
    pager.incidents.set('PPAYMENTS', [p1, p2]);
    pager.incidents.set('PSEARCH', [s1]);
    expect(await collector.run(NOW)).toEqual({
      entities: 3,
      incidents: 4,
      failures: 0,
    });
    const paymentsBefore = await documentOf('payments');
    expect(paymentsBefore?.stale).toBe(false);

    // Payments' upstream fails; the others bring new incidents.
    pager.failing.add('PPAYMENTS');
    const c2 = incident('C2', 'PCHECKOUT', '2026-11-26T09:00:00.000Z');
    const s2 = incident('S2', 'PSEARCH', '2026-11-26T09:30:00.000Z');
    pager.incidents.set('PCHECKOUT', [c2]);
    pager.incidents.set('PSEARCH', [s2]);
    pager.incidents.set('PPAYMENTS', []);
    expect(await collector.run(later(10))).toEqual({
      entities: 3,
      incidents: 2,
      failures: 1,
    });
    const reason =
      'pagerduty: PagerDuty answered HTTP 503 for PPAYMENTS; pagerduty on-calls: PagerDuty on-calls timed out for PPAYMENTS';
    expect(await incidentsOf('payments')).toEqual([p1, p2]);
    expect(await documentOf('payments')).toEqual({
      ...paymentsBefore,
      stale: true,
      staleReason: reason,
    });
    expect(await sectionOf('payments')).toMatchObject({
      stale: true,
      staleReason: reason,
      computedAt: NOW.toISOString(),
    });
    expect(
      await store.getPagingSync('component:default/payments', 'pagerduty'),
    ).toMatchObject({
      cursor: `PPAYMENTS-${NOW.toISOString()}`,
      lastError: 'pagerduty: PagerDuty answered HTTP 503 for PPAYMENTS',
    });
    for (const [name, expected] of [
      ['checkout', [c1, c2]],
      ['search', [s1, s2]],
    ] as const) {
      expect(await incidentsOf(name)).toEqual(expected);
      expect(await documentOf(name)).toMatchObject({
        stale: false,
        computedAt: later(10).toISOString(),
      });
      expect((await sectionOf(name))?.stale).toBe(false);
    }

    // Payments recovers: the stale flag goes, the cursor of the last
    // success is passed again, and nothing was lost.
    pager.failing.clear();
    const p3 = incident('P3', 'PPAYMENTS', '2026-11-26T10:05:00.000Z');
    pager.incidents.set('PPAYMENTS', [p3]);
    expect(await collector.run(later(20))).toEqual({
      entities: 3,
      incidents: 3,
      failures: 0,
    });
    expect(await incidentsOf('payments')).toEqual([p1, p2, p3]);
    expect(await documentOf('payments')).toMatchObject({
      stale: false,
      computedAt: later(20).toISOString(),
    });
    expect((await documentOf('payments'))?.staleReason).toBeUndefined();
    expect((await sectionOf('payments'))?.stale).toBe(false);
    expect(await unhandledRejections()).toEqual([]);
  });
});

if (!fixtures || !url) {
  it('runs the fault tests against Prometheus only with the fixture Prometheus', () => {
    expect(process.env.RELIABILITY_REQUIRE_PROMETHEUS).not.toBe('1');
  });
} else {
  const prometheus = fixturePrometheusProcess({
    fixturesFile: process.env.PROMETHEUS_FIXTURES!,
    url,
    root: ROOT,
  });
  const mockDir = createMockDirectory();
  mockDir.setContent({
    'checkout-slos.yaml': CHECKOUT_OPENSLO_SPEC,
    'identity-slos.yaml': slothSpec('identity'),
    'broken-slos.yaml': `
version: prometheus/v1
service: checkout
slos:
  - name: unbalanced
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}])
        total_query: sum(rate(http_requests_total{service="checkout"}[{{.window}}]))
`,
  });
  const entity = (name: string, annotations: Record<string, string>): Entity =>
    testComponent(name, {
      annotations: { ...locatedIn(mockDir), ...annotations },
      spec: { type: 'service' },
    });
  const entities = [
    entity('checkout', sloSpecAt('./checkout-slos.yaml')),
    entity('identity', sloSpecAt('./identity-slos.yaml')),
    entity('payments', sloSelector('sloth_service="payments"')),
    entity('search-pyrra', sloSelector('slo="search-availability"')),
  ];
  const NAMES = ['checkout', 'identity', 'payments', 'search-pyrra'];
  const at = new Date(fixtures.end * 1000);

  const snapshotAll = async (world: Awaited<ReturnType<typeof createWorld>>) =>
    Object.fromEntries(
      await Promise.all(NAMES.map(async n => [n, await world.items(n)])),
    ) as Record<string, SloSnapshot[]>;

  describe(`SLO refresh against the fixture Prometheus, stopped and frozen (${fixtures.endIso})`, () => {
    beforeEach(async () => {
      await prometheus.ensureRunning();
    }, 150_000);
    afterAll(async () => {
      // Other suites of this run use the same Prometheus: leave it running.
      await prometheus.ensureRunning();
    }, 150_000);

    it('survives Prometheus stopped in the middle of a refresh, and recovers after its restart', async () => {
      const world = await createWorld({
        name: 'fixtures',
        baseUrl: url,
        entities,
        timeoutMs: 5000,
        retries: 1,
        circuitBreaker: { failureThreshold: 3, coolDownMs: 100 },
      });
      expect(await world.collector.run(at)).toEqual({
        entities: 4,
        slos: 4,
        stale: 0,
        problems: 0,
      });
      const first = await snapshotAll(world);
      for (const name of NAMES) {
        expect(first[name]).toHaveLength(1);
        expect(first[name][0].stale).toBe(false);
        expect(first[name][0].sli).not.toBeNull();
      }
      const history = await world.store.readSloHistory(
        'component:default/checkout',
        'checkout-availability',
        new Date(at.getTime() - 40 * 86400e3).toISOString(),
        new Date(at.getTime() + 1).toISOString(),
      );
      const definitions = await world.store.listSloDefinitions();

      // The next refresh: Prometheus goes down at its fourth request (the
      // fleet discovery has answered three).
      const pid = prometheus.pid();
      const start = world.counter.fetches;
      world.hooks.beforeFetch = async n => {
        if (n === start + 4) {
          await prometheus.stop();
        }
      };
      let second;
      try {
        second = await world.collector.run(at);
      } finally {
        world.hooks.beforeFetch = undefined;
      }
      expect(prometheus.isRunning(pid)).toBe(false);
      expect(world.counter.fetches).toBeGreaterThan(start + 4);
      expect(second).toEqual({ entities: 4, slos: 4, stale: 4, problems: 0 });
      for (const name of NAMES) {
        expect(await world.items(name)).toEqual(
          keptStale(first[name], /^Prometheus "fixtures" unreachable: /),
        );
        expect(await world.section(name)).toMatchObject({
          stale: true,
          staleReason: expect.stringMatching(/^Prometheus "fixtures" /),
          problems: [],
        });
      }
      expect(
        await world.store.readSloHistory(
          'component:default/checkout',
          'checkout-availability',
          new Date(at.getTime() - 40 * 86400e3).toISOString(),
          new Date(at.getTime() + 1).toISOString(),
        ),
      ).toEqual(history);
      expect(await world.store.listSloDefinitions()).toEqual(definitions);

      await prometheus.restart();
      expect(await prometheus.ready()).toBe(true);
      expect(prometheus.pid()).not.toBe(pid);
      // past any cool-down of the breaker, which the failures opened
      world.clock.skewMs = 10 * 60_000;

      expect(await world.collector.run(at)).toEqual({
        entities: 4,
        slos: 4,
        stale: 0,
        problems: 0,
      });
      expect(await snapshotAll(world)).toEqual(first);
      for (const name of NAMES) {
        const section = await world.section(name);
        expect(section.stale).toBe(false);
        expect(section.staleReason).toBeUndefined();
      }
      expect(world.client.circuitState).toBe('closed');
      expect(await unhandledRejections()).toEqual([]);
    }, 150_000);

    it('bounds a refresh against a frozen Prometheus (SIGSTOP) and recovers after SIGCONT', async () => {
      const world = await createWorld({
        name: 'fixtures',
        baseUrl: url,
        entities,
        timeoutMs: 300,
        retries: 1,
      });
      // a generous timeout for the first, healthy refresh
      expect(await world.collector.run(at)).toMatchObject({ stale: 0 });
      const first = await snapshotAll(world);

      let result;
      try {
        prometheus.freeze();
        result = await world.collector.run(at);
      } finally {
        prometheus.thaw();
      }
      expect(result).toEqual({ entities: 4, slos: 4, stale: 4, problems: 0 });
      const timeout =
        /^Prometheus "fixtures" unreachable: timed out after 300ms on \/api\/v1\/query \(gave up after 2 attempts\)$/;
      for (const name of NAMES) {
        expect(await world.items(name)).toEqual(
          keptStale(first[name], timeout),
        );
        expect(await world.section(name)).toMatchObject({
          stale: true,
          staleReason: expect.stringMatching(timeout),
        });
      }

      // Thawed, and past the breaker's cool-down: everything is fresh again.
      world.clock.skewMs = 60 * 60_000;
      expect(await world.collector.run(at)).toEqual({
        entities: 4,
        slos: 4,
        stale: 0,
        problems: 0,
      });
      expect(await snapshotAll(world)).toEqual(first);
      expect(await unhandledRejections()).toEqual([]);
    }, 60_000);

    it('makes a query Prometheus rejects the entity problem, not a stale upstream', async () => {
      const broken = entity('broken', sloSpecAt('./broken-slos.yaml'));
      const world = await createWorld({
        name: 'fixtures',
        baseUrl: url,
        entities: [broken, entities[0]],
        timeoutMs: 5000,
        retries: 1,
        circuitBreaker: { failureThreshold: 1 },
      });
      expect(await world.collector.run(at)).toEqual({
        entities: 2,
        slos: 2,
        stale: 0,
        problems: 1,
      });
      const section = await world.section('broken');
      expect(section.stale).toBe(false);
      expect(section.problems).toEqual([
        {
          source: 'slo',
          file: './broken-slos.yaml',
          line: expect.any(Number),
          message: expect.stringMatching(
            /^Prometheus "fixtures" rejected the query: bad_data: .*parse error/,
          ),
        },
      ]);
      expect((section.items as SloSnapshot[])[0]).toMatchObject({
        stale: false,
        status: 'no-data',
        sli: null,
      });
      // A rejected query is not an upstream failure: the breaker (threshold
      // 1) stayed closed and checkout was measured.
      expect(world.client.circuitState).toBe('closed');
      expect((await world.items('checkout'))[0]).toMatchObject({
        stale: false,
        budgetRemaining: expect.any(Number),
      });
      expect(await unhandledRejections()).toEqual([]);
    }, 60_000);
  });
}
