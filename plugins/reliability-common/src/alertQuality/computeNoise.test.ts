import { computeNoise } from './computeNoise';
import { Incident } from './types';
import { HOUR, MIN, T0, timedIncident } from './__testUtils__/incidents';

/**
 * Incident created `hours` after T0, acknowledged / resolved `ackMs` /
 * `resolveMs` after creation (null: never / still open).
 */
function incident(
  id: string,
  hours: number,
  ackMs: number | null,
  resolveMs: number | null,
  extra: Partial<Incident> = {},
): Incident {
  return timedIncident(id, T0 + hours * HOUR, ackMs, resolveMs, {
    source: 'pagerduty',
    title: `alert ${id}`,
    alertKey: id,
    ...extra,
  });
}

const empty = {
  incidents: 0,
  noiseCandidates: 0,
  noiseRatio: null,
  autoResolved: 0,
  neverAcknowledged: 0,
  flappingRuns: 0,
  flappingIncidents: 0,
  autoResolveThresholdMs: 5 * MIN,
};

describe('computeNoise', () => {
  it.each<{
    name: string;
    incidents: Incident[];
    options?: object;
    expected: object;
  }>([
    { name: 'no incidents: ratio null', incidents: [], expected: empty },
    {
      name: 'auto-resolved (<= 5 min, never acked) and never acknowledged',
      incidents: [
        incident('n1', 0, null, 5 * MIN), // auto-resolved: exactly 5 min
        incident('n2', 1, null, 5 * MIN + 1), // 5 min + 1 ms: not auto-resolved
        incident('n3', 2, 1 * MIN, 2 * MIN), // acked: not noise
        incident('n4', 3, null, null), // never acked, open
        incident('n5', 4, null, -MIN), // resolved before created: bad data, not auto-resolved
        incident('n6', 5, null, MIN, { urgency: 'low' }), // low urgency counts too
      ],
      expected: {
        ...empty,
        incidents: 6,
        noiseCandidates: 2,
        noiseRatio: 2 / 6,
        autoResolved: 2,
        neverAcknowledged: 5,
      },
    },
    {
      name: 'flapping and auto-resolved incidents are counted once',
      incidents: [
        incident('f1', 0, null, MIN, { alertKey: 'flap' }), // auto-resolved and flapping
        incident('f2', 1, MIN, 10 * MIN, { alertKey: 'flap' }),
        incident('f3', 2, MIN, 10 * MIN, { alertKey: 'flap' }),
        incident('q', 3, MIN, 10 * MIN),
      ],
      expected: {
        ...empty,
        incidents: 4,
        noiseCandidates: 3,
        noiseRatio: 0.75,
        autoResolved: 1,
        neverAcknowledged: 1,
        flappingRuns: 1,
        flappingIncidents: 3,
      },
    },
    {
      name: 'flapping by title, two runs',
      incidents: [
        ...[0, 1, 2].map(h =>
          incident(`a${h}`, h, MIN, HOUR, {
            alertKey: null,
            title: 'Disk full',
          }),
        ),
        ...[50, 51, 52].map(h =>
          incident(`b${h}`, h, MIN, HOUR, {
            alertKey: null,
            title: 'Disk full',
          }),
        ),
        incident('other', 3, MIN, HOUR),
        incident('other2', 4, MIN, HOUR),
      ],
      expected: {
        ...empty,
        incidents: 8,
        noiseCandidates: 6,
        noiseRatio: 0.75,
        flappingRuns: 2,
        flappingIncidents: 6,
      },
    },
    {
      name: 'custom threshold 10 min',
      incidents: [incident('n2', 0, null, 5 * MIN + 1)],
      options: { autoResolveThresholdMs: 10 * MIN },
      expected: {
        ...empty,
        incidents: 1,
        noiseCandidates: 1,
        noiseRatio: 1,
        autoResolved: 1,
        neverAcknowledged: 1,
        autoResolveThresholdMs: 10 * MIN,
      },
    },
    {
      name: 'threshold 0: only resolved at the same instant',
      incidents: [incident('z', 0, null, 0), incident('y', 1, null, 1)],
      options: { autoResolveThresholdMs: 0 },
      expected: {
        ...empty,
        incidents: 2,
        noiseCandidates: 1,
        noiseRatio: 0.5,
        autoResolved: 1,
        neverAcknowledged: 2,
        autoResolveThresholdMs: 0,
      },
    },
  ])('$name', ({ incidents, options, expected }) => {
    expect(computeNoise(incidents, options)).toEqual(expected);
  });

  it.each([[-1], [NaN], [Infinity]])('rejects threshold %p', threshold => {
    expect(() =>
      computeNoise([], { autoResolveThresholdMs: threshold }),
    ).toThrow(/Invalid autoResolveThresholdMs/);
  });
});
