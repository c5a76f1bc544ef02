import {
  ALERT_QUALITY_HEADLINE_POLARITY,
  AlertQualityHeadlineMetric,
  AlertQualityReport,
  AlertQualitySnapshot,
  AlertQualityTrend,
  DailyPageCount,
  EntityAlertQuality,
  StoredToilItem,
  computeTrend,
  getAlertQualityHeadline,
} from '@reliability-kit/backstage-plugin-reliability-common';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * One entry per day of `[startMs, startMs + days)`, with the given pages on
 * the given day indexes, for tests.
 */
export function createPagesPerDay(
  startMs: number,
  days: number,
  pages: Record<number, Partial<Omit<DailyPageCount, 'date' | 'total'>>> = {},
): DailyPageCount[] {
  return Array.from({ length: days }, (_, i) => {
    const { business = 0, off = 0, sleep = 0 } = pages[i] ?? {};
    return {
      date: isoDate(startMs + i * DAY_MS),
      business,
      off,
      sleep,
      total: business + off + sleep,
    };
  });
}

/**
 * The alert quality of a 28-day window ending at `endMs`, for tests: 12
 * pages (6 business hours, 4 off hours, 2 sleep hours) of 20 incidents;
 * override what matters.
 */
export function createAlertQualitySnapshot(
  overrides: Partial<AlertQualitySnapshot> = {},
  endMs: number = Date.UTC(2026, 2, 1),
): AlertQualitySnapshot {
  const days = overrides.days ?? 28;
  const startMs = endMs - days * DAY_MS;
  return {
    range: {
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
    },
    days,
    incidents: 20,
    pages: 12,
    openPages: 1,
    responseTimes: {
      scope: 'pages',
      mtta: {
        n: 11,
        medianMs: 4 * MINUTE_MS + 30_000,
        p90Ms: 20 * MINUTE_MS,
        meanMs: 7 * MINUTE_MS,
        dataQualityIssues: 0,
      },
      mttr: {
        n: 11,
        medianMs: 2 * HOUR_MS + 5 * MINUTE_MS,
        p90Ms: 9 * HOUR_MS,
        meanMs: 3 * HOUR_MS,
        dataQualityIssues: 0,
      },
    },
    noise: {
      incidents: 20,
      noiseCandidates: 5,
      noiseRatio: 0.25,
      autoResolved: 3,
      neverAcknowledged: 4,
      flappingRuns: 1,
      flappingIncidents: 3,
      autoResolveThresholdMs: 5 * MINUTE_MS,
    },
    pageTimes: { business: 6, off: 4, sleep: 2, offHours: 6 },
    pagesPerDay: createPagesPerDay(startMs, days, {
      1: { business: 2 },
      3: { business: 1, off: 1 },
      8: { sleep: 2 },
      12: { business: 3, off: 2 },
      20: { off: 1 },
    }),
    onCall: {
      personHours: 4 * 168,
      people: 4,
      invalidShifts: 0,
      pagesPerOnCallWeek: 3,
    },
    topNoisyAlerts: [
      {
        key: 'HighErrorRate',
        keyType: 'alertKey',
        title: 'High error rate on checkout',
        incidents: 8,
        pages: 6,
        noiseCandidates: 3,
        shareOfPages: 0.5,
      },
      {
        key: 'Disk almost full',
        keyType: 'title',
        title: 'Disk almost full',
        incidents: 5,
        pages: 0,
        noiseCandidates: 2,
        shareOfPages: 0,
      },
    ],
    escalations: 2,
    toil: {
      interruptHours: 20,
      interruptHoursPerWeek: 5,
      interruptPages: 10,
      selfReportedHoursPerWeek: 1,
      toilHoursPerWeek: 6,
      invalidToilItems: 0,
      dataQualityIssues: 0,
    },
    runbookCoverage: {
      rules: 4,
      rulesWithRunbook: 3,
      coverage: 0.75,
      missing: [{ name: 'DiskAlmostFull', group: 'node' }],
    },
    dataQualityIssues: {
      acknowledgedBeforeCreated: 0,
      resolvedBeforeCreated: 0,
      resolvedBeforeAcknowledged: 0,
      unreadableTimestamps: 0,
      invalidEscalations: 0,
      incidents: 0,
    },
    ...overrides,
  };
}

