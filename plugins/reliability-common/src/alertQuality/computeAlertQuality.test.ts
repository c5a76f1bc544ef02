import { computeAlertQuality } from './computeAlertQuality';
import { AlertRule, Incident, OnCallShift, ToilItem } from './types';
import {
  MIN,
  minutes,
  pageDay,
  timedIncident,
} from './__testUtils__/incidents';

/** An incident; ack / resolve in minutes after creation (null: never / open). */
function incident(
  id: string,
  createdAt: string,
  ackMin: number | null,
  resolveMin: number | null,
  over: Partial<Incident> = {},
): Incident {
  return timedIncident(id, createdAt, minutes(ackMin), minutes(resolveMin), {
    source: 'pagerduty',
    ...over,
  });
}

// Team in Europe/Berlin, 7d window ending Wed 2026-04-01 00:00 CEST.
// Current:  [2026-03-24T23:00Z, 2026-03-31T22:00Z) = local 25th..31st, 167h (spring forward on the 29th)
// Previous: [2026-03-17T23:00Z, 2026-03-24T23:00Z) = local 18th..24th, 168h
const now = '2026-04-01T00:00:00+02:00';
const businessHours = { timeZone: 'Europe/Berlin' };

const incidents: Incident[] = [
  // --- current window ---
  // at the current start exactly: Wed 25th 00:00 CET, sleep; MTTA 1m, MTTR 61m, interrupt 60m
  incident('c7', '2026-03-24T23:00:00Z', 1, 61, { alertKey: 'db' }),
  // Wed 10:00 CET, business; MTTA 4m, MTTR 64m, interrupt 60m
  incident('c1', '2026-03-25T09:00:00Z', 4, 64, {
    alertKey: 'latency',
    escalations: 1,
  }),
  // Wed 22:30 CET, sleep; MTTA 10m, MTTR 40m, interrupt 30m
  incident('c2', '2026-03-25T21:30:00Z', 10, 40, {
    alertKey: 'latency',
    escalations: 2,
  }),
  // Thu 09:00 CET, business; never acked, resolved in 3m: auto-resolved; latency x3 in 23h: flapping
  incident('c3', '2026-03-26T08:00:00Z', null, 3, { alertKey: 'latency' }),
  // Fri 13:00 CET, low urgency, auto-resolved in 1m: noise but not a page
  incident('c6', '2026-03-27T12:00:00Z', null, 1, {
    alertKey: 'cert',
    urgency: 'low',
  }),
  // Sun 29th 03:30 CEST (after the spring forward), sleep; no key; acked in 20m, still open
  incident('c4', '2026-03-29T01:30:00Z', 20, null, { title: 'disk full' }),
  // Mon 30th 18:30 CEST, off; never acked, still open
  incident('c5', '2026-03-30T16:30:00Z', null, null, {
    alertKey: 'db',
    escalations: 4,
  }),
  // Tue 31st 12:00 CEST, business; acked 1m BEFORE created (bad data), resolved after 29m: interrupt 30m
  incident('c8', '2026-03-31T10:00:00Z', -1, 29, { alertKey: 'api' }),
  // at now exactly: in no window
  incident('x1', '2026-03-31T22:00:00Z', 1, 2),

  // --- previous window ---
  // just before the previous window: in no window
  incident('p0', '2026-03-17T22:59:59.999Z', 1, 2),
  // Wed 18th 11:00 CET, business; MTTA 2m, MTTR 32m, interrupt 30m
  incident('p1', '2026-03-18T10:00:00Z', 2, 32, { alertKey: 'latency' }),
  // Fri 20th, low urgency, never acked, open
  incident('p3', '2026-03-20T12:00:00Z', null, null, {
    alertKey: 'batch',
    urgency: 'low',
  }),
  // Sat 21st 03:00 CET, sleep; MTTA 30m, MTTR 90m, interrupt 60m
  incident('p2', '2026-03-21T02:00:00Z', 30, 90, { alertKey: 'db' }),
  // Tue 24th 21:00 CET, off; created in the previous window, resolved in the current one:
  // MTTA 6m, MTTR 840m (14h), interrupt 834m; belongs to the previous window only
  incident('s1', '2026-03-24T20:00:00Z', 6, 840, {
    alertKey: 'db',
    escalations: 1,
  }),

  // unreadable creation time
  incident('bad', 'last tuesday', null, null),
];

