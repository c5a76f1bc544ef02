import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { changingCatalog } from '../__testUtils__/changingCatalog';
import { testComponent } from '../__testUtils__/testComponent';
import { createTestStore } from '../__testUtils__/createTestStore';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseCatalogCursorStore } from '../catalogChanges/DatabaseCatalogCursorStore';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { FleetStore } from '../fleet';
import { fixedClock } from '../lib/Clock';
import { EntityIndexer } from '../service/EntityIndexer';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { ReadinessEvaluator } from './ReadinessEvaluator';

const databases = testDatabases();
const clock = fixedClock('2026-12-08T10:00:00Z');
const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };

const checks = parseChecksConfig(
  {
    checks: [
      {
        id: 'techdocs',
        title: 'TechDocs',
        rule: { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
      },
    ],
    readiness: {
      items: [
        {
          id: 'docs',
          title: 'Docs',
          kind: 'automatic',
          check: 'techdocs',
          tiers: ['tier-1'],
        },
      ],
    },
    scorecards: [
      {
        id: 'golden-path',
        title: 'Golden path',
        levels: [
          { id: 'bronze', title: 'Bronze', checks: [{ check: 'techdocs' }] },
        ],
      },
    ],
    goldenPathScorecard: 'golden-path',
  },
  { tiers: DEFAULT_TIERS },
);

const component = (
  name: string,
  etag: string,
  annotations: Record<string, string> = {},
) => testComponent(name, { tier: 'tier-1', etag, annotations });
const DOCS = { 'backstage.io/techdocs-ref': 'dir:.' };
const ref = (name: string) => `component:default/${name}`;

async function setup(databaseId: TestDatabaseId, entities: Entity[]) {
  const { knex, store } = await createTestStore(databases, databaseId, o =>
    DatabaseReliabilityStore.create(o),
  );
  const readinessStore = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
  });
  const fleet = new FleetStore(knex, { store, clock });
  const catalog = changingCatalog(entities);
  const logger = mockServices.logger.mock();
  const auth = mockServices.auth();
  const evaluator = new ReadinessEvaluator({
    catalog: catalog.catalog,
    auth,
    store,
    readinessStore,
    fleet,
    config: checks,
    tierModel,
    logger,
    clock,
  });
  const indexer = new EntityIndexer({
    catalog: catalog.catalog,
    auth,
    store,
    cursor: new DatabaseCatalogCursorStore(knex),
    fleet: fleet.projection,
    onEntitiesChanged: async (changed, removed) => {
      await evaluator.entitiesChanged(changed, removed);
    },
    tierModel,
    logger,
    clock,
  });
  const state = async (name: string) => {
    const [section] = (
      await store.readSectionOf('readiness', [ref(name)])
    ).values() as IterableIterator<{ items: Array<{ status: string }> }>;
    const scorecards = await readinessStore.readScorecardResults(ref(name));
    const row = await knex('reliability_fleet')
      .where('entity_ref', ref(name))
      .first();
    return {
      readiness: section?.items[0]?.status,
      level: scorecards[0]?.level ?? null,
      fleet: row ? [row.readiness, row.golden_path_level] : undefined,
    };
  };
  return { indexer, catalog, state };
}

describe.each(databases.eachSupportedId())(
  'readiness follows catalog changes on %s',
  databaseId => {
    it('evaluates new and changed entities at the change pass, and drops the results of deleted ones', async () => {
      const t = await setup(databaseId, [
        component('checkout', 'c1'),
        component('payments', 'p1', DOCS),
      ]);
      await t.indexer.runChanges();
      expect(await t.state('checkout')).toEqual({
        readiness: 'not-ready',
        level: null,
        fleet: ['not-ready', null],
      });
      expect(await t.state('payments')).toEqual({
        readiness: 'ready',
        level: 'bronze',
        fleet: ['ready', 'bronze'],
      });

      // A team adds TechDocs to checkout, payments is deleted, search is new.
      t.catalog.set([
        component('checkout', 'c2', DOCS),
        component('search', 's1'),
      ]);
      await t.indexer.runChanges();
      expect(await t.state('checkout')).toEqual({
        readiness: 'ready',
        level: 'bronze',
        fleet: ['ready', 'bronze'],
      });
      expect(await t.state('search')).toEqual({
        readiness: 'not-ready',
        level: null,
        fleet: ['not-ready', null],
      });
      expect(await t.state('payments')).toMatchObject({
        level: null,
        fleet: undefined,
      });
      // Nothing evaluated while nothing changes.
      t.catalog.calls.length = 0;
      await t.indexer.runChanges();
      expect(t.catalog.calls.map(c => c.method)).toEqual(['streamEntities']);
    });
  },
);
