import { computeBurnRate, computeBurnRateFromCounts } from './computeBurnRate';
import {
  computeBurnRateThresholds,
  evaluateBurnRateAlerts,
  SLO_BURN_RATE_ALERTS,
  SloBurnRates,
  SloFiringBurnRateAlert,
} from './evaluateBurnRateAlerts';

const DAY = 24 * 60 * 60 * 1000;

describe('computeBurnRate', () => {
  it.each([
    // errorRatio, objective, burn rate
    [0.0144, 0.999, 14.4],
    [0.006, 0.999, 6],
    [0.001, 0.999, 1],
    [0, 0.999, 0],
    [1, 0.999, 1000],
    [0.05, 0.99, 5],
    [1 + 1e-12, 0.99, 100],
  ])('error ratio %p against %p burns at %p', (errorRatio, objective, burn) => {
    expect(computeBurnRate(errorRatio, objective)).toBeCloseTo(burn, 12);
  });

  it.each([[null], [undefined], [NaN], [Infinity], [-0.1], [1.5]])(
    'error ratio %p has no burn rate',
    errorRatio => {
      expect(computeBurnRate(errorRatio, 0.999)).toBeNull();
    },
  );

  it.each([
    [{ bad: 144, total: 10_000 }, 14.4],
    [{ good: 9_940, total: 10_000 }, 6],
    [{ good: 10_000, total: 10_000 }, 0],
  ])('from counts %j: %p', (counts, burn) => {
    expect(computeBurnRateFromCounts(counts, 0.999)).toBeCloseTo(burn, 12);
  });

  it.each([[{ good: 0, total: 0 }], [{ good: -1, total: 10 }]])(
    'from counts %j: no burn rate',
    counts => {
      expect(computeBurnRateFromCounts(counts, 0.999)).toBeNull();
    },
  );

  it('rejects a 100% objective', () => {
    expect(() => computeBurnRate(0.1, 1)).toThrow(
      /100% leaves no error budget/,
    );
  });
});

describe('computeBurnRateThresholds', () => {
  it('has the four SRE Workbook alerts', () => {
    expect(SLO_BURN_RATE_ALERTS).toEqual([
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        budgetShare: 0.02,
      },
      {
        severity: 'page',
        longWindow: '6h',
        shortWindow: '30m',
        budgetShare: 0.05,
      },
      {
        severity: 'ticket',
        longWindow: '1d',
        shortWindow: '2h',
        budgetShare: 0.1,
      },
      {
        severity: 'ticket',
        longWindow: '3d',
        shortWindow: '6h',
        budgetShare: 0.1,
      },
    ]);
  });

  it.each([
    // window, [1h/5m, 6h/30m, 1d/2h, 3d/6h]
    ['30d', 30 * DAY, [14.4, 6, 3, 1]],
    ['28d', 28 * DAY, [13.44, 5.6, 2.8, 0.9333333333333333]],
    ['7d', 7 * DAY, [3.36, 1.4, 0.7, 0.23333333333333334]],
    ['90d', 90 * DAY, [43.2, 18, 9, 3]],
    ['31d (a calendar month)', 31 * DAY, [14.88, 6.2, 3.1, 1.0333333333333334]],
  ])('scales thresholds for a %s window', (_name, windowMs, expected) => {
    const thresholds = computeBurnRateThresholds(windowMs).map(
      t => t.threshold,
    );
    expect(thresholds).toHaveLength(4);
    thresholds.forEach((threshold, i) =>
      expect(threshold).toBeCloseTo(expected[i], 12),
    );
  });

  it('gives clean numbers for 30 days', () => {
    expect(computeBurnRateThresholds(30 * DAY).map(t => t.threshold)).toEqual([
      14.4, 6, 3, 1,
    ]);
  });

  it.each([[0], [-DAY], [NaN], [Infinity]])('rejects window %p', windowMs => {
    expect(() => computeBurnRateThresholds(windowMs)).toThrow(/positive/);
  });
});

