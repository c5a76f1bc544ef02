import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  BackfillEntity,
  BackfillSloPoint,
  backfillWeeklyRows,
  backfillWeeks,
} from './fleetHistoryBackfill';
import {
  NOW,
  createFleet,
  databases,
  entity,
  ref,
} from './__testUtils__/fleetFixtures';

jest.setTimeout(120_000);

const A: BackfillEntity = {
  entityRef: 'component:default/a',
  ownerRef: 'group:default/team-a',
  systemRef: null,
  tier: 'tier-1',
  paged: true,
};
const point = (
  day: string,
  status: BackfillSloPoint['status'],
  budgetRemaining: number | null,
  sloId = 'availability',
): BackfillSloPoint => ({
  entityRef: A.entityRef,
  sloId,
  day,
  status,
  budgetRemaining,
});
const page = (createdAt: string, urgency: 'high' | 'low' = 'high') => ({
  entityRef: A.entityRef,
  createdAt,
  urgency,
});

describe('backfillWeeks', () => {
  it('gives the 12 Mondays before the week of now, oldest first', () => {
    const weeks = backfillWeeks(NOW);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toBe('2026-08-31');
    expect(weeks[11]).toBe('2026-11-16');
  });
});

describe('backfillWeeklyRows', () => {
  const weeks = ['2026-11-02', '2026-11-09'];
  it.each<{
    name: string;
    sloPoints: BackfillSloPoint[];
    incidents: Array<ReturnType<typeof page>>;
    entity?: Partial<BackfillEntity>;
    expected: Array<Record<string, unknown>>;
  }>([
    {
      name: 'no history: no rows',
      sloPoints: [],
      incidents: [],
      entity: { paged: false },
      expected: [],
    },
    {
      name: 'the last point of the week per SLO; breached when any point was',
      sloPoints: [
        point('2026-11-03', 'breaching', -0.2),
        point('2026-11-08', 'healthy', 0.4),
        point('2026-11-05', 'at-risk', 0.1, 'latency'),
      ],
      incidents: [],
      entity: { paged: false },
      expected: [
        {
          week: '2026-11-02',
          sloStatus: 'at-risk',
          sloCount: 2,
          worstBudgetRemaining: 0.1,
          breached: true,
          pagesPerWeek: null,
        },
      ],
    },
    {
      name: 'no-data points carry no figures',
      sloPoints: [
        point('2026-11-03', 'no-data', null),
        point('2026-11-10', 'healthy', 0.9),
      ],
      incidents: [],
      entity: { paged: false },
      expected: [
        {
          week: '2026-11-09',
          sloStatus: 'healthy',
          sloCount: 1,
          breached: false,
        },
      ],
    },
    {
      name: 'pages: high-urgency incidents of the week, from the first stored one',
      sloPoints: [],
      incidents: [
        page('2026-11-10T03:00:00.000Z'),
        page('2026-11-11T03:00:00.000Z'),
        page('2026-11-12T03:00:00.000Z', 'low'),
      ],
      expected: [
        {
          week: '2026-11-09',
          sloStatus: 'no-slo',
          sloCount: 0,
          worstBudgetRemaining: null,
          pagesPerWeek: 2,
        },
      ],
    },
    {
      name: 'a paged entity without pages in a covered week has 0',
      sloPoints: [],
      incidents: [page('2026-11-02T00:00:00.000Z', 'low')],
      expected: [
        { week: '2026-11-02', pagesPerWeek: 0 },
        { week: '2026-11-09', pagesPerWeek: 0 },
      ],
    },
  ])('$name', ({ sloPoints, incidents, entity: over, expected }) => {
    const rows = backfillWeeklyRows({
      weeks,
      entities: [{ ...A, ...over }],
      sloPoints,
      incidents,
      pagingSince: incidents[0]?.createdAt ?? null,
    });
    expect(rows).toEqual(
      expected.map(e =>
        expect.objectContaining({
          entityRef: A.entityRef,
          ownerRef: 'group:default/team-a',
          tier: 'tier-1',
          ...e,
        }),
      ),
    );
  });
});

const incident = (id: string, createdAt: string): Incident => ({
  id,
  source: 'demo',
  title: 'Error rate',
  urgency: 'high',
  status: 'resolved',
  createdAt,
  resolvedAt: createdAt,
});

