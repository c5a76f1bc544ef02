import { Incident } from '../alertQuality/types';
import {
  assessActions,
  assessIncident,
  PostmortemPolicy,
} from './assessIncidents';
import {
  computeIncidentPeriodKpis,
  incidentPeriods,
  summarizeOverdueActions,
} from './incidentKpis';
import { Postmortem } from './types';

const policy: PostmortemPolicy = {
  requiredSeverities: ['SEV0', 'SEV1'],
  slaBusinessDays: 5,
  calendar: { timeZone: 'UTC', days: [1, 2, 3, 4, 5], holidays: [] },
};
// resolved Friday 2026-11-06 12:00: due at the end of Friday 2026-11-13
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'P1',
  source: 'pagerduty',
  title: 'Checkout down',
  urgency: 'high',
  status: 'resolved',
  createdAt: '2026-11-06T10:00:00Z',
  resolvedAt: '2026-11-06T12:00:00Z',
  ...over,
});
const pm = (over: Partial<Postmortem> = {}): Postmortem => ({
  id: 'postmortems/p1.md',
  source: 'file',
  title: 'Checkout outage',
  incidentIds: ['P1'],
  status: 'published',
  publishedAt: '2026-11-12',
  actions: [],
  ...over,
});
const NOW = '2026-12-01T00:00:00Z';

describe('assessIncident', () => {
  it.each<[string, Partial<Postmortem> | null, string, string, string | null]>([
    [
      'published before the deadline: on time',
      {},
      NOW,
      'on-time',
      '2026-11-14T00:00:00Z',
    ],
    [
      'published on the due date: on time',
      { publishedAt: '2026-11-13' },
      NOW,
      'on-time',
      '2026-11-14T00:00:00Z',
    ],
    [
      'published the day after: late',
      { publishedAt: '2026-11-16T09:00:00Z' },
      NOW,
      'late',
      '2026-11-14T00:00:00Z',
    ],
    [
      'a draft past the deadline: overdue',
      { status: 'draft', publishedAt: undefined },
      NOW,
      'overdue',
      '2026-11-14T00:00:00Z',
    ],
    [
      'in review before the deadline: pending',
      { status: 'in-review', publishedAt: undefined },
      '2026-11-10T00:00:00Z',
      'pending',
      '2026-11-14T00:00:00Z',
    ],
    [
      'missing past the deadline: overdue',
      null,
      NOW,
      'overdue',
      '2026-11-14T00:00:00Z',
    ],
    [
      'missing before the deadline: pending',
      null,
      '2026-11-13T23:59:59Z',
      'pending',
      '2026-11-14T00:00:00Z',
    ],
    [
      'published without a readable date past the deadline: late',
      { publishedAt: 'soon' },
      NOW,
      'late',
      '2026-11-14T00:00:00Z',
    ],
  ])('%s', (_name, over, now, state, dueAt) => {
    const record = assessIncident({
      entityRef: 'component:default/checkout',
      incident: incident(),
      severity: 'SEV1',
      postmortems: over === null ? [] : [pm(over)],
      policy,
      now,
    });
    expect(record.postmortem).toMatchObject({ state, dueAt });
    expect(record.postmortem!.status).toBe(
      over === null ? 'missing' : over.status ?? 'published',
    );
  });

  it('has no postmortem state for severities that need none, or no severity', () => {
    for (const severity of ['SEV2', null]) {
      expect(
        assessIncident({
          entityRef: 'e',
          incident: incident(),
          severity,
          postmortems: [],
          policy,
          now: NOW,
        }).postmortem,
      ).toBeNull();
    }
  });

  it('an open incident has no deadline yet', () => {
    const r = assessIncident({
      entityRef: 'e',
      incident: incident({ status: 'triggered', resolvedAt: null }),
      severity: 'SEV0',
      postmortems: [],
      policy,
      now: NOW,
    });
    expect(r.postmortem).toMatchObject({ state: 'pending', dueAt: null });
    expect(r.mttrMs).toBeNull();
  });

  it.each<
    [
      string,
      Partial<Incident>,
      string | null | undefined,
      number | null,
      string | null,
    ]
  >([
    [
      'the source’s own impact start',
      { impactStartedAt: '2026-11-06T09:45:00Z' },
      '2026-11-06T09:00:00Z',
      15 * 60_000,
      'source',
    ],
    ['the SLO breach start', {}, '2026-11-06T09:50:00Z', 10 * 60_000, 'slo'],
    ['neither: unknown, not zero', {}, null, null, null],
    [
      'an unreadable source field falls back to the SLO',
      { impactStartedAt: 'yesterday' },
      '2026-11-06T09:59:00Z',
      60_000,
      'slo',
    ],
  ])('MTTD: %s', (_name, over, slo, mttd, from) => {
    const r = assessIncident({
      entityRef: 'e',
      incident: incident(over),
      severity: 'SEV1',
      sloImpactStartedAt: slo,
      postmortems: [],
      policy,
      now: NOW,
    });
    expect(r.mttdMs).toBe(mttd);
    expect(r.impactStartFrom).toBe(from);
    expect(r.mttrMs).toBe(2 * 3600_000);
  });
});

