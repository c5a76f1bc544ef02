import {
  evaluateSlo,
  sloMeasurementWindows,
  toPromDuration,
} from './evaluateSlo';
import { SloMeasurement } from './SloMeasurement';
import { SloWindow } from './types';

const DAY = 24 * 60 * 60 * 1000;
const W28: SloWindow = { kind: 'rolling', duration: '28d', ms: 28 * DAY };
const W30: SloWindow = { kind: 'rolling', duration: '30d', ms: 30 * DAY };
const now = new Date('2026-11-26T12:00:00Z');

const burnWindows: Record<string, number> = {
  '5m': 5 * 60e3,
  '30m': 30 * 60e3,
  '1h': 3600e3,
  '2h': 2 * 3600e3,
  '6h': 6 * 3600e3,
  '1d': DAY,
  '3d': 3 * DAY,
};

/** Measurements with one error ratio for the SLO window and per burn window. */
function measurements(
  sloWindowMs: number,
  sloWindow: SloMeasurement | null,
  burn: Partial<Record<keyof typeof burnWindows, number | null>>,
): Map<number, SloMeasurement | null> {
  const map = new Map<number, SloMeasurement | null>();
  for (const [w, ratio] of Object.entries(burn)) {
    map.set(
      burnWindows[w],
      ratio === undefined ? null : { kind: 'ratio', errorRatio: ratio },
    );
  }
  map.set(sloWindowMs, sloWindow);
  return map;
}

