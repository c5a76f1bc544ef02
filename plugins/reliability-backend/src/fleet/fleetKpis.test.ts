import request from 'supertest';
import {
  databases,
  NOW,
  user,
  CONDITIONAL,
  appOf,
  ref,
  THIS_WEEK,
  handMade as handMadeOf,
} from './__testUtils__/fleetFixtures';

// GET /fleet/summary and /fleet/trends: the KPIs, exact per tier.

jest.setTimeout(120_000);

describe.each(databases.eachSupportedId())('fleet on %s', databaseId => {
  describe('a small hand-made fleet', () => {
    const handMade = () => handMadeOf(databaseId);

    it('gives the same exact per-tier KPIs from the database and in memory', async () => {
      const { fleet } = await handMade();
      await fleet.updateReadiness(
        [
          { entityRef: ref('a'), readiness: 'ready', goldenPathLevel: 'gold' },
          {
            entityRef: ref('b'),
            readiness: 'not-ready',
            goldenPathLevel: null,
          },
          {
            entityRef: ref('c'),
            readiness: 'exempt',
            goldenPathLevel: 'bronze',
          },
        ],
        THIS_WEEK,
      );
      const kpis = (over: Record<string, unknown>) => ({
        entities: 1,
        withSlos: 1,
        sloAttainmentRate: 0,
        burningAbovePolicy: 1,
        pagesPerWeek: null,
        pagesPerOnCallWeek: null,
        mttaMs: null,
        mttrMs: null,
        noiseRatio: null,
        runbookCoverage: null,
        readinessCoverage: null,
        goldenPathAdoption: null,
        ...over,
      });
      const expected = [
        kpis({
          key: 'tier-1',
          entities: 3,
          withSlos: 3,
          sloAttainmentRate: expect.closeTo(2 / 3, 10),
          pagesPerWeek: 5,
          mttaMs: 90000,
          mttrMs: 900000,
          noiseRatio: expect.closeTo(0.3, 10),
          runbookCoverage: 0.5,
          readinessCoverage: expect.closeTo(2 / 3, 10),
          goldenPathAdoption: expect.closeTo(2 / 3, 10),
        }),
        kpis({ key: 'tier-2' }),
        kpis({
          key: null,
          withSlos: 0,
          sloAttainmentRate: null,
          burningAbovePolicy: 0,
        }),
      ];
      const everyone = new Set(['a', 'b', 'c', 'd', 'e'].map(ref));
      for (const options of [
        {}, // ALLOW: aggregated by the database
        { read: CONDITIONAL, allowed: everyone }, // some: in memory
      ]) {
        const { app } = appOf(fleet, options);
        const res = await request(app)
          .get('/fleet/summary?groupBy=tier')
          .set('Authorization', user);
        expect(res.body.groups).toEqual(expected);
      }
    });

    it('answers the summary with exact KPIs per groupBy', async () => {
      const { fleet } = await handMade();
      const { app } = appOf(fleet);
      const tier = await request(app)
        .get('/fleet/summary?groupBy=tier')
        .set('Authorization', user);
      expect(tier.status).toBe(200);
      expect(tier.body).toEqual({
        groupBy: 'tier',
        computedAt: NOW.toISOString(),
        groups: [
          {
            key: 'tier-1',
            entities: 3,
            withSlos: 3,
            sloAttainmentRate: 2 / 3,
            burningAbovePolicy: 1,
            pagesPerWeek: 5,
            pagesPerOnCallWeek: null,
            mttaMs: 90000,
            mttrMs: 900000,
            noiseRatio: expect.closeTo(0.3, 10),
            runbookCoverage: 0.5,
            readinessCoverage: null,
            goldenPathAdoption: null,
          },
          {
            key: 'tier-2',
            entities: 1,
            withSlos: 1,
            sloAttainmentRate: 0,
            burningAbovePolicy: 1,
            pagesPerWeek: null,
            pagesPerOnCallWeek: null,
            mttaMs: null,
            mttrMs: null,
            noiseRatio: null,
            runbookCoverage: null,
            readinessCoverage: null,
            goldenPathAdoption: null,
          },
          {
            key: null,
            entities: 1,
            withSlos: 0,
            sloAttainmentRate: null,
            burningAbovePolicy: 0,
            pagesPerWeek: null,
            pagesPerOnCallWeek: null,
            mttaMs: null,
            mttrMs: null,
            noiseRatio: null,
            runbookCoverage: null,
            readinessCoverage: null,
            goldenPathAdoption: null,
          },
        ],
      });
      const owner = await request(app)
        .get('/fleet/summary?groupBy=owner')
        .set('Authorization', user);
      expect(
        owner.body.groups.map((g: Record<string, unknown>) => [
          g.key,
          g.entities,
          g.withSlos,
          g.sloAttainmentRate,
          g.burningAbovePolicy,
          g.pagesPerWeek,
        ]),
      ).toEqual([
        ['group:default/team-a', 3, 2, 1, 0, 7],
        ['group:default/team-b', 2, 2, 0, 2, 1],
      ]);
      const system = await request(app)
        .get('/fleet/summary?groupBy=system')
        .set('Authorization', user);
      expect(
        system.body.groups.map((g: Record<string, unknown>) => [
          g.key,
          g.entities,
          g.runbookCoverage,
        ]),
      ).toEqual([
        ['system:default/shop', 4, 0.5],
        [null, 1, null],
      ]);
      for (const bad of ['groupBy=team', 'groupBy=tier&x=1']) {
        const res = await request(app)
          .get(`/fleet/summary?${bad}`)
          .set('Authorization', user);
        expect(res.status).toBe(400);
      }
    });

    it('answers the trends per week and tier', async () => {
      const { fleet } = await handMade();
      const { app } = appOf(fleet);
      const res = await request(app)
        .get('/fleet/trends?weeks=2&tier=tier-1')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        {
          week: '2026-11-16',
          tier: 'tier-1',
          entities: 3,
          sloAttainmentRate: 2 / 3,
          breaching: 1,
          pagesPerWeek: null,
        },
        {
          week: '2026-11-23',
          tier: 'tier-1',
          entities: 3,
          sloAttainmentRate: 2 / 3,
          breaching: 1,
          pagesPerWeek: 5,
        },
      ]);
      const one = await request(app)
        .get('/fleet/trends?weeks=1')
        .set('Authorization', user);
      expect(
        one.body.map((p: Record<string, unknown>) => [p.week, p.tier]),
      ).toEqual([
        ['2026-11-23', 'tier-1'],
        ['2026-11-23', 'tier-2'],
        ['2026-11-23', null],
      ]);
      const bad = await request(app)
        .get('/fleet/trends?weeks=0')
        .set('Authorization', user);
      expect(bad.status).toBe(400);
    });
  });
});
