import { ReadinessRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import { evaluateScorecard } from './evaluateScorecard';
import { ENTITY, readinessRecord } from './__testUtils__/readinessRecord';
import { CheckDefinition, CheckFacts, ScorecardDefinition } from './types';

const NOW = new Date('2026-03-01T00:00:00.000Z');

function check(
  id: string,
  extra: Partial<CheckDefinition> = {},
): CheckDefinition {
  return {
    id,
    title: `Check ${id}`,
    rule: { fact: `x.${id}`, equals: true },
    pushed: false,
    maxAgeDays: 30,
    ...extra,
  };
}

const checks: Record<string, CheckDefinition> = {
  a: check('a', { description: 'A check', howToFix: 'Do **a**.' }),
  b: check('b'),
  c: check('c'),
  d: check('d'),
  ci: check('ci', {
    pushed: true,
    rule: { fact: 'push.ci.passed', equals: true },
  }),
};

const scorecard: ScorecardDefinition = {
  id: 'golden-path',
  title: 'Golden path',
  filter: { kind: ['component'] },
  levels: [
    {
      id: 'bronze',
      title: 'Bronze',
      checks: [
        { check: 'a', weight: 1 },
        { check: 'b', weight: 2 },
      ],
    },
    {
      id: 'silver',
      title: 'Silver',
      checks: [
        { check: 'c', weight: 1 },
        { check: 'ci', weight: 1 },
      ],
    },
    { id: 'gold', title: 'Gold', checks: [{ check: 'd', weight: 4 }] },
  ],
};

function passing(...ids: string[]): CheckFacts {
  const facts: CheckFacts = {};
  for (const id of ids) {
    facts[id === 'ci' ? 'push.ci.passed' : `x.${id}`] = true;
  }
  return facts;
}

/** An exemption of ENTITY from the golden-path check `checkId`. */
const exemption = (checkId: string, overrides: Partial<ReadinessRecord> = {}) =>
  readinessRecord(
    'exemption',
    { kind: 'scorecard-check', scorecardId: 'golden-path', checkId },
    {
      createdAt: '2026-02-01T00:00:00.000Z',
      reason: 'legacy build',
      expiresAt: '2026-06-01T00:00:00.000Z',
      ...overrides,
    },
  );

describe('evaluateScorecard', () => {
  it.each<
    [
      string,
      CheckFacts,
      ReadinessRecord[],
      string | null,
      string | null,
      string[],
      number,
    ]
  >([
    // name, facts, records, level, next level, missing for next level, score
    ['nothing passes', {}, [], null, 'bronze', ['a', 'b'], 0],
    ['bronze', passing('a', 'b'), [], 'bronze', 'silver', ['c', 'ci'], 3 / 9],
    [
      'silver',
      passing('a', 'b', 'c', 'ci'),
      [],
      'silver',
      'gold',
      ['d'],
      5 / 9,
    ],
    ['gold', passing('a', 'b', 'c', 'ci', 'd'), [], 'gold', null, [], 1],
    [
      'higher levels do not count without bronze',
      passing('b', 'c', 'ci', 'd'),
      [],
      null,
      'bronze',
      ['a'],
      8 / 9,
    ],
    [
      'gold does not count without silver',
      passing('a', 'b', 'ci', 'd'),
      [],
      'bronze',
      'silver',
      ['c'],
      8 / 9,
    ],
    ['part of bronze', passing('b'), [], null, 'bronze', ['a'], 2 / 9],
    [
      'exempt counts as passing',
      passing('b', 'c', 'ci'),
      [exemption('a')],
      'silver',
      'gold',
      ['d'],
      5 / 9,
    ],
    [
      'exemption of a pushed check',
      passing('a', 'b', 'c'),
      [exemption('ci')],
      'silver',
      'gold',
      ['d'],
      5 / 9,
    ],
    [
      'revoked exemption',
      passing('b'),
      [exemption('a', { revokedAt: '2026-02-10T00:00:00.000Z' })],
      null,
      'bronze',
      ['a'],
      2 / 9,
    ],
    [
      'expired exemption',
      passing('b'),
      [exemption('a', { expiresAt: '2026-02-15T00:00:00.000Z' })],
      null,
      'bronze',
      ['a'],
      2 / 9,
    ],
    [
      'exemption expiring exactly now',
      passing('b'),
      [exemption('a', { expiresAt: NOW.toISOString() })],
      null,
      'bronze',
      ['a'],
      2 / 9,
    ],
    [
      'exemption of another entity',
      passing('b'),
      [exemption('a', { entityRef: 'component:default/cart' })],
      null,
      'bronze',
      ['a'],
      2 / 9,
    ],
    [
      'exemption with differently cased ref',
      passing('b'),
      [exemption('a', { entityRef: 'Component:default/Checkout' })],
      'bronze',
      'silver',
      ['c', 'ci'],
      3 / 9,
    ],
    [
      'exemption of another scorecard',
      passing('b'),
      [
        exemption('a', {
          target: {
            kind: 'scorecard-check',
            scorecardId: 'other',
            checkId: 'a',
          },
        }),
      ],
      null,
      'bronze',
      ['a'],
      2 / 9,
    ],
    [
      'exemption of a readiness item',
      passing('b'),
      [exemption('a', { target: { kind: 'readiness', itemId: 'a' } })],
      null,
      'bronze',
      ['a'],
      2 / 9,
    ],
    [
      'an attestation is no exemption',
      passing('b'),
      [exemption('a', { type: 'attestation' })],
      null,
      'bronze',
      ['a'],
      2 / 9,
    ],
    [
      'exemption of another check',
      passing('b'),
      [exemption('c')],
      null,
      'bronze',
      ['a'],
      3 / 9,
    ],
  ])('%s', (_name, facts, records, level, nextLevel, missing, score) => {
    const result = evaluateScorecard({
      scorecard,
      checks,
      entityRef: ENTITY,
      facts,
      records,
      now: NOW,
    });
    expect(result.level).toBe(level);
    expect(result.nextLevel).toBe(nextLevel);
    expect(result.missingForNextLevel).toEqual(missing);
    expect(result.score).toBeCloseTo(score, 12);
  });

  it('reports every check, in level order', () => {
    const result = evaluateScorecard({
      scorecard,
      checks,
      entityRef: ENTITY,
      facts: passing('b', 'ci'),
      records: [exemption('a'), exemption('b')],
      pushedAt: {
        ci: '2026-02-28T12:00:00.000Z',
        a: '2026-02-28T12:00:00.000Z',
      },
      now: NOW,
    });
    expect(result).toEqual({
      scorecardId: 'golden-path',
      title: 'Golden path',
      entityRef: ENTITY,
      level: 'bronze',
      levelTitle: 'Bronze',
      nextLevel: 'silver',
      nextLevelTitle: 'Silver',
      missingForNextLevel: ['c'],
      score: 4 / 9,
      evaluatedAt: '2026-03-01T00:00:00.000Z',
      checks: [
        {
          checkId: 'a',
          title: 'Check a',
          description: 'A check',
          howToFix: 'Do **a**.',
          level: 'bronze',
          weight: 1,
          state: 'exempt',
          detail:
            'Exempted by user:default/jane on 2026-02-01 until 2026-06-01: legacy build (x.a is missing, needs true)',
          pushed: false,
          exemption: expect.objectContaining({
            target: {
              kind: 'scorecard-check',
              scorecardId: 'golden-path',
              checkId: 'a',
            },
          }),
        },
        {
          checkId: 'b',
          title: 'Check b',
          level: 'bronze',
          weight: 2,
          state: 'passed',
          detail: 'x.b is true',
          pushed: false,
        },
        {
          checkId: 'c',
          title: 'Check c',
          level: 'silver',
          weight: 1,
          state: 'failed',
          detail: 'x.c is missing, needs true',
          pushed: false,
        },
        {
          checkId: 'ci',
          title: 'Check ci',
          level: 'silver',
          weight: 1,
          state: 'passed',
          detail: 'push.ci.passed is true',
          pushed: true,
          pushedAt: '2026-02-28T12:00:00.000Z',
        },
        {
          checkId: 'd',
          title: 'Check d',
          level: 'gold',
          weight: 4,
          state: 'failed',
          detail: 'x.d is missing, needs true',
          pushed: false,
        },
      ],
    });
  });

  it('uses the newest exemption', () => {
    const older = exemption('a', { createdAt: '2026-01-01T00:00:00.000Z' });
    const newer = exemption('a', {
      createdAt: '2026-02-20T00:00:00.000Z',
      reason: 'newer',
    });
    const result = evaluateScorecard({
      scorecard,
      checks,
      entityRef: ENTITY,
      facts: {},
      records: [newer, older],
      now: NOW,
    });
    expect(result.checks[0].exemption).toBe(newer);
  });

  it('fails a check that is not configured', () => {
    const result = evaluateScorecard({
      scorecard: {
        ...scorecard,
        levels: [
          { id: 'one', title: 'One', checks: [{ check: 'gone', weight: 1 }] },
        ],
      },
      checks,
      entityRef: ENTITY,
      facts: {},
      records: [],
      now: NOW,
    });
    expect(result.checks).toEqual([
      {
        checkId: 'gone',
        title: 'gone',
        level: 'one',
        weight: 1,
        state: 'failed',
        detail: 'Unknown check "gone"',
        pushed: false,
      },
    ]);
    expect(result.level).toBeNull();
  });

  it.each<
    [
      string,
      ScorecardDefinition['levels'],
      CheckFacts,
      number,
      string | null,
      string | null,
    ]
  >([
    // name, levels, facts, score, level, next level
    ['no levels', [], {}, 0, null, null],
    [
      'a level without checks is reached',
      [{ id: 'one', title: 'One', checks: [] }],
      {},
      0,
      'one',
      null,
    ],
    [
      'zero weights',
      [{ id: 'one', title: 'One', checks: [{ check: 'a', weight: 0 }] }],
      passing('a'),
      0,
      'one',
      null,
    ],
    [
      'NaN and negative weights count as zero',
      [
        {
          id: 'one',
          title: 'One',
          checks: [
            { check: 'a', weight: NaN },
            { check: 'b', weight: -3 },
            { check: 'c', weight: 2 },
          ],
        },
      ],
      passing('a', 'b'),
      0,
      null,
      'one',
    ],
    [
      'Infinity weight counts as zero',
      [
        {
          id: 'one',
          title: 'One',
          checks: [
            { check: 'a', weight: Infinity },
            { check: 'b', weight: 1 },
          ],
        },
      ],
      passing('b'),
      1,
      null,
      'one',
    ],
    [
      'fractional weights',
      [
        {
          id: 'one',
          title: 'One',
          checks: [
            { check: 'a', weight: 0.25 },
            { check: 'b', weight: 0.75 },
          ],
        },
      ],
      passing('b'),
      0.75,
      null,
      'one',
    ],
  ])('%s', (_name, levels, facts, score, level, nextLevel) => {
    const result = evaluateScorecard({
      scorecard: { ...scorecard, levels },
      checks,
      entityRef: ENTITY,
      facts,
      records: [],
      now: NOW,
    });
    expect(result.score).toBe(score);
    expect(Number.isNaN(result.score)).toBe(false);
    expect(result.level).toBe(level);
    expect(result.nextLevel).toBe(nextLevel);
  });
});