/**
 * A report comparing two snapshots, with the trends computed as the backend
 * computes them, for tests.
 */
export function createAlertQualityReport(
  current: AlertQualitySnapshot,
  previous: AlertQualitySnapshot,
): AlertQualityReport {
  const now = getAlertQualityHeadline(current);
  const before = getAlertQualityHeadline(previous);
  const trends = Object.fromEntries(
    (
      Object.keys(
        ALERT_QUALITY_HEADLINE_POLARITY,
      ) as AlertQualityHeadlineMetric[]
    ).map(metric => [
      metric,
      computeTrend(
        now[metric],
        before[metric],
        ALERT_QUALITY_HEADLINE_POLARITY[metric],
      ),
    ]),
  ) as Record<AlertQualityHeadlineMetric, AlertQualityTrend>;
  return {
    window: '28d',
    timeZone: 'UTC',
    current,
    previous,
    trends,
    unplacedIncidentIds: [],
  };
}

/**
 * A toil item of `component:default/checkout`, for tests.
 */
export function createToilItem(
  overrides: Partial<StoredToilItem> = {},
): StoredToilItem {
  return {
    id: 'toil-1',
    entityRef: 'component:default/checkout',
    task: 'Rotate TLS certificates',
    minutesPerOccurrence: 30,
    occurrencesPerWeek: 2,
    owner: 'group:default/payments',
    createdBy: 'user:default/ada',
    createdAt: new Date(Date.now() - 3 * DAY_MS).toISOString(),
    updatedBy: 'user:default/grace',
    updatedAt: new Date(Date.now() - 2 * HOUR_MS).toISOString(),
    ...overrides,
  };
}

/**
 * The alert quality of `component:default/checkout` over 28 days, for
 * tests. Against the previous window: fewer pages (better), a slower MTTA
 * median (worse), the same noise ratio (flat) and no previous runbook
 * coverage (unknown).
 */
export function createEntityAlertQuality(
  overrides: Partial<EntityAlertQuality> = {},
): EntityAlertQuality {
  const endMs = Date.UTC(2026, 2, 1);
  const current = createAlertQualitySnapshot({}, endMs);
  const previous = createAlertQualitySnapshot(
    {
      pages: 18,
      incidents: 24,
      pageTimes: { business: 9, off: 6, sleep: 3, offHours: 9 },
      responseTimes: {
        scope: 'pages',
        mtta: {
          n: 16,
          medianMs: 3 * MINUTE_MS,
          p90Ms: 25 * MINUTE_MS,
          meanMs: 6 * MINUTE_MS,
          dataQualityIssues: 0,
        },
        mttr: {
          n: 18,
          medianMs: 3 * HOUR_MS,
          p90Ms: 9 * HOUR_MS,
          meanMs: 4 * HOUR_MS,
          dataQualityIssues: 0,
        },
      },
      noise: {
        incidents: 24,
        noiseCandidates: 6,
        noiseRatio: 0.25,
        autoResolved: 4,
        neverAcknowledged: 5,
        flappingRuns: 0,
        flappingIncidents: 0,
        autoResolveThresholdMs: 5 * MINUTE_MS,
      },
      runbookCoverage: null,
    },
    endMs - 28 * DAY_MS,
  );
  return {
    entityRef: 'component:default/checkout',
    window: '28d',
    pagingSource: 'pagerduty',
    demo: false,
    report: createAlertQualityReport(current, previous),
    firingAlerts: [
      {
        name: 'HighErrorRate',
        severity: 'critical',
        summary: 'Checkout 5xx above 5%',
        startsAt: new Date(Date.now() - 25 * MINUTE_MS).toISOString(),
        state: 'active',
        silencedBy: [],
        runbookUrl: 'https://runbooks.example.com/high-error-rate',
        labels: { alertname: 'HighErrorRate', service: 'checkout' },
      },
      {
        name: 'DiskAlmostFull',
        severity: 'warning',
        startsAt: new Date(Date.now() - 3 * HOUR_MS).toISOString(),
        state: 'suppressed',
        silencedBy: ['silence-42'],
        labels: { alertname: 'DiskAlmostFull', service: 'checkout' },
      },
    ],
    toilItems: [createToilItem()],
    problems: [],
    computedAt: new Date(Date.now() - 5 * MINUTE_MS).toISOString(),
    stale: false,
    ...overrides,
  };
}
