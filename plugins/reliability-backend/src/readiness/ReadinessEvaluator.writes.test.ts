import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { Knex } from 'knex';
import { TEAM_A, hardeningEntities } from '../__testUtils__/hardeningApp';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { Clock } from '../lib/Clock';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { ReadinessEvaluator } from './ReadinessEvaluator';

const databases = testDatabases();

const T0 = Date.parse('2026-11-26T10:00:00.000Z');
const MINUTE = 60_000;

/** A tier-1 service of team A, with extra annotations. */
const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => {
  const [base] = hardeningEntities;
  return {
    ...base,
    metadata: {
      ...base.metadata,
      name,
      annotations: { ...base.metadata.annotations, ...annotations },
    },
  };
};

const exists = (id: string, fact: string) => ({
  id,
  title: id,
  rule: { fact, exists: true },
});

const automatic = (id: string, check: string) => ({
  id,
  title: id,
  kind: 'automatic',
  check,
  tiers: ['tier-1'],
});

const level = (id: string, checks: string[]) => ({
  id,
  title: id,
  checks: checks.map(check => ({ check })),
});

/** Readiness needs TechDocs; the scorecard's one level an owner and TechDocs. */
const checksConfig = parseChecksConfig(
  {
    checks: [
      exists('has-owner', 'relation:ownedBy'),
      exists('techdocs', 'annotation:backstage.io/techdocs-ref'),
    ],
    readiness: { items: [automatic('docs', 'techdocs')] },
    scorecards: [
      {
        id: 'golden-path',
        title: 'Golden path',
        levels: [level('bronze', ['has-owner', 'techdocs'])],
      },
    ],
  },
  { tiers: DEFAULT_TIERS },
);

/** The statements a run sends other than reads. */
function recordWrites(knex: Knex): string[] {
  const writes: string[] = [];
  knex.on('query', (q: { sql: string }) => {
    if (!/^\s*(select|pragma)\b/i.test(q.sql)) writes.push(q.sql);
  });
  return writes;
}

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const readinessStore = await DatabaseReadinessStore.create({ database });
  const names = ['checkout', 'payments', 'search'];
  await store.replaceEntityIndex(
    names.map(name => ({
      entityRef: `component:default/${name}`,
      kind: 'component',
      namespace: 'default',
      name,
      ownerRef: TEAM_A,
      tier: 'tier-1',
      tierStatus: 'ok' as const,
    })),
    new Date(T0).toISOString(),
  );
  let catalog = catalogServiceMock({ entities: names.map(n => component(n)) });
  const setCatalog = (entities: Entity[]) => {
    catalog = catalogServiceMock({ entities });
  };
  let now = T0;
  const clock: Clock = { now: () => new Date(now) };
  const evaluator = new ReadinessEvaluator({
    catalog: {
      getEntitiesByRefs: (...args) => catalog.getEntitiesByRefs(...args),
      streamEntities: (...args) => catalog.streamEntities(...args),
    } as Partial<CatalogService> as CatalogService,
    auth: mockServices.auth(),
    store,
    readinessStore,
    config: checksConfig,
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    logger: mockServices.logger.mock(),
    clock,
  });
  const setTime = (ms: number) => {
    now = ms;
  };
  return { knex, store, readinessStore, evaluator, setCatalog, setTime };
}

describe('ReadinessEvaluator writes only what changed', () => {
  it.each(databases.eachSupportedId())(
    'writes nothing on an unchanged run, the change and the day history otherwise (%p)',
    async databaseId => {
      const { knex, readinessStore, evaluator, setCatalog, setTime } =
        await setup(databaseId);
      await evaluator.run();
      const writes = recordWrites(knex);

      setTime(T0 + 30 * MINUTE);
      await expect(evaluator.run()).resolves.toEqual({ evaluated: 3 });
      expect(writes).toEqual([]);
      // the catalog change pass hands over an entity it saw change, but
      // whose results are the same: nothing is written either
      await evaluator.entitiesChanged(['component:default/payments'], []);
      expect(writes).toEqual([]);

      // checkout gains TechDocs: its sections, result and history change.
      setCatalog([
        component('checkout', { 'backstage.io/techdocs-ref': 'dir:.' }),
        component('payments'),
        component('search'),
      ]);
      setTime(T0 + 60 * MINUTE);
      await evaluator.run();
      expect(writes.length).toBeGreaterThan(0);
      const changedAt = new Date(T0 + 60 * MINUTE).toISOString();
      const [checkout] = await readinessStore.readScorecardResults(
        'component:default/checkout',
      );
      expect(checkout).toMatchObject({
        level: 'bronze',
        evaluatedAt: changedAt,
      });
      const [payments] = await readinessStore.readScorecardResults(
        'component:default/payments',
      );
      // Unchanged: still the result of the first run.
      expect(payments.evaluatedAt).toBe(new Date(T0).toISOString());
      expect(payments.level).toBeNull();
      expect(
        await readinessStore.readScorecardHistory(
          'golden-path',
          'component:default/checkout',
          '2026-11-01',
        ),
      ).toEqual([{ day: '2026-11-26', level: 'bronze', score: 1 }]);

      // Nothing changed since: nothing written.
      writes.length = 0;
      setTime(T0 + 90 * MINUTE);
      await evaluator.run();
      expect(writes).toEqual([]);

      // The next day, unchanged results still get the day's history row.
      setTime(T0 + 24 * 60 * MINUTE);
      await evaluator.run();
      expect(writes.length).toBeGreaterThan(0);
      for (const name of ['checkout', 'payments', 'search']) {
        const days = await readinessStore.readScorecardHistory(
          'golden-path',
          `component:default/${name}`,
          '2026-11-01',
        );
        expect(days.map(d => d.day)).toEqual(['2026-11-26', '2026-11-27']);
      }
      writes.length = 0;
      setTime(T0 + 24 * 60 * MINUTE + 30 * MINUTE);
      await evaluator.run();
      expect(writes).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes a section again after it was marked stale (%p)',
    async databaseId => {
      const { knex, store, evaluator, setTime } = await setup(databaseId);
      await evaluator.run();
      await store.markSectionStale(
        'component:default/search',
        'readiness',
        'failed',
      );
      const writes = recordWrites(knex);
      setTime(T0 + 30 * MINUTE);
      await evaluator.run();
      expect(
        writes.filter(sql => /reliability_sections/.test(sql)),
      ).toHaveLength(1);
      const sections = await store.readSections('component:default/search');
      expect(sections.readiness).toMatchObject({
        stale: false,
        computedAt: new Date(T0 + 30 * MINUTE).toISOString(),
      });
      // The scorecards section, unchanged, kept its time.
      expect(sections.scorecards?.computedAt).toBe(new Date(T0).toISOString());
    },
  );
});
