import { ScorecardResult } from '@reliability-kit/backstage-plugin-reliability-common';
import { createTestStore } from '../__testUtils__/createTestStore';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import {
  demoClimbDaysAgo,
  demoScorecardHistory,
  seedDemoScorecardHistory,
} from './seedDemoScorecardHistory';

jest.setTimeout(120_000);

const databases = testDatabases();
const NOW = new Date('2026-11-26T12:00:00.000Z');
const SCORECARD = {
  id: 'golden-path',
  title: 'Golden path',
  filter: {},
  levels: [
    { id: 'bronze', title: 'Bronze', checks: [] },
    { id: 'silver', title: 'Silver', checks: [] },
  ],
};
const ref = (name: string) => `component:default/${name}`;

describe('demoScorecardHistory', () => {
  it.each([
    ['silver', 0.75, 'bronze', 0.5],
    ['bronze', 0.25, null, 0],
    [null, 0, null, 0],
  ])(
    'is at %s (%s) from the climb on, at %s (%s) before',
    (level, score, lowerLevel, lowerScore) => {
      const points = demoScorecardHistory({
        scorecard: SCORECARD,
        entityRef: ref('checkout'),
        level,
        score,
        today: '2026-11-26',
      });
      expect(points).toHaveLength(90);
      expect(points[0].day).toBe('2026-08-28');
      expect(points[89].day).toBe('2026-11-25');
      const climbed = demoClimbDaysAgo('golden-path', ref('checkout'));
      expect(climbed).toBeGreaterThanOrEqual(10);
      expect(climbed).toBeLessThan(80);
      const firstAt = points.length - climbed;
      expect(points[firstAt]).toEqual({
        day: points[firstAt].day,
        level,
        score,
      });
      expect(points[firstAt - 1]).toEqual({
        day: points[firstAt - 1].day,
        level: lowerLevel,
        score: level === null ? score : lowerScore,
      });
    },
  );

  it('climbs on a different day for different entities, the same every time', () => {
    const days = ['a', 'b', 'c', 'd', 'e'].map(n =>
      demoClimbDaysAgo('golden-path', ref(n)),
    );
    expect(new Set(days).size).toBeGreaterThan(1);
    expect(days).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map(n =>
        demoClimbDaysAgo('golden-path', ref(n)),
      ),
    );
  });
});

describe.each(databases.eachSupportedId())(
  'seedDemoScorecardHistory on %s',
  databaseId => {
    it('gives the trend 90 days plus today, keeping the days already stored', async () => {
      const { store } = await createTestStore(databases, databaseId, options =>
        DatabaseReadinessStore.create(options),
      );
      const result = (level: string, score: number) =>
        ({
          scorecardId: 'golden-path',
          level,
          score,
          checks: [],
          evaluatedAt: NOW.toISOString(),
        } as unknown as ScorecardResult);
      // today's evaluation, and a real point of yesterday
      await store.writeScorecardResults(
        'golden-path',
        [
          {
            entityRef: ref('a'),
            ownerRef: null,
            tier: 'tier-1',
            result: result('bronze', 0.5),
          },
        ],
        { day: '2026-11-25' },
      );
      await store.writeScorecardResults(
        'golden-path',
        ['a', 'b'].map(n => ({
          entityRef: ref(n),
          ownerRef: null,
          tier: 'tier-1',
          result: result('silver', 1),
        })),
        { day: '2026-11-26' },
      );

      const offered = await seedDemoScorecardHistory({
        readinessStore: store,
        scorecards: [SCORECARD],
        now: NOW,
      });
      expect(offered).toBe(180);
      // again: nothing changes
      await seedDemoScorecardHistory({
        readinessStore: store,
        scorecards: [SCORECARD],
        now: NOW,
      });

      const trend = await store.scorecardTrend('golden-path', {
        fromDay: '2026-08-01',
      });
      expect(trend).toHaveLength(91);
      expect(trend[0]).toMatchObject({ day: '2026-08-28', entities: 2 });
      expect(trend[90]).toMatchObject({ day: '2026-11-26', adoption: 1 });
      // the stored point of yesterday is kept
      const a = await store.readScorecardHistory(
        'golden-path',
        ref('a'),
        '2026-11-25',
      );
      expect(a[0]).toEqual({ day: '2026-11-25', level: 'bronze', score: 0.5 });
      // before its climb, b was a level lower
      const b = await store.readScorecardHistory(
        'golden-path',
        ref('b'),
        '2026-08-01',
      );
      expect(b[0]).toEqual({ day: '2026-08-28', level: 'bronze', score: 0.75 });
    });
  },
);