describe('evaluateBurnRateAlerts', () => {
  const page1h = (longBurn: number, shortBurn: number, threshold = 14.4) => ({
    severity: 'page' as const,
    longWindow: '1h' as const,
    shortWindow: '5m' as const,
    threshold,
    longBurn,
    shortBurn,
  });

  it.each<
    [string, SloBurnRates, number, boolean, boolean, SloFiringBurnRateAlert[]]
  >([
    [
      'all quiet',
      { '5m': 1, '30m': 1, '1h': 1, '2h': 1, '6h': 1, '1d': 1, '3d': 1 },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      'fast burn pages',
      { '1h': 15, '5m': 20 },
      30 * DAY,
      true,
      false,
      [page1h(15, 20)],
    ],
    [
      'fast burn already over (5m recovered)',
      { '1h': 15, '5m': 10 },
      30 * DAY,
      false,
      false,
      [],
    ],
    ['short spike only', { '1h': 2, '5m': 100 }, 30 * DAY, false, false, []],
    [
      'exactly at the threshold does not fire',
      { '1h': 14.4, '5m': 14.4 },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      'long window exactly at the threshold does not fire',
      { '1h': 14.4, '5m': 30 },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      'short window exactly at the threshold does not fire',
      { '1h': 30, '5m': 14.4 },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      'ticket at exactly 1x over 3d does not fire',
      { '3d': 1, '6h': 1 },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      'slow page burn',
      { '6h': 7, '30m': 6.5 },
      30 * DAY,
      true,
      false,
      [
        {
          severity: 'page',
          longWindow: '6h',
          shortWindow: '30m',
          threshold: 6,
          longBurn: 7,
          shortBurn: 6.5,
        },
      ],
    ],
    [
      'ticket over a day',
      { '1d': 3.5, '2h': 4 },
      30 * DAY,
      false,
      true,
      [
        {
          severity: 'ticket',
          longWindow: '1d',
          shortWindow: '2h',
          threshold: 3,
          longBurn: 3.5,
          shortBurn: 4,
        },
      ],
    ],
    [
      'ticket over three days',
      { '3d': 1.2, '6h': 1.1 },
      30 * DAY,
      false,
      true,
      [
        {
          severity: 'ticket',
          longWindow: '3d',
          shortWindow: '6h',
          threshold: 1,
          longBurn: 1.2,
          shortBurn: 1.1,
        },
      ],
    ],
    [
      'a big outage fires everything',
      { '5m': 50, '30m': 50, '1h': 50, '2h': 50, '6h': 20, '1d': 8, '3d': 3 },
      30 * DAY,
      true,
      true,
      [
        page1h(50, 50),
        {
          severity: 'page',
          longWindow: '6h',
          shortWindow: '30m',
          threshold: 6,
          longBurn: 20,
          shortBurn: 50,
        },
        {
          severity: 'ticket',
          longWindow: '1d',
          shortWindow: '2h',
          threshold: 3,
          longBurn: 8,
          shortBurn: 50,
        },
        {
          severity: 'ticket',
          longWindow: '3d',
          shortWindow: '6h',
          threshold: 1,
          longBurn: 3,
          shortBurn: 20,
        },
      ],
    ],
    [
      '14 pages for 28d, not for 30d (30d)',
      { '1h': 14, '5m': 14 },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      '14 pages for 28d, not for 30d (28d)',
      { '1h': 14, '5m': 14 },
      28 * DAY,
      true,
      false,
      [page1h(14, 14, 13.44)],
    ],
    ['no data', {}, 30 * DAY, false, false, []],
    [
      'long window without traffic',
      { '1h': null, '5m': 100 },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      'short window without traffic',
      { '1h': 100, '5m': undefined },
      30 * DAY,
      false,
      false,
      [],
    ],
    [
      'non-finite burn rates',
      { '1h': Infinity, '5m': NaN, '1d': Infinity, '2h': 5 },
      30 * DAY,
      false,
      false,
      [],
    ],
  ])('%s', (_name, burnRates, windowMs, page, ticket, firing) => {
    expect(evaluateBurnRateAlerts(burnRates, windowMs)).toEqual({
      page,
      ticket,
      firing,
    });
  });
});
