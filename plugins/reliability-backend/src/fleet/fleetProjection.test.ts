import { mockServices } from '@backstage/backend-test-utils';
import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import { IndexedEntity } from '../database/ReliabilityStore';
import { FleetStore } from './FleetStore';
import { FleetWriter } from './FleetProjection';
import { fixedClock } from '../lib/Clock';
import {
  databases,
  NOW,
  refs,
  entity,
  ref,
  THIS_WEEK,
  handMade as handMadeOf,
} from './__testUtils__/fleetFixtures';

// The fleet rows kept by the projection the indexer, the collectors and
// the readiness evaluator tell after their writes.

jest.setTimeout(120_000);

describe.each(databases.eachSupportedId())('fleet on %s', databaseId => {
  describe('a small hand-made fleet', () => {
    const handMade = () => handMadeOf(databaseId);

    it('stores policy states, filters by them and lists them for the catalog labels', async () => {
      const { fleet } = await handMade();
      await fleet.projection.policyEvaluated(
        ref('a'),
        'exhausted',
        NOW.toISOString(),
      );
      await fleet.projection.policyEvaluated(ref('b'), 'ok', NOW.toISOString());
      await fleet.projection.policyEvaluated(
        ref('b'),
        'warning',
        NOW.toISOString(),
      );
      // an entity the fleet does not have: nothing written, nothing thrown
      await fleet.projection.policyEvaluated(
        ref('gone'),
        'ok',
        NOW.toISOString(),
      );
      const filtered = (policyState: string[]) =>
        fleet
          .listAll({ policyState })
          .then(rows => rows.map(r => [r.entityRef, r.policyState]));
      expect(await filtered(['exhausted', 'warning'])).toEqual([
        [ref('a'), 'exhausted'],
        [ref('b'), 'warning'],
      ]);
      expect(await filtered(['none'])).toEqual([
        [ref('c'), undefined],
        [ref('d'), undefined],
        [ref('e'), undefined],
      ]);
      expect(await fleet.listPolicyStates()).toEqual({
        [ref('a')]: 'exhausted',
        [ref('b')]: 'warning',
      });
    });

    it('keeps the rows and the weekly rows up to date', async () => {
      const { fleet, knex } = await handMade();
      const all = await fleet.listAll();
      expect(all.map(r => [r.entityRef, r.tier, r.sloStatus])).toEqual([
        [ref('a'), 'tier-1', 'healthy'],
        [ref('b'), 'tier-1', 'healthy'],
        [ref('c'), 'tier-1', 'at-risk'],
        [ref('d'), 'tier-2', 'breaching'],
        [ref('e'), null, 'no-slo'],
      ]);
      expect(all[0]).toMatchObject({
        readiness: 'unknown',
        goldenPathLevel: null,
        pagesPerWeek: 10,
        mttaMs: 60000,
        mttrMs: 600000,
        runbookCoverage: 1,
      });
      const weekly = await knex('reliability_fleet_weekly')
        .select('week', 'entity_ref', 'slo_status', 'breached')
        .orderBy(['week', 'entity_ref']);
      expect(
        weekly.map(w => [w.week, w.entity_ref, w.slo_status, !!w.breached]),
      ).toEqual([
        ['2026-11-16', ref('a'), 'healthy', false],
        ['2026-11-16', ref('b'), 'breaching', true],
        ['2026-11-16', ref('c'), 'healthy', false],
        ['2026-11-16', ref('d'), 'no-slo', false],
        ['2026-11-16', ref('e'), 'no-slo', false],
        ['2026-11-23', ref('a'), 'healthy', false],
        // Breaching earlier this week: stays marked.
        ['2026-11-23', ref('b'), 'healthy', true],
        ['2026-11-23', ref('c'), 'at-risk', false],
        ['2026-11-23', ref('d'), 'breaching', true],
        ['2026-11-23', ref('e'), 'no-slo', false],
      ]);

      // Entities gone from the index are removed.
      await fleet.replaceEntities([entity('a')], THIS_WEEK);
      expect(refs(await fleet.listAll())).toEqual([ref('a')]);
      expect((await fleet.listAll())[0].sloStatus).toBe('healthy');
    });

    it('is kept up to date through the projection the collectors tell after their writes', async () => {
      const { fleet, store } = await handMade();
      // What the SLO collector, the alert-quality collector and the entity
      // indexer do: their own store write, then the fleet projection.
      const wired = {
        async writeSection(
          entityRef: string,
          section: 'slos' | 'alertQuality',
          write: Parameters<typeof store.writeSection>[2],
        ) {
          await store.writeSection(entityRef, section, write);
          if (section === 'slos') {
            await fleet.projection.sloWritten(
              entityRef,
              write.items as SloSnapshot[],
              write.computedAt,
            );
          } else {
            await fleet.projection.alertQualityWritten(
              entityRef,
              write.computedAt,
            );
          }
        },
        async replaceEntityIndex(entities: IndexedEntity[], now: string) {
          await store.replaceEntityIndex(entities, now);
          await fleet.projection.entitiesIndexed(entities, now);
        },
      };
      const snapshot = (status: SloSnapshot['status'], budget: number) =>
        ({
          id: `s-${budget}`,
          name: 'x',
          origin: 'spec',
          instance: 'prom',
          objective: 0.99,
          status,
          budgetRemaining: budget,
        } as unknown as SloSnapshot);
      await wired.writeSection(ref('e'), 'slos', {
        items: [snapshot('healthy', 0.9), snapshot('at-risk', 0.2)],
        problems: [],
        status: 'ok',
        demo: false,
        computedAt: THIS_WEEK,
      });
      const e = (await fleet.listAll()).find(r => r.entityRef === ref('e'));
      expect(e).toMatchObject({
        sloStatus: 'at-risk',
        sloCount: 2,
        worstBudgetRemaining: 0.2,
      });
      expect((await store.readSections(ref('e'))).slos?.items).toHaveLength(2);

      await store.writeDocument(ref('e'), 'alertSources', {
        pagingSource: 'demo',
        dataSince: null,
        shifts: [],
        rules: null,
        firingAlerts: [],
        problems: [],
        computedAt: THIS_WEEK,
        stale: false,
      });
      const recent = new Date(
        Date.parse(THIS_WEEK) - 2 * 86400_000,
      ).toISOString();
      await store.upsertIncidents(
        ref('e'),
        [
          {
            id: 'p1',
            source: 'demo',
            title: 'x',
            urgency: 'high',
            status: 'resolved',
            createdAt: recent,
            firstAcknowledgedAt: new Date(
              Date.parse(recent) + 60_000,
            ).toISOString(),
            resolvedAt: new Date(Date.parse(recent) + 600_000).toISOString(),
          },
        ],
        recent,
      );
      await wired.writeSection(ref('e'), 'alertQuality', {
        items: [],
        problems: [],
        status: 'ok',
        demo: true,
        computedAt: THIS_WEEK,
      });
      const after = (await fleet.listAll()).find(r => r.entityRef === ref('e'));
      expect(after).toMatchObject({
        pagesPerWeek: 0.25,
        mttaMs: 60_000,
        mttrMs: 600_000,
      });
      await wired.replaceEntityIndex([entity('a')], THIS_WEEK);
      expect(refs(await fleet.listAll())).toEqual([ref('a')]);
    });

    it('logs failed fleet updates and never fails the collection', async () => {
      const { store } = await handMade();
      const logger = mockServices.logger.mock();
      // A database without the fleet tables: every fleet write fails.
      const fleet = new FleetStore(await databases.init(databaseId), {
        store,
        logger,
        clock: fixedClock(NOW),
      });
      await expect(
        fleet.projection.sloWritten(ref('a'), [], THIS_WEEK),
      ).resolves.toBeUndefined();
      await expect(
        fleet.projection.alertQualityWritten(ref('a'), THIS_WEEK),
      ).resolves.toBeUndefined();
      await expect(
        fleet.projection.readinessEvaluated(
          [{ entityRef: ref('a'), readiness: 'ready', goldenPathLevel: null }],
          THIS_WEEK,
        ),
      ).resolves.toBeUndefined();
      expect(logger.warn).toHaveBeenCalledTimes(3);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `Could not update the fleet row of ${ref('a')}`,
        ),
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Could not update readiness in the fleet table',
        ),
      );
      // The index replacement is not a collection: its failure is the
      // indexing run's failure, as a failed index write is.
      jest
        .spyOn(fleet.projection as FleetWriter, 'replaceEntities')
        .mockRejectedValue(new Error('database down'));
      await expect(
        fleet.projection.entitiesIndexed([entity('a')], THIS_WEEK),
      ).rejects.toThrow('database down');
    });
  });
});