describe('assessActions', () => {
  const postmortem = pm({
    actions: [
      { id: 'a1', title: 'Done on time', due: '2026-11-20', ticket: 'OPS-1' },
      {
        id: 'a2',
        title: 'Overdue',
        due: '2026-11-10',
        ticket: 'OPS-2',
        owner: 'team-a',
      },
      { id: 'a3', title: 'Without a ticket', due: '2026-11-30' },
      {
        id: 'a4',
        title: 'Unreadable ticket',
        due: '2026-12-30',
        ticket: 'OPS-4',
      },
      { id: 'a5', title: 'Closed late', due: '2026-11-15', ticket: 'OPS-5' },
    ],
  });
  const tickets = new Map([
    [
      'OPS-1',
      {
        ticket: 'OPS-1',
        state: 'done' as const,
        closedAt: '2026-11-19T10:00:00Z',
        url: 'https://x/OPS-1',
      },
    ],
    [
      'OPS-2',
      { ticket: 'OPS-2', state: 'open' as const, statusName: 'In Progress' },
    ],
    [
      'OPS-5',
      {
        ticket: 'OPS-5',
        state: 'done' as const,
        closedAt: '2026-11-17T10:00:00Z',
      },
    ],
  ]);
  const actions = assessActions({
    entityRef: 'e',
    postmortems: [postmortem],
    tickets,
    calendar: policy.calendar,
    stalledAfterDays: 14,
    now: NOW,
  });

  it.each<[string, string, number | null, boolean]>([
    ['a1', 'done', null, false],
    ['a2', 'open', 20, true],
    ['a3', 'no-ticket', 0, false],
    ['a4', 'unknown', null, false],
    ['a5', 'done', null, false],
  ])('%s is %s, overdue %p days, stalled %p', (id, state, overdue, stalled) => {
    const a = actions.find(x => x.id === id)!;
    expect(a.state).toBe(state);
    expect(a.overdueDays).toBe(overdue);
    expect(a.stalled).toBe(stalled);
  });

  it('summarizes the overdue ones', () => {
    expect(summarizeOverdueActions(actions)).toEqual({
      overdue: 2,
      oldestOverdueDays: 20,
      stalled: 1,
    });
  });

  it('counts actions closed on time in the period of their due date', () => {
    const { current } = incidentPeriods('month', NOW.replace('12-01', '11-15'));
    const kpis = computeIncidentPeriodKpis({
      period: current,
      incidents: [],
      actions,
      severities: ['SEV0'],
      requiredSeverities: ['SEV0'],
      now: NOW,
    });
    // due in November and past: a1 (on time), a2 (open), a5 (late)
    expect(kpis.actions).toEqual({ due: 3, closedOnTime: 1, share: 1 / 3 });
  });
});

describe('incidentPeriods', () => {
  it.each<['month' | 'quarter', string, string, string, string]>([
    ['month', '2026-12-07T10:00:00Z', '2026-12-01', '2027-01-01', '2026-11-01'],
    ['month', '2026-01-31T23:59:59Z', '2026-01-01', '2026-02-01', '2025-12-01'],
    [
      'quarter',
      '2026-12-07T10:00:00Z',
      '2026-10-01',
      '2027-01-01',
      '2026-07-01',
    ],
    [
      'quarter',
      '2026-02-01T00:00:00Z',
      '2026-01-01',
      '2026-04-01',
      '2025-10-01',
    ],
  ])('%s of %s', (kind, at, from, to, prev) => {
    const p = incidentPeriods(kind, at);
    expect(p.current.from.slice(0, 10)).toBe(from);
    expect(p.current.to.slice(0, 10)).toBe(to);
    expect(p.previous.from.slice(0, 10)).toBe(prev);
    expect(p.previous.to).toBe(p.current.from);
  });
});

describe('computeIncidentPeriodKpis', () => {
  const rec = (
    id: string,
    severity: string | null,
    createdAt: string,
    extra: object = {},
  ) => ({
    ...assessIncident({
      entityRef: 'e',
      incident: incident({
        id,
        createdAt,
        resolvedAt: createdAt.replace('T10', 'T12'),
      }),
      severity,
      postmortems: [pm({ incidentIds: ['a'] })],
      policy,
      now: NOW,
    }),
    ...extra,
  });
  const records = [
    rec('a', 'SEV0', '2026-11-06T10:00:00Z', { mttdMs: 60_000 }),
    rec('b', 'SEV1', '2026-11-06T10:00:00Z', { mttdMs: null }),
    rec('c', 'SEV1', '2026-11-09T10:00:00Z', { mttdMs: 180_000 }),
    rec('d', null, '2026-11-10T10:00:00Z'),
    rec('e', 'SEV0', '2026-10-10T10:00:00Z'),
    rec('f', 'SEV1', '2026-11-30T10:00:00Z'),
  ];
  const kpis = computeIncidentPeriodKpis({
    period: incidentPeriods('month', '2026-11-15T00:00:00Z').current,
    incidents: records,
    actions: [],
    severities: ['SEV0', 'SEV1', 'SEV2'],
    requiredSeverities: ['SEV0', 'SEV1'],
    now: NOW,
  });

  it('counts per severity, with "no severity" last', () => {
    expect(kpis.bySeverity.map(s => [s.severity, s.count])).toEqual([
      ['SEV0', 1],
      ['SEV1', 3],
      ['SEV2', 0],
      [null, 1],
    ]);
    expect(kpis.majorCount).toBe(4);
  });

  it('means MTTD over known values only and MTTR over resolved ones', () => {
    const sev1 = kpis.bySeverity[1];
    expect(sev1.mttdKnown).toBe(1);
    expect(sev1.mttdMs).toBe(180_000);
    expect(sev1.mttrMs).toBe(2 * 3600_000);
    expect(kpis.bySeverity[2]).toMatchObject({
      mttrMs: null,
      mttdMs: null,
      mttdKnown: 0,
    });
  });

  it('shares postmortems on time among those due, pending apart', () => {
    // a: on time; b, c: missing and overdue; f: resolved 11-30, still pending
    expect(kpis.postmortems).toEqual({
      due: 3,
      onTime: 1,
      share: 1 / 3,
      pending: 1,
    });
  });
});
