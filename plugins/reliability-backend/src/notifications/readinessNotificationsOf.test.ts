import {
  EntityReadiness,
  ReadinessItemResult,
  ScorecardResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { readinessNotificationsOf } from './readinessNotificationsOf';

const NOW = new Date('2026-05-01T00:00:00.000Z');
const inDays = (d: number) =>
  new Date(NOW.getTime() + d * 86_400_000).toISOString();

const item = (over: Partial<ReadinessItemResult>): ReadinessItemResult => ({
  id: 'runbook',
  title: 'Runbook',
  group: 'Operations',
  kind: 'attested',
  required: true,
  state: 'expiring',
  detail: '',
  ...over,
});

const readiness = (items: ReadinessItemResult[]): EntityReadiness => ({
  tier: 'tier-1',
  status: 'ready',
  missing: [],
  expiring: [],
  items,
  evaluatedAt: NOW.toISOString(),
});

const scorecard = (level: string | null): ScorecardResult => ({
  scorecardId: 'golden-path',
  title: 'Golden path',
  entityRef: 'component:default/x',
  level,
  levelTitle: level,
  nextLevel: null,
  nextLevelTitle: null,
  missingForNextLevel: ['ci-template'],
  score: 0.5,
  checks: [],
  evaluatedAt: NOW.toISOString(),
});

const notify = (
  items: ReadinessItemResult[],
  level: string | null = 'silver',
  before?: string | null,
) =>
  readinessNotificationsOf(
    {
      entityRef: 'component:default/x',
      title: 'X',
      ownerRef: 'group:default/team-a',
      readiness: readiness(items),
      scorecards: [scorecard(level)],
      previousLevels:
        before === undefined ? new Map() : new Map([['golden-path', before]]),
    },
    {
      now: NOW,
      expiringDays: 14,
      levelsOf: () => ['bronze', 'silver', 'gold'],
    },
  ).map(n => [n.topic, n.title, n.key, n.severity]);

describe('readinessNotificationsOf', () => {
  it.each([
    [
      'expires in 2 days: high',
      item({ expiresAt: inDays(2) }),
      [
        [
          'reliability-readiness-expiring',
          'X: "Runbook" expires in 2 days',
          `readiness-expiring:component:default/x:runbook:${inDays(2)}`,
          'high',
        ],
      ],
    ],
    [
      'expires in 14 days: normal',
      item({ expiresAt: inDays(14) }),
      [
        [
          'reliability-readiness-expiring',
          'X: "Runbook" expires in 14 days',
          `readiness-expiring:component:default/x:runbook:${inDays(14)}`,
          'normal',
        ],
      ],
    ],
    ['expires in 15 days: nothing yet', item({ expiresAt: inDays(15) }), []],
    ['already expired: nothing', item({ expiresAt: inDays(-1) }), []],
    [
      'not required: nothing',
      item({ expiresAt: inDays(2), required: false }),
      [],
    ],
    ['never expires: nothing', item({}), []],
  ])('%s', (_name, it_, expected) => {
    expect(notify([it_])).toEqual(expected);
  });

  it.each([
    ['gold → silver: lost', 'silver', 'gold', 1],
    ['silver → none: lost', null, 'silver', 1],
    ['bronze → silver: gained', 'silver', 'bronze', 0],
    ['silver → silver: same', 'silver', 'silver', 0],
    ['none before: nothing to lose', 'bronze', null, 0],
    ['first evaluation: nothing known', 'bronze', undefined, 0],
  ] as const)('scorecard level %s', (_name, level, before, count) => {
    expect(
      notify([], level, before).map(([topic, title]) => [topic, title]),
    ).toEqual(
      count
        ? [
            [
              'reliability-scorecard-level-lost',
              `X: Golden path level ${before} lost`,
            ],
          ]
        : [],
    );
  });
});
