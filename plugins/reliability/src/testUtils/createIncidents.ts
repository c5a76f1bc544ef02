import {
  CorrectiveActionRecord,
  EntityIncidentsResponse,
  FleetIncidentsResponse,
  IncidentKpiSet,
  IncidentPeriodKpis,
  IncidentRecord,
} from '@reliability-kit/backstage-plugin-reliability-common';

const HOUR_MS = 3_600_000;

/** The KPIs of one period: `counts` of SEV0 and SEV1. */
export function createIncidentPeriodKpis(
  counts: [number, number],
  overrides: Partial<IncidentPeriodKpis> = {},
): IncidentPeriodKpis {
  return {
    from: '2026-12-01T00:00:00.000Z',
    to: '2027-01-01T00:00:00.000Z',
    bySeverity: [
      {
        severity: 'SEV0',
        count: counts[0],
        mttrMs: counts[0] ? 2 * HOUR_MS : null,
        mttdMs: counts[0] ? 0.25 * HOUR_MS : null,
        mttdKnown: counts[0],
      },
      {
        severity: 'SEV1',
        count: counts[1],
        mttrMs: counts[1] ? 4 * HOUR_MS : null,
        mttdMs: null,
        mttdKnown: 0,
      },
      { severity: null, count: 3, mttrMs: HOUR_MS, mttdMs: null, mttdKnown: 0 },
    ],
    majorCount: counts[0] + counts[1],
    postmortems: { due: 2, onTime: 1, share: 0.5, pending: 0 },
    actions: { due: 0, closedOnTime: 0, share: null },
    ...overrides,
  };
}

export function createIncidentKpiSet(
  counts: [number, number],
  overrides: Partial<IncidentKpiSet> = {},
): IncidentKpiSet {
  return {
    current: createIncidentPeriodKpis(counts),
    previous: createIncidentPeriodKpis([0, 0], {
      postmortems: { due: 0, onTime: 0, share: null, pending: 0 },
    }),
    overdueActions: 1,
    oldestOverdueDays: 9,
    stalledActions: 0,
    ...overrides,
  };
}

export function createIncidentRecord(
  overrides: Partial<IncidentRecord> = {},
): IncidentRecord {
  return {
    entityRef: 'component:default/checkout',
    id: 'P1',
    source: 'pagerduty',
    title: 'Checkout returns 503',
    severity: 'SEV0',
    createdAt: '2026-11-02T10:00:00.000Z',
    resolvedAt: '2026-11-02T12:00:00.000Z',
    impactStartedAt: '2026-11-02T09:45:00.000Z',
    impactStartFrom: 'source',
    mttdMs: 0.25 * HOUR_MS,
    mttrMs: 2 * HOUR_MS,
    postmortem: {
      status: 'published',
      state: 'late',
      postmortemId: 'postmortems/2026-11-02.md',
      title: 'Checkout outage',
      dueAt: '2026-11-09T23:59:59.999Z',
      publishedAt: '2026-11-16T10:00:00.000Z',
    },
    ...overrides,
  };
}

export function createActionRecord(
  overrides: Partial<CorrectiveActionRecord> = {},
): CorrectiveActionRecord {
  return {
    entityRef: 'component:default/checkout',
    postmortemId: 'postmortems/2026-11-02.md',
    postmortemTitle: 'Checkout outage',
    id: 'A1',
    title: 'Roll out config by canary',
    owner: 'group:default/team-payments',
    due: '2026-11-20',
    dueAt: '2026-11-20T23:59:59.999Z',
    ticket: 'OPS-12',
    ticketUrl: 'https://example.atlassian.net/browse/OPS-12',
    state: 'open',
    statusName: 'In Progress',
    closedAt: null,
    overdueDays: 9,
    stalled: false,
    ...overrides,
  };
}

export function createEntityIncidents(
  overrides: Partial<EntityIncidentsResponse> = {},
): EntityIncidentsResponse {
  return {
    entityRef: 'component:default/checkout',
    period: 'month',
    severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'],
    requiredSeverities: ['SEV0', 'SEV1'],
    slaBusinessDays: 5,
    kpis: createIncidentKpiSet([1, 1]),
    incidents: [createIncidentRecord()],
    monthly: [
      { month: '2026-11', counts: { SEV0: 1, SEV1: 0, none: 2 } },
      { month: '2026-12', counts: { SEV0: 0, SEV1: 1, none: 1 } },
    ],
    actions: [createActionRecord()],
    problems: [],
    computedAt: '2026-12-07T10:00:00.000Z',
    ...overrides,
  };
}

export function createFleetIncidents(
  overrides: Partial<FleetIncidentsResponse> = {},
): FleetIncidentsResponse {
  return {
    period: 'month',
    severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'],
    requiredSeverities: ['SEV0', 'SEV1'],
    tiers: [
      { tier: 'tier-1', entities: 4, kpis: createIncidentKpiSet([2, 3]) },
      { tier: 'tier-2', entities: 3, kpis: createIncidentKpiSet([0, 1]) },
    ],
    fleet: createIncidentKpiSet([2, 4]),
    stalledActions: [],
    ...overrides,
  };
}
