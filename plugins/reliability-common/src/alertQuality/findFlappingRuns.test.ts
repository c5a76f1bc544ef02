import { findFlappingRuns } from './findFlappingRuns';
import { Incident } from './types';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00.000Z');

/** Incident `id` created `hours` after T0. `key` null means no alert key. */
function incident(
  id: string,
  hours: number,
  key: string | null,
  title = 'Some alert',
): Incident {
  return {
    id,
    source: 'alertmanager',
    title,
    alertKey: key,
    urgency: 'high',
    status: 'resolved',
    createdAt: new Date(Math.round(T0 + hours * HOUR)).toISOString(),
  };
}

/** Runs as "keyType:key=id,id,...". */
const summary = (incidents: Incident[], rule = {}) =>
  findFlappingRuns(incidents, rule).map(
    r => `${r.keyType}:${r.key}=${r.incidentIds.join(',')}`,
  );

describe('findFlappingRuns', () => {
  it.each<[string, Incident[], string[]]>([
    ['no incidents', [], []],
    [
      'two incidents are not enough',
      [incident('a', 0, 'k'), incident('b', 1, 'k')],
      [],
    ],
    [
      'three with the same key within 2h',
      [incident('a', 0, 'k'), incident('b', 1, 'k'), incident('c', 2, 'k')],
      ['alertKey:k=a,b,c'],
    ],
    [
      'exactly 24h from first to last is flapping (inclusive)',
      [incident('a', 0, 'k'), incident('b', 12, 'k'), incident('c', 24, 'k')],
      ['alertKey:k=a,b,c'],
    ],
    [
      '24h + 1ms is not flapping',
      [
        incident('a', 0, 'k'),
        incident('b', 12, 'k'),
        incident('c', 24 + 1 / HOUR, 'k'),
      ],
      [],
    ],
    [
      'no key: grouped by title',
      [
        incident('a', 0, null, 'Disk full'),
        incident('b', 1, '', 'Disk full'),
        incident('c', 2, '  ', 'Disk full'),
      ],
      ['title:Disk full=a,b,c'],
    ],
    [
      'same title but different keys are different alerts',
      [
        incident('a', 0, 'k1', 'CPU high'),
        incident('b', 1, 'k2', 'CPU high'),
        incident('c', 2, 'k3', 'CPU high'),
      ],
      [],
    ],
    [
      'a key and a title with the same text are different alerts',
      [
        incident('a', 0, 'X'),
        incident('b', 1, 'X'),
        incident('c', 2, null, 'X'),
      ],
      [],
    ],
    [
      'input order does not matter',
      [incident('c', 2, 'k'), incident('a', 0, 'k'), incident('b', 1, 'k')],
      ['alertKey:k=a,b,c'],
    ],
    [
      'overlapping groups chain into one maximal run',
      [0, 10, 20, 30, 40].map((h, i) => incident(`i${i}`, h, 'k')),
      ['alertKey:k=i0,i1,i2,i3,i4'],
    ],
    [
      'sliding window: only the incidents of a 24h group are flapping',
      // 0..25 is 25h; 20..44 is 24h
      [
        incident('a', 0, 'k'),
        incident('b', 20, 'k'),
        incident('c', 25, 'k'),
        incident('d', 44, 'k'),
      ],
      ['alertKey:k=b,c,d'],
    ],
    [
      'groups that share no incident are separate runs',
      [0, 1, 2, 30, 31, 32].map((h, i) => incident(`i${i}`, h, 'k')),
      ['alertKey:k=i0,i1,i2', 'alertKey:k=i3,i4,i5'],
    ],
    [
      'a lone incident between two runs is in neither',
      [0, 1, 2, 50, 100, 101, 102].map((h, i) => incident(`i${i}`, h, 'k')),
      ['alertKey:k=i0,i1,i2', 'alertKey:k=i4,i5,i6'],
    ],
    [
      'interleaved alerts are counted separately',
      [
        incident('a1', 0, 'a'),
        incident('b1', 1, 'b'),
        incident('a2', 2, 'a'),
        incident('b2', 3, 'b'),
        incident('a3', 4, 'a'),
      ],
      ['alertKey:a=a1,a2,a3'],
    ],
  ])('%s', (_, incidents, expected) => {
    expect(summary(incidents)).toEqual(expected);
  });

  it('reports the first and last creation time of a run', () => {
    expect(
      findFlappingRuns([
        incident('a', 0, 'k'),
        incident('b', 5, 'k'),
        incident('c', 9, 'k'),
      ]),
    ).toEqual([
      {
        key: 'k',
        keyType: 'alertKey',
        incidentIds: ['a', 'b', 'c'],
        firstCreatedAt: '2026-03-02T00:00:00.000Z',
        lastCreatedAt: '2026-03-02T09:00:00.000Z',
      },
    ]);
  });

  it.each([
    [{ minIncidents: 2, windowMs: HOUR }, ['alertKey:k=a,b']],
    [{ minIncidents: 4 }, []],
    [{ windowMs: 2 * HOUR }, []],
    [{ windowMs: 2.5 * HOUR }, ['alertKey:k=a,b,c']],
  ])('custom rule %j', (rule, expected) => {
    const incidents = [
      incident('a', 0, 'k'),
      incident('b', 0.5, 'k'),
      incident('c', 2.5, 'k'),
    ];
    expect(summary(incidents, rule)).toEqual(expected);
  });

  it.each([[{ minIncidents: 1 }], [{ windowMs: -1 }]])(
    'rejects rule %j',
    rule => {
      expect(() => findFlappingRuns([], rule)).toThrow(/Invalid flapping rule/);
    },
  );
});
