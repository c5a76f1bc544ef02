import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { testComponent } from '../__testUtils__/testComponent';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { changingCatalog } from '../__testUtils__/changingCatalog';
import { createTestStore } from '../__testUtils__/createTestStore';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseCatalogCursorStore } from '../catalogChanges/DatabaseCatalogCursorStore';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { FleetStore } from '../fleet';
import { fixedClock } from '../lib/Clock';
import { EntityIndexer } from './EntityIndexer';

const databases = testDatabases();
const clock = fixedClock('2026-12-08T10:00:00Z');

const component = (name: string, tier: string, etag: string) =>
  testComponent(name, { tier, etag });

/** Counts the statements that change data (not reads). */
function countWrites(knex: Knex) {
  const writes: string[] = [];
  knex.on('query', (q: { sql: string }) => {
    if (/^\s*(insert|update|delete)/i.test(q.sql)) writes.push(q.sql);
  });
  return writes;
}

async function setup(databaseId: TestDatabaseId, entities: Entity[]) {
  const { knex, store } = await createTestStore(databases, databaseId, o =>
    DatabaseReliabilityStore.create(o),
  );
  const fleet = new FleetStore(knex, { store, clock });
  const catalog = changingCatalog(entities);
  const told: Array<{ changed: string[]; removed: string[] }> = [];
  let failListener = false;
  const indexer = new EntityIndexer({
    catalog: catalog.catalog,
    auth: mockServices.auth(),
    store,
    cursor: new DatabaseCatalogCursorStore(knex),
    fleet: fleet.projection,
    onEntitiesChanged: async (changed, removed) => {
      if (failListener) throw new Error('readiness store unavailable');
      told.push({ changed: [...changed].sort(), removed: [...removed] });
    },
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    logger: mockServices.logger.mock(),
    clock,
  });
  const fleetTiers = async () =>
    Object.fromEntries(
      (
        await knex('reliability_fleet')
          .select('entity_ref', 'tier')
          .orderBy('entity_ref')
      ).map((r: { entity_ref: string; tier: string | null }) => [
        r.entity_ref,
        r.tier,
      ]),
    );
  const indexTiers = async () =>
    Object.fromEntries(
      (await store.listIndexedEntities()).map(e => [e.entityRef, e.tier]),
    );
  return {
    knex,
    indexer,
    catalog,
    told,
    fleetTiers,
    indexTiers,
    failListenerOnce: () => {
      failListener = true;
      return () => {
        failListener = false;
      };
    },
  };
}

/** a, b and c in tiers 1 to 3, at their first etag. */
const threeComponents = () => [
  component('a', 'tier-1', 'a1'),
  component('b', 'tier-2', 'b1'),
  component('c', 'tier-3', 'c1'),
];

const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';
const D = 'component:default/d';

describe.each(databases.eachSupportedId())(
  'EntityIndexer change pass on %s',
  databaseId => {
    it('indexes everything first, then reads only refs and etags while nothing changes, and writes nothing', async () => {
      const t = await setup(databaseId, threeComponents());
      await expect(t.indexer.runChanges()).resolves.toEqual({
        indexed: 3,
        changed: 3,
        removed: 0,
      });
      expect(await t.indexTiers()).toEqual({
        [A]: 'tier-1',
        [B]: 'tier-2',
        [C]: 'tier-3',
      });
      expect(await t.fleetTiers()).toEqual(await t.indexTiers());
      expect(t.told).toEqual([{ changed: [A, B, C], removed: [] }]);

      t.catalog.calls.length = 0;
      const writes = countWrites(t.knex);
      await expect(t.indexer.runChanges()).resolves.toEqual({
        indexed: 0,
        changed: 0,
        removed: 0,
      });
      // One paged read of refs and etags, no entity fetched, nothing written.
      expect(t.catalog.calls).toEqual([
        {
          method: 'streamEntities',
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.etag',
          ],
        },
      ]);
      expect(writes).toEqual([]);
      expect(t.told).toHaveLength(1);
    });

    it('fetches, indexes and reports only the changed and new entities, and removes the deleted', async () => {
      const t = await setup(databaseId, threeComponents());
      await t.indexer.runChanges();
      t.catalog.calls.length = 0;

      // b's tier changes, c is deleted, d is new; a is untouched.
      t.catalog.set([
        component('a', 'tier-1', 'a1'),
        component('b', 'tier-4', 'b2'),
        component('d', 'tier-1', 'd1'),
      ]);
      await expect(t.indexer.runChanges()).resolves.toEqual({
        indexed: 2,
        changed: 2,
        removed: 1,
      });
      const fetched = t.catalog.calls.filter(
        c => c.method === 'getEntitiesByRefs',
      );
      expect(fetched).toHaveLength(1);
      expect([...fetched[0].refs!].sort()).toEqual([B, D]);
      expect(fetched[0].fields).toEqual(
        expect.arrayContaining(['metadata', 'relations', 'spec']),
      );
      expect(t.told[1]).toEqual({ changed: [B, D], removed: [C] });
      const expected = { [A]: 'tier-1', [B]: 'tier-4', [D]: 'tier-1' };
      expect(await t.indexTiers()).toEqual(expected);
      expect(await t.fleetTiers()).toEqual(expected);

      // And the pass after that has nothing to do again.
      await expect(t.indexer.runChanges()).resolves.toMatchObject({
        changed: 0,
        removed: 0,
      });
    });

    it('reports the same changes again when the listener failed', async () => {
      const t = await setup(databaseId, [component('a', 'tier-1', 'a1')]);
      await t.indexer.runChanges();
      t.catalog.set([component('a', 'tier-2', 'a2')]);
      const restore = t.failListenerOnce();
      await expect(t.indexer.runChanges()).rejects.toThrow(
        'readiness store unavailable',
      );
      restore();
      await expect(t.indexer.runChanges()).resolves.toMatchObject({
        changed: 1,
      });
      expect(t.told.at(-1)).toEqual({ changed: [A], removed: [] });
      expect(await t.indexTiers()).toEqual({ [A]: 'tier-2' });
    });

    it('the full reconciliation replaces the index and reports what the cursor had not seen', async () => {
      const t = await setup(databaseId, [
        component('a', 'tier-1', 'a1'),
        component('b', 'tier-2', 'b1'),
      ]);
      await t.indexer.runChanges();
      t.catalog.set([
        component('a', 'tier-1', 'a1'),
        component('c', 'tier-3', 'c1'),
      ]);
      await expect(t.indexer.run()).resolves.toEqual({
        indexed: 2,
        changed: 1,
        removed: 1,
      });
      expect(t.told.at(-1)).toEqual({ changed: [C], removed: [B] });
      expect(await t.fleetTiers()).toEqual({ [A]: 'tier-1', [C]: 'tier-3' });
      await expect(t.indexer.runChanges()).resolves.toMatchObject({
        changed: 0,
        removed: 0,
      });
    });
  },
);
