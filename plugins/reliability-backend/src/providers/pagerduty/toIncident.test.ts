import { toIncident } from './toIncident';
import { PdAnalyticsIncident, PdIncident } from './types';

const base: PdIncident = {
  id: 'Q1',
  status: 'resolved',
  urgency: 'high',
  title: 'Checkout down',
  created_at: '2026-12-01T10:00:00Z',
  resolved_at: '2026-12-01T11:00:00Z',
};

describe('toIncident: priority and major flag', () => {
  it.each<
    [
      string,
      Partial<PdIncident>,
      Partial<PdAnalyticsIncident> | undefined,
      object,
    ]
  >([
    ['no priority', {}, undefined, {}],
    [
      'the priority name',
      { priority: { name: 'P1' } },
      undefined,
      { priority: 'P1' },
    ],
    [
      'the priority summary when it has no name',
      { priority: { summary: 'P2' } },
      undefined,
      { priority: 'P2' },
    ],
    [
      'the incident’s priority before the analytics one',
      { priority: { name: 'P1' } },
      { priority_name: 'P3' },
      { priority: 'P1' },
    ],
    ['the analytics priority', {}, { priority_name: 'P3' }, { priority: 'P3' }],
    ['the analytics major flag', {}, { major: true }, { major: true }],
    [
      'a major incident type',
      { incident_type: { name: 'major_incident' } },
      undefined,
      { major: true },
    ],
    [
      'another incident type',
      { incident_type: { name: 'base_incident' } },
      { major: false },
      {},
    ],
  ])('reads %s', (_name, pd, analytics, expected) => {
    const incident = toIncident(
      { ...base, ...pd },
      undefined,
      analytics as PdAnalyticsIncident | undefined,
    )!;
    expect({
      ...(incident.priority !== undefined
        ? { priority: incident.priority }
        : {}),
      ...(incident.major !== undefined ? { major: incident.major } : {}),
    }).toEqual(expected);
    expect(incident).toMatchObject({ id: 'Q1', status: 'resolved' });
  });
});
