import { computeResponseTimes } from './computeResponseTimes';
import { Incident } from './types';
import {
  HOUR,
  MIN,
  T0,
  minutes,
  timedIncident,
} from './__testUtils__/incidents';

/** An incident created `hour` hours after T0; ack / resolve in minutes after creation. */
function incident(
  id: string,
  hour: number,
  ackMin: number | null,
  resolveMin: number | null,
  urgency: 'high' | 'low' = 'high',
): Incident {
  return timedIncident(
    id,
    T0 + hour * HOUR,
    minutes(ackMin),
    minutes(resolveMin),
    { urgency },
  );
}

const incidents: Incident[] = [
  incident('A', 0, 2, 30), // page: MTTA 2m, MTTR 30m
  incident('B', 1, 10, 60), // page: 10m, 60m
  incident('C', 2, null, null), // page, never acked, open: in neither
  incident('D', 3, null, 4), // page, never acked: MTTR 4m only
  incident('E', 4, 1, 5, 'low'), // low urgency: 1m, 5m
  incident('F', 5, -1, 20), // page acked before created: MTTA excluded, MTTR 20m
];

describe('computeResponseTimes', () => {
  it.each([
    {
      scope: undefined, // default: pages
      expected: {
        scope: 'pages',
        // MTTA over 2m, 10m (-1m excluded)
        mtta: {
          n: 2,
          medianMs: 6 * MIN,
          p90Ms: 10 * MIN,
          meanMs: 6 * MIN,
          dataQualityIssues: 1,
        },
        // MTTR over 4, 20, 30, 60 minutes; p90 rank ceil(3.6) = 4
        mttr: {
          n: 4,
          medianMs: 25 * MIN,
          p90Ms: 60 * MIN,
          meanMs: 28.5 * MIN,
          dataQualityIssues: 0,
        },
      },
    },
    {
      scope: 'all' as const,
      expected: {
        scope: 'all',
        // 1, 2, 10 minutes: mean 13/3 m = 260000 ms
        mtta: {
          n: 3,
          medianMs: 2 * MIN,
          p90Ms: 10 * MIN,
          meanMs: 260_000,
          dataQualityIssues: 1,
        },
        // 4, 5, 20, 30, 60 minutes: mean 119/5 m = 1428000 ms
        mttr: {
          n: 5,
          medianMs: 20 * MIN,
          p90Ms: 60 * MIN,
          meanMs: 1_428_000,
          dataQualityIssues: 0,
        },
      },
    },
  ])('scope $scope', ({ scope, expected }) => {
    expect(computeResponseTimes(incidents, { scope })).toEqual(expected);
  });

  it.each([
    ['never acknowledged, still open', [incident('C', 0, null, null)]],
    ['no incidents', []],
    ['only low urgency', [incident('E', 0, 1, 5, 'low')]],
  ])('%s: MTTA and MTTR are null, not 0', (_, input) => {
    const result = computeResponseTimes(input);
    expect(result.mtta).toEqual({
      n: 0,
      medianMs: null,
      p90Ms: null,
      meanMs: null,
      dataQualityIssues: 0,
    });
    expect(result.mttr).toEqual({
      n: 0,
      medianMs: null,
      p90Ms: null,
      meanMs: null,
      dataQualityIssues: 0,
    });
  });

  it('reads offsets and treats an unreadable acknowledgement as missing', () => {
    const result = computeResponseTimes([
      {
        ...incident('G', 0, null, null),
        createdAt: '2026-03-02T09:00:00+09:00', // 00:00Z
        firstAcknowledgedAt: '2026-03-02T00:03:00Z',
        resolvedAt: 'not a date',
      },
    ]);
    expect(result.mtta.medianMs).toBe(3 * MIN);
    expect(result.mttr.n).toBe(0);
  });
});
