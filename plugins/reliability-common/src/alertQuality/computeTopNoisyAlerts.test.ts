import { computeTopNoisyAlerts } from './computeTopNoisyAlerts';
import { Incident } from './types';
import { HOUR, T0, minutes, timedIncident } from './__testUtils__/incidents';

function incident(
  id: string,
  hours: number,
  over: Partial<Incident> & {
    ackMin?: number | null;
    resolveMin?: number | null;
  },
): Incident {
  const { ackMin = 1, resolveMin = 30, ...rest } = over;
  return timedIncident(
    id,
    T0 + hours * HOUR,
    minutes(ackMin),
    minutes(resolveMin),
    { source: 'pagerduty', status: 'resolved', ...rest },
  );
}

const incidents: Incident[] = [
  // "disk": 3 flapping pages + 1 auto-resolved low-urgency incident
  incident('d1', 0, { alertKey: 'disk', title: 'Disk 91% full' }),
  incident('d2', 1, { alertKey: 'disk', title: 'Disk 93% full' }),
  incident('d3', 2, { alertKey: 'disk', title: 'Disk 95% full' }),
  incident('d4', 100, {
    alertKey: 'disk',
    title: 'Disk 90% full',
    urgency: 'low',
    ackMin: null,
    resolveMin: 1,
  }),
  // no key, title "cpu high": 2 pages far apart, acknowledged
  incident('c1', 10, { title: 'cpu high' }),
  incident('c2', 50, { alertKey: null, title: 'cpu high' }),
  // "api": 2 auto-resolved low-urgency incidents
  incident('a1', 20, {
    alertKey: 'api',
    urgency: 'low',
    ackMin: null,
    resolveMin: 2,
  }),
  incident('a2', 60, {
    alertKey: 'api',
    urgency: 'low',
    ackMin: null,
    resolveMin: 5,
  }),
  // "zzz": 1 page
  incident('z1', 30, { alertKey: 'zzz' }),
];

describe('computeTopNoisyAlerts', () => {
  it('groups by key or title, sorts by count then key, shares of all 6 pages', () => {
    expect(computeTopNoisyAlerts(incidents)).toEqual([
      {
        key: 'disk',
        keyType: 'alertKey',
        title: 'Disk 90% full',
        incidents: 4,
        pages: 3,
        noiseCandidates: 4,
        shareOfPages: 3 / 6,
      },
      {
        key: 'api',
        keyType: 'alertKey',
        title: 'a2',
        incidents: 2,
        pages: 0,
        noiseCandidates: 2,
        shareOfPages: 0,
      },
      {
        key: 'cpu high',
        keyType: 'title',
        title: 'cpu high',
        incidents: 2,
        pages: 2,
        noiseCandidates: 0,
        shareOfPages: 2 / 6,
      },
      {
        key: 'zzz',
        keyType: 'alertKey',
        title: 'z1',
        incidents: 1,
        pages: 1,
        noiseCandidates: 0,
        shareOfPages: 1 / 6,
      },
    ]);
  });

  it.each([
    [undefined, 10, 'a01', 'a10'],
    [2, 2, 'a01', 'a02'],
    [0, 0, undefined, undefined],
  ])('limit %p returns %i alerts, %p to %p', (limit, length, first, last) => {
    const many = Array.from({ length: 12 }, (_, i) =>
      incident(`i${i}`, i, { alertKey: `a${String(12 - i).padStart(2, '0')}` }),
    );
    const result = computeTopNoisyAlerts(many, { limit });
    expect(result).toHaveLength(length);
    expect(result[0]?.key).toBe(first);
    expect(result.at(-1)?.key).toBe(last);
  });

  it('share of pages is null when there are no pages', () => {
    expect(
      computeTopNoisyAlerts([
        incident('l1', 0, { alertKey: 'k', urgency: 'low' }),
      ]),
    ).toEqual([
      {
        key: 'k',
        keyType: 'alertKey',
        title: 'l1',
        incidents: 1,
        pages: 0,
        noiseCandidates: 0,
        shareOfPages: null,
      },
    ]);
  });

  it('no incidents: no alerts', () => {
    expect(computeTopNoisyAlerts([])).toEqual([]);
  });
});