describe.each(databases.eachSupportedId())(
  'fleet history backfill on %s',
  databaseId => {
    it('rebuilds the weeks before the install from SLO history and incidents, never touching live rows', async () => {
      const { fleet, store, knex } = await createFleet(databaseId);
      await fleet.replaceEntities(
        [entity('a', { tier: 'tier-1' }), entity('b', { tier: 'tier-2' })],
        NOW.toISOString(),
      );
      await fleet.updateAlertQuality(ref('a'), {
        pagesPerWeek: 1,
        mttaMs: null,
        mttrMs: null,
        noiseRatio: null,
        runbookCoverage: null,
      });
      // a: SLO history from 2026-10-28 (a Wednesday) on, breaching on 11-04
      const days = Array.from({ length: 25 }, (_, i) =>
        new Date(Date.UTC(2026, 9, 28 + i)).toISOString().slice(0, 10),
      );
      await store.upsertSloHistory(
        ref('a'),
        'availability',
        days.map(day => ({
          at: `${day}T12:00:00.000Z`,
          objective: 0.999,
          sli: 0.9995,
          budgetRemaining: day === '2026-11-04' ? -0.1 : 0.5,
          status: day === '2026-11-04' ? 'breaching' : 'healthy',
        })),
      );
      // two pages in the week of 2026-11-09, the first stored on 11-03
      await store.upsertIncidents(
        ref('a'),
        [
          incident('p1', '2026-11-03T01:00:00.000Z'),
          incident('p2', '2026-11-10T01:00:00.000Z'),
          incident('p3', '2026-11-11T01:00:00.000Z'),
        ],
        NOW.toISOString(),
      );
      // a live row of last week, kept by the collectors
      await fleet.updateSlo(
        ref('b'),
        { sloStatus: 'healthy', sloCount: 1, worstBudgetRemaining: 0.9 },
        '2026-11-18T00:00:00.000Z',
      );
      const liveBefore = await knex('reliability_fleet_weekly')
        .where({ week: '2026-11-16', entity_ref: ref('b') })
        .first();

      expect(await fleet.backfillHistory(NOW)).toBe(4);
      // again: the same rows, replaced
      expect(await fleet.backfillHistory(NOW)).toBe(4);

      const rows = await knex('reliability_fleet_weekly')
        .select(
          'week',
          'entity_ref',
          'tier',
          'slo_status',
          'breached',
          'pages_per_week',
          'backfilled',
        )
        .orderBy(['week', 'entity_ref']);
      expect(
        rows.map(r => [
          r.week,
          r.entity_ref,
          r.tier,
          r.slo_status,
          Boolean(r.breached),
          r.pages_per_week === null ? null : Number(r.pages_per_week),
          Boolean(r.backfilled),
        ]),
      ).toEqual([
        ['2026-10-26', ref('a'), 'tier-1', 'healthy', false, null, true],
        ['2026-11-02', ref('a'), 'tier-1', 'healthy', true, 1, true],
        ['2026-11-09', ref('a'), 'tier-1', 'healthy', false, 2, true],
        ['2026-11-16', ref('a'), 'tier-1', 'healthy', false, 0, true],
        // the live row of b is the collectors' own
        ['2026-11-16', ref('b'), 'tier-2', 'healthy', false, null, false],
        ['2026-11-23', ref('a'), 'tier-1', 'no-slo', false, 1, false],
        ['2026-11-23', ref('b'), 'tier-2', 'no-slo', false, null, false],
      ]);
      expect(
        await knex('reliability_fleet_weekly')
          .where({ week: '2026-11-16', entity_ref: ref('b') })
          .first(),
      ).toEqual(liveBefore);

      // the trend starts where the history starts
      const trend = await fleet.trends({ fromWeek: '2026-08-31' });
      expect(trend.map(p => [p.week, p.tier, p.entities])).toEqual([
        ['2026-10-26', 'tier-1', 1],
        ['2026-11-02', 'tier-1', 1],
        ['2026-11-09', 'tier-1', 1],
        ['2026-11-16', 'tier-1', 1],
        ['2026-11-16', 'tier-2', 1],
        ['2026-11-23', 'tier-1', 1],
        ['2026-11-23', 'tier-2', 1],
      ]);
    });

    it('runs once per source through the projection, and a live update makes a backfilled row live', async () => {
      const { fleet, store, knex } = await createFleet(databaseId);
      await fleet.replaceEntities([entity('a')], NOW.toISOString());
      await store.upsertSloHistory(ref('a'), 'availability', [
        {
          at: '2026-11-17T12:00:00.000Z',
          objective: 0.99,
          sli: 0.995,
          budgetRemaining: 0.5,
          status: 'healthy',
        },
      ]);
      await fleet.projection.historyStored!('slo', NOW.toISOString());
      const count = async () =>
        Number(
          (
            await knex('reliability_fleet_weekly')
              .where('backfilled', true)
              .count({ n: '*' })
          )[0].n,
        );
      expect(await count()).toBe(1);
      await knex('reliability_fleet_weekly').where('backfilled', true).delete();
      // the same source again in this process: nothing is rebuilt
      await fleet.projection.historyStored!('slo', NOW.toISOString());
      expect(await count()).toBe(0);
      // another source: rebuilt
      await fleet.projection.historyStored!('incidents', NOW.toISOString());
      expect(await count()).toBe(1);
      // the collectors update that week: the row is theirs from now on
      await fleet.updateSlo(
        ref('a'),
        { sloStatus: 'at-risk', sloCount: 1, worstBudgetRemaining: 0.1 },
        '2026-11-20T00:00:00.000Z',
      );
      expect(await count()).toBe(0);
      expect(await fleet.backfillHistory(NOW)).toBe(0);
    });
  },
);