describe('evaluateSlo', () => {
  it.each([
    {
      name: 'healthy: half the budget left',
      window: W28,
      objective: 0.999,
      slo: {
        kind: 'events',
        good: 999_500,
        total: 1_000_000,
      } as SloMeasurement,
      burn: { '1d': 0.0005, '1h': 0.0005, '5m': 0.0005 },
      sli: 0.9995,
      remaining: 0.5,
      status: 'healthy',
      page: false,
      ticket: false,
    },
    {
      name: 'overspent: breaching with a negative budget',
      window: W28,
      objective: 0.999,
      slo: { kind: 'events', bad: 3_000, total: 1_000_000 } as SloMeasurement,
      burn: { '1d': 0.0001 },
      sli: 0.997,
      remaining: -2,
      status: 'breaching',
      page: false,
      ticket: false,
    },
    {
      name: 'all errors',
      window: W30,
      objective: 0.99,
      slo: { kind: 'events', good: 0, total: 500 } as SloMeasurement,
      burn: { '5m': 1, '1h': 1 },
      sli: 0,
      remaining: -99,
      status: 'breaching',
      page: true,
      ticket: false,
    },
    {
      name: 'a fast burn pages even with budget left',
      window: W30,
      objective: 0.999,
      slo: { kind: 'ratio', errorRatio: 0.0002 } as SloMeasurement,
      // 1h and 5m burn 15 > 14.4
      burn: { '1h': 0.015, '5m': 0.015, '1d': 0.0002 },
      sli: 0.9998,
      remaining: 0.8,
      status: 'breaching',
      page: true,
      ticket: false,
    },
    {
      name: 'a slow burn opens a ticket: at risk',
      window: W30,
      objective: 0.999,
      slo: { kind: 'ratio', errorRatio: 0.0002 } as SloMeasurement,
      // 3d and 6h burn 1.1 > 1, 1d low so the forecast stays beyond the window
      burn: { '3d': 0.0011, '6h': 0.0011, '1d': 0.0001 },
      sli: 0.9998,
      remaining: 0.8,
      status: 'at-risk',
      page: false,
      ticket: true,
    },
    {
      name: 'thresholds scale to a 28d window: burn 14 pages (13.44)',
      window: W28,
      objective: 0.999,
      slo: { kind: 'ratio', errorRatio: 0.0001 } as SloMeasurement,
      burn: { '1h': 0.014, '5m': 0.014, '1d': 0.0001 },
      sli: 0.9999,
      remaining: 0.9,
      status: 'breaching',
      page: true,
      ticket: false,
    },
  ])('$name', c => {
    const result = evaluateSlo({
      objective: c.objective,
      window: c.window,
      measurements: measurements(
        c.window.kind === 'rolling' ? c.window.ms : 0,
        c.slo,
        c.burn,
      ),
      now,
    });
    expect(result.sli).toBeCloseTo(c.sli, 12);
    expect(result.budgetRemaining).toBeCloseTo(c.remaining, 9);
    expect(result.status).toBe(c.status);
    expect(result.alerts.page).toBe(c.page);
    expect(result.alerts.ticket).toBe(c.ticket);
    expect(result.windowStart).toBe(
      new Date(now.getTime() - (c.window as { ms: number }).ms).toISOString(),
    );
    expect(result.windowLabel).toBe(
      `${(c.window as { duration: string }).duration} rolling`,
    );
  });

  it.each([
    ['zero traffic', { kind: 'events', good: 0, total: 0 } as SloMeasurement],
    ['no measurement', null],
    [
      'NaN ratio from 0/0',
      { kind: 'ratio', errorRatio: null } as SloMeasurement,
    ],
  ])('gives no-data, never a number, for %s', (_name, slo) => {
    const result = evaluateSlo({
      objective: 0.999,
      window: W28,
      measurements: measurements(W28.ms, slo, {}),
      now,
    });
    expect(result.status).toBe('no-data');
    expect(result.sli).toBeNull();
    expect(result.budgetRemaining).toBeNull();
    expect(result.budgetConsumed).toBeNull();
    expect(result.noDataReason).toBeTruthy();
    expect(result.burnRates.every(b => b.burnRate === null)).toBe(true);
    expect(result.forecast.status).toBe('no-data');
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('is no-data at the very start of a calendar window', () => {
    const month: SloWindow = { kind: 'calendar', unit: 'month' };
    const start = new Date('2026-12-01T00:00:00Z');
    const { sloWindowMs } = sloMeasurementWindows(month, start);
    expect(sloWindowMs).toBe(0);
    const result = evaluateSlo({
      objective: 0.999,
      window: month,
      measurements: new Map(),
      now: start,
    });
    expect(result.status).toBe('no-data');
    expect(result.windowStart).toBe('2026-12-01T00:00:00.000Z');
    expect(result.windowEnd).toBe('2027-01-01T00:00:00.000Z');
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('measures a calendar month up to now, with thresholds of the whole month', () => {
    const month: SloWindow = { kind: 'calendar', unit: 'month' };
    const at = new Date('2026-11-11T00:00:00.500Z');
    const { sloWindowMs } = sloMeasurementWindows(month, at);
    expect(sloWindowMs).toBe(10 * DAY); // whole seconds
    const result = evaluateSlo({
      objective: 0.99,
      window: month,
      measurements: new Map([
        [sloWindowMs, { kind: 'events', good: 995, total: 1000 }],
      ]),
      now: at,
    });
    expect(result.sli).toBeCloseTo(0.995, 12);
    expect(result.budgetRemaining).toBeCloseTo(0.5, 12);
    // November has 30 days: the 1h page threshold is 0.02 * 720 = 14.4
    expect(
      result.alertThresholds.find(t => t.longWindow === '1h')?.threshold,
    ).toBeCloseTo(14.4, 9);
  });

  it('uses the current objective: a changed objective changes the budget of the same counts', () => {
    const counts = new Map([
      [W28.ms, { kind: 'events', good: 998, total: 1000 } as SloMeasurement],
    ]);
    const loose = evaluateSlo({
      objective: 0.99,
      window: W28,
      measurements: counts,
      now,
    });
    const strict = evaluateSlo({
      objective: 0.999,
      window: W28,
      measurements: counts,
      now,
    });
    expect(loose.budgetRemaining).toBeCloseTo(0.8, 12);
    expect(strict.budgetRemaining).toBeCloseTo(-1, 12);
    expect(loose.status).toBe('healthy');
    expect(strict.status).toBe('breaching');
  });

  it('rejects an objective of 100%', () => {
    expect(() =>
      evaluateSlo({ objective: 1, window: W28, measurements: new Map(), now }),
    ).toThrow(/100%/);
  });
});

describe('toPromDuration', () => {
  it.each([
    [28 * DAY, '28d'],
    [5 * 60e3, '5m'],
    [10 * DAY + 1500, '10d2s'],
  ])('%d ms is %s', (ms, expected) => {
    expect(toPromDuration(ms)).toBe(expected);
  });
});