const shifts: OnCallShift[] = [
  // crosses the current start: 47h in previous, 73h in current
  {
    userId: 'alice',
    start: '2026-03-23T00:00:00Z',
    end: '2026-03-28T00:00:00Z',
  },
  // crosses the current end: 94h in current
  { userId: 'bob', start: '2026-03-28T00:00:00Z', end: '2026-04-02T00:00:00Z' },
  // bob overlapping himself: merged, adds nothing
  { userId: 'bob', start: '2026-03-30T00:00:00Z', end: '2026-03-31T00:00:00Z' },
  // carol overlapping alice: adds 1h
  {
    userId: 'carol',
    start: '2026-03-25T08:00:00Z',
    end: '2026-03-25T09:00:00Z',
  },
];

const rule = (name: string, runbook?: string): AlertRule => ({
  name,
  group: 'checkout',
  annotations:
    runbook === undefined ? { summary: name } : { runbook_url: runbook },
});
const rules = [
  rule('HighLatency', 'https://runbooks/latency'),
  rule('DbDown', 'https://runbooks/db'),
  rule('DiskFull', 'https://runbooks/disk'),
  rule('CertExpiry'),
];
const previousRules = [
  rule('HighLatency', 'https://runbooks/latency'),
  rule('DbDown', 'https://runbooks/db'),
  rule('DiskFull', ''),
  rule('CertExpiry'),
];
const toilItems: ToilItem[] = [
  { task: 'on-call handover', minutesPerOccurrence: 30, occurrencesPerWeek: 2 },
];

const day = pageDay;

