import {
  TestDatabases,
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { PREVIOUS_SNAPSHOT_READS, PreviousSnapshotReads } from './SloCollector';
import { fixedClock } from '../lib/Clock';
import { FleetProjection } from '../fleet';
import { locatedIn, testComponent } from '../__testUtils__/entities';
import { createTestSloCollector } from '../__testUtils__/testSloCollector';
import { DAY } from '../__testUtils__/time';

// How many store calls and SQL statements the collector makes per entity,
// so that a per-entity read or transaction cannot creep back in. (Timings
// live in bench/slo-refresh.ts and docs/performance.md.)

const NOW = new Date('2026-11-26T10:00:00.000Z');
const LATER = new Date(NOW.getTime() + 5 * 60 * 1000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const mockDir = createMockDirectory();
mockDir.setContent({
  'catalog-info.yaml': 'kind: Component\n',
  'search.yaml': `version: prometheus/v1
service: search
slos:
  - name: availability
    objective: 99
    sli:
      events:
        error_query: sum(rate(errors[{{.window}}]))
        total_query: sum(rate(requests[{{.window}}]))
`,
});

const ref = (name: string) => `component:default/${name}`;

const component = (name: string, annotations: Record<string, string>): Entity =>
  testComponent(name, {
    annotations: {
      ...locatedIn(mockDir),
      'reliability-kit.io/tier': 'tier-3',
      ...annotations,
    },
    spec: { type: 'service', owner: 'team-a' },
  });

const withSelector = (i: number) =>
  component(`svc-${i}`, {
    'reliability-kit.io/slo-selector': `sloth_id="slo-${i}"`,
  });

const discovered = (i: number): DiscoveredSlo => ({
  origin: 'sloth',
  instance: 'prom',
  key: `slo-${i}`,
  name: 'availability',
  labels: { sloth_id: `slo-${i}` },
  objective: 0.999,
  windowMs: 30 * DAY,
  // every fifth SLO burns its budget, so statuses differ between entities
  errorRatios: new Map([[30 * DAY, i % 5 === 0 ? 0.01 : 0.0001]]),
});

const provider = (slos: DiscoveredSlo[]): SloMetricsProvider => ({
  id: 'prometheus',
  measure: async request =>
    new Map(
      request.windowsMs.map(w => [
        w,
        { kind: 'events' as const, good: 999, total: 1000 },
      ]),
    ),
  measureRange: async () => [],
  discover: async () => slos,
});

const STORE_METHODS = [
  'readSections',
  'readSectionOf',
  'listSloDefinitions',
  'replaceSloDefinitions',
  'upsertSloHistory',
  'upsertSloHistoryPoints',
  'countSloHistory',
  'writeSection',
  'writeSections',
  'markSectionStale',
  'listSectionEntityRefs',
  'pruneSloHistory',
] as const;

const setup = async (options: {
  entities: Entity[];
  slos?: DiscoveredSlo[];
  previousSnapshotReads?: PreviousSnapshotReads;
  concurrency?: number;
  fleet?: FleetProjection;
}) => {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  let statements = 0;
  knex.on('query', () => {
    statements++;
  });
  const spies = Object.fromEntries(
    STORE_METHODS.map(m => [m, jest.spyOn(store, m)]),
  ) as unknown as {
    [M in (typeof STORE_METHODS)[number]]: jest.SpyInstance<
      ReturnType<ReliabilityStore[M]>,
      Parameters<ReliabilityStore[M]>
    >;
  };
  const logger = mockServices.logger.mock();
  const catalog = catalogServiceMock({ entities: options.entities });
  const refreshEntity = jest
    .spyOn(catalog, 'refreshEntity')
    .mockResolvedValue(undefined);
  const collector = createTestSloCollector({
    clock: fixedClock(NOW),
    catalog,
    store,
    logger,
    provider: provider(options.slos ?? []),
    instances: { names: ['prom'] },
    previousSnapshotReads: options.previousSnapshotReads,
    concurrency: options.concurrency,
    fleet: options.fleet,
  });
  /** Runs the collector, and counts what it asked of the store. */
  const run = async (at: Date) => {
    jest.clearAllMocks();
    const before = statements;
    const result = await collector.run(at);
    const calls = Object.fromEntries(
      STORE_METHODS.map(m => [m, spies[m].mock.calls.length]),
    ) as Record<(typeof STORE_METHODS)[number], number>;
    return {
      result,
      calls,
      refreshes: refreshEntity.mock.calls.length,
      storeCalls: Object.values(calls).reduce((a, b) => a + b, 0),
      statements: statements - before,
    };
  };
  return { store, spies, logger, run };
};

describe('SloCollector store calls', () => {
  it('tells the fleet projection right after each slos section write', async () => {
    const fleet = {
      entitiesIndexed: jest.fn(),
      entitiesChanged: jest.fn(),
      sloWritten: jest.fn(
        async (_ref: string, _snapshots: SloSnapshot[], _now: string) => {},
      ),
      alertQualityWritten: jest.fn(),
      readinessEvaluated: jest.fn(),
      policyEvaluated: jest.fn(),
    };
    const { spies, run } = await setup({
      entities: [withSelector(0), withSelector(1)],
      slos: [discovered(0), discovered(1)],
      fleet,
    });
    await run(NOW);
    expect(fleet.sloWritten).toHaveBeenCalledTimes(2);
    for (const name of ['svc-0', 'svc-1']) {
      const w = spies.writeSection.mock.calls.findIndex(
        c => c[0] === ref(name),
      );
      const f = fleet.sloWritten.mock.calls.findIndex(c => c[0] === ref(name));
      // The same snapshots and time, right after the section write.
      expect(fleet.sloWritten.mock.calls[f]).toEqual([
        ref(name),
        spies.writeSection.mock.calls[w][2].items,
        NOW.toISOString(),
      ]);
      expect(fleet.sloWritten.mock.invocationCallOrder[f]).toBeGreaterThan(
        spies.writeSection.mock.invocationCallOrder[w],
      );
    }
  });

  it('reads the previous snapshots in chunks and writes once per entity', async () => {
    const { maxEntities } = PREVIOUS_SNAPSHOT_READS;
    const n = 2 * maxEntities + 1;
    const entities = Array.from({ length: n }, (_, i) => withSelector(i));
    const refs = entities.map(e => ref(e.metadata.name));
    const { store, spies, run } = await setup({
      entities,
      slos: Array.from({ length: n }, (_, i) => discovered(i)),
    });

    for (const at of [NOW, LATER]) {
      const { result, calls, refreshes, storeCalls, statements } = await run(
        at,
      );
      expect(result).toEqual({ entities: n, slos: n, stale: 0, problems: 0 });
      // The previous snapshots of the bulk reads: every status is new in
      // run 1, none changed in run 2.
      expect(refreshes).toBe(at === NOW ? n : 0);
      expect(calls).toEqual({
        // per entity: the section (then the fleet projection is told)
        // and today's history point
        writeSection: n,
        upsertSloHistoryPoints: n,
        // per run
        readSectionOf: 3,
        listSloDefinitions: 1,
        listSectionEntityRefs: 1,
        pruneSloHistory: 1,
        // not at all: no per-entity read, no definitions to replace
        readSections: 0,
        replaceSloDefinitions: 0,
        upsertSloHistory: 0,
        countSloHistory: 0,
        writeSections: 0,
        markSectionStale: 0,
      });
      expect(storeCalls).toBeLessThanOrEqual(2 * n + 10);
      // The knex store: an upsert of the section, and a transaction of one
      // upsert for the history (BEGIN, INSERT, COMMIT), against 8 statements
      // per entity before.
      expect(statements).toBeLessThanOrEqual(4 * n + 20);

      // Chunks of at most maxEntities refs (a small one first, until the
      // entities show how many SLOs they have), of the slos section,
      // covering each entity once.
      const read = spies.readSectionOf.mock.calls.map(([section, chunk]) => {
        expect(section).toBe('slos');
        expect(chunk!.length).toBeLessThanOrEqual(maxEntities);
        return chunk!;
      });
      expect(read.flat().sort()).toEqual([...refs].sort());
    }

    const stored = await store.readSectionOf('slos');
    expect(stored.size).toBe(n);
    expect(
      [0, 1].map(i =>
        (stored.get(ref(`svc-${i}`))!.items as SloSnapshot[]).map(s => [
          s.id,
          s.status,
        ]),
      ),
    ).toEqual([[['slo-0', 'breaching']], [['slo-1', 'healthy']]]);
  });

  it('replaces the definitions only of entities that have or had spec SLOs', async () => {
    const specEntity = component('search', {
      'reliability-kit.io/slo-spec': 'search.yaml',
    });
    const entities = [specEntity, withSelector(1), withSelector(2)];
    const { store, spies, run } = await setup({
      entities,
      slos: [discovered(1), discovered(2)],
    });

    let { calls } = await run(NOW);
    expect(spies.replaceSloDefinitions.mock.calls.map(c => c[0])).toEqual([
      ref('search'),
    ]);
    expect(calls.readSectionOf).toBe(1);
    expect((await store.listSloDefinitions()).map(d => d.entityRef)).toEqual([
      ref('search'),
    ]);

    // The entity drops its spec file: its definitions go, once.
    specEntity.metadata.annotations = {
      ...specEntity.metadata.annotations,
      'reliability-kit.io/slo-spec': '',
      'reliability-kit.io/slo-selector': 'sloth_id="slo-1"',
    };
    ({ calls } = await run(LATER));
    expect(spies.replaceSloDefinitions.mock.calls).toEqual([
      [ref('search'), [], LATER.toISOString()],
    ]);
    expect(await store.listSloDefinitions()).toEqual([]);

    ({ calls } = await run(new Date(LATER.getTime() + 60_000)));
    expect(calls.replaceSloDefinitions).toBe(0);
    expect(calls.listSloDefinitions).toBe(1);
  });

  it('fails the entities of a chunk whose read fails, as a per-entity read failing did', async () => {
    const entities = Array.from({ length: 5 }, (_, i) => withSelector(i));
    const { spies, logger, run } = await setup({
      entities,
      slos: Array.from({ length: 5 }, (_, i) => discovered(i)),
      previousSnapshotReads: { maxEntities: 2, maxSnapshots: 1000 },
    });
    await run(NOW);

    spies.readSectionOf.mockImplementationOnce(async () => {
      throw new Error('database gone');
    });
    const { result, calls } = await run(LATER);
    expect(calls.readSectionOf).toBe(3);
    // The first chunk's two entities fail and keep their data, marked stale;
    // the others refresh.
    expect(result).toEqual({ entities: 5, slos: 3, stale: 0, problems: 2 });
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(
      `SLO collection failed for ${ref('svc-0')}: database gone`,
    );
    expect(logger.error).toHaveBeenCalledWith(
      `SLO collection failed for ${ref('svc-1')}: database gone`,
    );
    expect(spies.markSectionStale.mock.calls).toEqual([
      [ref('svc-0'), 'slos', 'collection failed: database gone'],
      [ref('svc-1'), 'slos', 'collection failed: database gone'],
    ]);
    expect(calls.writeSection).toBe(3);
  });
  it('reads smaller chunks of entities that have many SLOs', async () => {
    // 21 entities with 10 SLOs each, one entity at a time
    const entities = Array.from({ length: 21 }, (_, i) =>
      component(`svc-${i}`, {
        'reliability-kit.io/slo-selector': `sloth_service="s-${i}"`,
      }),
    );
    const slos = Array.from({ length: 210 }, (_, j) => {
      const d = discovered(j);
      return { ...d, labels: { ...d.labels, sloth_service: `s-${j % 21}` } };
    });
    const { spies, run } = await setup({
      entities,
      slos,
      concurrency: 1,
      previousSnapshotReads: { maxEntities: 500, maxSnapshots: 50 },
    });
    const chunkSizes = () =>
      spies.readSectionOf.mock.calls.map(([, chunk]) => chunk!.length);

    // Nothing stored yet: one entity (100 SLOs assumed), then it has none.
    expect((await run(NOW)).result.slos).toBe(210);
    expect(chunkSizes()).toEqual([1, 20]);
    // 10 SLOs each: 5 entities per read.
    const { result, refreshes } = await run(LATER);
    expect(result).toEqual({ entities: 21, slos: 210, stale: 0, problems: 0 });
    expect(refreshes).toBe(0);
    expect(chunkSizes()).toEqual([1, 5, 5, 5, 5]);
  });
});