describe('computeAlertQuality', () => {
  const report = computeAlertQuality({
    incidents,
    shifts,
    rules,
    previousRules,
    toilItems,
    window: '7d',
    now,
    businessHours,
  });

  it('places the windows in the team time zone', () => {
    expect(report.window).toBe('7d');
    expect(report.timeZone).toBe('Europe/Berlin');
    expect(report.current.range).toEqual({
      start: '2026-03-24T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
    expect(report.previous.range).toEqual({
      start: '2026-03-17T23:00:00.000Z',
      end: '2026-03-24T23:00:00.000Z',
    });
    expect(report.unplacedIncidentIds).toEqual(['bad']);
  });

  it.each([
    ['current', 8, 7, 2],
    ['previous', 4, 3, 0],
  ] as const)(
    '%s: %i incidents, %i pages, %i open pages',
    (which, n, pages, open) => {
      expect(report[which].incidents).toBe(n);
      expect(report[which].pages).toBe(pages);
      expect(report[which].openPages).toBe(open);
    },
  );

  it.each([
    [
      'current',
      // acked pages: 1, 4, 10, 20 min (c8's -1 min excluded)
      {
        n: 4,
        medianMs: 7 * MIN,
        p90Ms: 20 * MIN,
        meanMs: 8.75 * MIN,
        dataQualityIssues: 1,
      },
      // resolved pages: 3, 29, 40, 61, 64 min (s1 is not in this window)
      {
        n: 5,
        medianMs: 40 * MIN,
        p90Ms: 64 * MIN,
        meanMs: 39.4 * MIN,
        dataQualityIssues: 0,
      },
    ],
    [
      'previous',
      // 2, 6, 30 min
      {
        n: 3,
        medianMs: 6 * MIN,
        p90Ms: 30 * MIN,
        meanMs: 760_000,
        dataQualityIssues: 0,
      },
      // 32, 90, 840 min: mean 962/3 min
      {
        n: 3,
        medianMs: 90 * MIN,
        p90Ms: 840 * MIN,
        meanMs: 19_240_000,
        dataQualityIssues: 0,
      },
    ],
  ] as const)('%s: MTTA and MTTR over pages', (which, mtta, mttr) => {
    expect(report[which].responseTimes).toEqual({ scope: 'pages', mtta, mttr });
  });

  it.each([
    [
      'current',
      {
        incidents: 8,
        noiseCandidates: 4, // c1, c2, c3 (flapping), c6 (auto-resolved); c3 also auto-resolved
        noiseRatio: 0.5,
        autoResolved: 2, // c3, c6
        neverAcknowledged: 3, // c3, c5, c6
        flappingRuns: 1,
        flappingIncidents: 3,
        autoResolveThresholdMs: 5 * MIN,
      },
    ],
    [
      'previous',
      {
        incidents: 4,
        noiseCandidates: 0,
        noiseRatio: 0,
        autoResolved: 0,
        neverAcknowledged: 1, // p3
        flappingRuns: 0,
        flappingIncidents: 0,
        autoResolveThresholdMs: 5 * MIN,
      },
    ],
  ] as const)('%s: noise', (which, noise) => {
    expect(report[which].noise).toEqual(noise);
  });

  it.each([
    ['current', { business: 3, off: 1, sleep: 3, offHours: 4 }],
    ['previous', { business: 1, off: 1, sleep: 1, offHours: 2 }],
  ] as const)('%s: page times', (which, pageTimes) => {
    expect(report[which].pageTimes).toEqual(pageTimes);
  });

  it.each([
    [
      'current',
      [
        day('2026-03-25', 1, 0, 2), // c7 (00:00), c1, c2
        day('2026-03-26', 1, 0, 0), // c3
        day('2026-03-27'),
        day('2026-03-28'),
        day('2026-03-29', 0, 0, 1), // c4, on the 23h day
        day('2026-03-30', 0, 1, 0), // c5
        day('2026-03-31', 1, 0, 0), // c8
      ],
    ],
    [
      'previous',
      [
        day('2026-03-18', 1, 0, 0),
        day('2026-03-19'),
        day('2026-03-20'),
        day('2026-03-21', 0, 0, 1),
        day('2026-03-22'),
        day('2026-03-23'),
        day('2026-03-24', 0, 1, 0),
      ],
    ],
  ] as const)('%s: pages per day', (which, days) => {
    expect(report[which].pagesPerDay).toEqual(days);
  });

  it.each([
    // 73 (alice) + 94 (bob) + 1 (carol) = 168 person-hours: 7 pages per on-call week
    [
      'current',
      { personHours: 168, people: 3, invalidShifts: 0, pagesPerOnCallWeek: 7 },
    ],
    // 47 (alice): 3 / (47 / 168)
    [
      'previous',
      {
        personHours: 47,
        people: 1,
        invalidShifts: 0,
        pagesPerOnCallWeek: 504 / 47,
      },
    ],
  ] as const)('%s: on-call load', (which, onCall) => {
    expect(report[which].onCall).toEqual(onCall);
  });

  it('current: noisiest alerts', () => {
    expect(report.current.topNoisyAlerts).toEqual([
      {
        key: 'latency',
        keyType: 'alertKey',
        title: 'c3',
        incidents: 3,
        pages: 3,
        noiseCandidates: 3,
        shareOfPages: 3 / 7,
      },
      {
        key: 'db',
        keyType: 'alertKey',
        title: 'c5',
        incidents: 2,
        pages: 2,
        noiseCandidates: 0,
        shareOfPages: 2 / 7,
      },
      {
        key: 'api',
        keyType: 'alertKey',
        title: 'c8',
        incidents: 1,
        pages: 1,
        noiseCandidates: 0,
        shareOfPages: 1 / 7,
      },
      {
        key: 'cert',
        keyType: 'alertKey',
        title: 'c6',
        incidents: 1,
        pages: 0,
        noiseCandidates: 1,
        shareOfPages: 0,
      },
      {
        key: 'disk full',
        keyType: 'title',
        title: 'disk full',
        incidents: 1,
        pages: 1,
        noiseCandidates: 0,
        shareOfPages: 1 / 7,
      },
    ]);
  });

  it.each([
    ['current', 7],
    ['previous', 1],
  ] as const)('%s: %i escalations', (which, escalations) => {
    expect(report[which].escalations).toBe(escalations);
  });

  it.each([
    // 60 + 30 + 60 + 30 min = 3h; + 1h self-reported
    [
      'current',
      {
        interruptHours: 3,
        interruptHoursPerWeek: 3,
        interruptPages: 4,
        selfReportedHoursPerWeek: 1,
        toilHoursPerWeek: 4,
        invalidToilItems: 0,
        dataQualityIssues: 0,
      },
    ],
    // 30 + 60 + 834 min = 15.4h
    [
      'previous',
      {
        interruptHours: 15.4,
        interruptHoursPerWeek: 15.4,
        interruptPages: 3,
        selfReportedHoursPerWeek: 1,
        toilHoursPerWeek: 16.4,
        invalidToilItems: 0,
        dataQualityIssues: 0,
      },
    ],
  ] as const)('%s: toil', (which, toil) => {
    expect(report[which].toil).toEqual(toil);
  });

  it('runbook coverage, current and previous', () => {
    expect(report.current.runbookCoverage).toEqual({
      rules: 4,
      rulesWithRunbook: 3,
      coverage: 0.75,
      missing: [{ name: 'CertExpiry', group: 'checkout' }],
    });
    expect(report.previous.runbookCoverage?.coverage).toBe(0.5);
  });

  it('data quality issues', () => {
    expect(report.current.dataQualityIssues).toEqual({
      acknowledgedBeforeCreated: 1,
      resolvedBeforeCreated: 0,
      resolvedBeforeAcknowledged: 0,
      unreadableTimestamps: 0,
      invalidEscalations: 0,
      incidents: 1,
    });
    expect(report.previous.dataQualityIssues.incidents).toBe(0);
  });

  it.each([
    ['incidents', 8, 4, 4, 'up', false],
    ['pages', 7, 3, 4, 'up', false],
    ['mttaMedianMs', 7 * MIN, 6 * MIN, MIN, 'up', false],
    ['mttaP90Ms', 20 * MIN, 30 * MIN, -10 * MIN, 'down', true],
    ['mttrMedianMs', 40 * MIN, 90 * MIN, -50 * MIN, 'down', true],
    ['mttrP90Ms', 64 * MIN, 840 * MIN, -776 * MIN, 'down', true],
    ['noiseRatio', 0.5, 0, 0.5, 'up', false],
    ['autoResolved', 2, 0, 2, 'up', false],
    ['neverAcknowledged', 3, 1, 2, 'up', false],
    ['flappingIncidents', 3, 0, 3, 'up', false],
    ['offHoursPages', 4, 2, 2, 'up', false],
    ['sleepPages', 3, 1, 2, 'up', false],
    ['pagesPerOnCallWeek', 7, 504 / 47, 7 - 504 / 47, 'down', true],
    ['escalations', 7, 1, 6, 'up', false],
    ['interruptHoursPerWeek', 3, 15.4, 3 - 15.4, 'down', true],
    ['toilHoursPerWeek', 4, 16.4, 4 - 16.4, 'down', true],
    ['runbookCoverage', 0.75, 0.5, 0.25, 'up', true],
  ] as const)(
    'trend of %s: %p vs %p',
    (metric, current, previous, delta, direction, better) => {
      expect(report.trends[metric]).toEqual({
        current,
        previous,
        delta: expect.closeTo(delta, 9),
        direction,
        better,
      });
    },
  );

  it('has a trend for every headline figure', () => {
    expect(Object.keys(report.trends)).toHaveLength(17);
  });

  it('without previous rules the coverage trend is unknown', () => {
    const result = computeAlertQuality({
      incidents,
      rules,
      window: '7d',
      now,
      businessHours,
    });
    expect(result.previous.runbookCoverage).toBeNull();
    expect(result.trends.runbookCoverage).toEqual({
      current: 0.75,
      previous: null,
      delta: null,
      direction: 'unknown',
      better: null,
    });
  });

  it('responseTimeScope all includes low-urgency incidents', () => {
    const result = computeAlertQuality({
      incidents,
      window: '7d',
      now,
      businessHours,
      responseTimeScope: 'all',
    });
    // adds c6 (resolved in 1 min): 1, 3, 29, 40, 61, 64 min
    expect(result.current.responseTimes.scope).toBe('all');
    expect(result.current.responseTimes.mttr).toEqual({
      n: 6,
      medianMs: 34.5 * MIN,
      p90Ms: 64 * MIN,
      meanMs: (198 / 6) * MIN,
      dataQualityIssues: 0,
    });
    expect(result.trends.mttrMedianMs.current).toBe(34.5 * MIN);
  });

  it('a zero auto-resolve threshold finds less noise', () => {
    const result = computeAlertQuality({
      incidents,
      window: '7d',
      now,
      businessHours,
      autoResolveThresholdMs: 0,
    });
    // c3 (3 min) and c6 (1 min) no longer auto-resolved; c1-c3 still flapping
    expect(result.current.noise.autoResolved).toBe(0);
    expect(result.current.noise.noiseCandidates).toBe(3);
  });

  it('no data: nulls, zeros and a full series of days', () => {
    const result = computeAlertQuality({
      incidents: [],
      window: '28d',
      now: '2026-03-29T00:00:00Z',
    });
    const { current } = result;
    expect(result.timeZone).toBe('UTC');
    expect(current.range).toEqual({
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-03-29T00:00:00.000Z',
    });
    expect(current.pagesPerDay).toHaveLength(28);
    expect(current.pagesPerDay[0]).toEqual(day('2026-03-01'));
    expect(current.pagesPerDay[27]).toEqual(day('2026-03-28'));
    expect(current.noise.noiseRatio).toBeNull();
    expect(current.responseTimes.mtta.medianMs).toBeNull();
    expect(current.onCall.pagesPerOnCallWeek).toBeNull();
    expect(current.runbookCoverage).toEqual({
      rules: 0,
      rulesWithRunbook: 0,
      coverage: null,
      missing: [],
    });
    expect(result.trends.noiseRatio.direction).toBe('unknown');
    expect(result.trends.mttaMedianMs.direction).toBe('unknown');
    expect(result.trends.pages).toEqual({
      current: 0,
      previous: 0,
      delta: 0,
      direction: 'flat',
      better: null,
    });
  });

  it('90d window in New York', () => {
    const result = computeAlertQuality({
      incidents: [incident('ny', '2026-03-09T13:30:00Z', 5, 15)], // Mon 09:30 EDT
      window: '90d',
      now: '2026-04-01T00:00:00-04:00',
      businessHours: { timeZone: 'America/New_York' },
    });
    // 2026-01-01 00:00 EST = 05:00Z
    expect(result.current.range.start).toBe('2026-01-01T05:00:00.000Z');
    expect(result.current.pagesPerDay).toHaveLength(90);
    expect(result.current.pagesPerDay.find(d => d.total > 0)).toEqual(
      day('2026-03-09', 1, 0, 0),
    );
    // interrupt: 10 min over 90/7 weeks
    expect(result.current.toil.interruptHoursPerWeek).toBeCloseTo(
      10 / 60 / (90 / 7),
      12,
    );
  });

  it.each([
    [
      { window: '30d' },
      /Invalid alert quality window: expected one of 7d, 28d, 90d, got "30d"/,
    ],
    [{ now: 'now' }, /now must be an ISO 8601 timestamp/],
    [{ businessHours: { timeZone: 'Berlin' } }, /Invalid time zone "Berlin"/],
    [{ autoResolveThresholdMs: -5 }, /Invalid autoResolveThresholdMs/],
  ])('rejects %j', (over, message) => {
    expect(() =>
      computeAlertQuality({
        incidents: [],
        window: '7d',
        now,
        ...over,
      } as never),
    ).toThrow(message);
  });
});
