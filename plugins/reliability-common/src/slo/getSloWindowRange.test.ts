import { computeErrorBudget } from './computeErrorBudget';
import { computeSloStatus } from './computeSloStatus';
import { forecastBudgetExhaustion } from './forecastBudgetExhaustion';
import {
  getSloWindowElapsedShare,
  getSloWindowRange,
} from './getSloWindowRange';
import { SloWindow } from './types';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const rolling28d: SloWindow = {
  kind: 'rolling',
  duration: '28d',
  ms: 28 * DAY,
};
const week: SloWindow = { kind: 'calendar', unit: 'week' };
const month: SloWindow = { kind: 'calendar', unit: 'month' };
const berlinMonth: SloWindow = {
  kind: 'calendar',
  unit: 'month',
  timeZone: 'Europe/Berlin',
};

describe('getSloWindowRange', () => {
  it.each<
    [string, SloWindow, string, string | undefined, string, string, number]
  >([
    [
      'rolling 28d',
      rolling28d,
      '2024-03-10T12:00:00Z',
      undefined,
      '2024-02-11T12:00:00.000Z',
      '2024-03-10T12:00:00.000Z',
      28 * DAY,
    ],
    [
      'week on a Thursday',
      week,
      '2024-03-07T15:30:00Z',
      undefined,
      '2024-03-04T00:00:00.000Z',
      '2024-03-11T00:00:00.000Z',
      7 * DAY,
    ],
    [
      'week at its first instant',
      week,
      '2024-03-04T00:00:00Z',
      undefined,
      '2024-03-04T00:00:00.000Z',
      '2024-03-11T00:00:00.000Z',
      7 * DAY,
    ],
    [
      'week on Sunday night',
      week,
      '2024-03-10T23:59:59Z',
      undefined,
      '2024-03-04T00:00:00.000Z',
      '2024-03-11T00:00:00.000Z',
      7 * DAY,
    ],
    [
      'week across a year (ISO week 1 of 2025)',
      week,
      '2025-01-01T10:00:00Z',
      undefined,
      '2024-12-30T00:00:00.000Z',
      '2025-01-06T00:00:00.000Z',
      7 * DAY,
    ],
    [
      'leap February',
      month,
      '2024-02-15T00:00:00Z',
      undefined,
      '2024-02-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
      29 * DAY,
    ],
    [
      'month at its first instant',
      month,
      '2024-03-01T00:00:00Z',
      undefined,
      '2024-03-01T00:00:00.000Z',
      '2024-04-01T00:00:00.000Z',
      31 * DAY,
    ],
    [
      'month of the window zone',
      berlinMonth,
      '2024-03-31T22:30:00Z',
      undefined,
      '2024-03-31T22:00:00.000Z',
      '2024-04-30T22:00:00.000Z',
      30 * DAY,
    ],
    [
      'month with a DST change',
      berlinMonth,
      '2024-03-15T12:00:00Z',
      undefined,
      '2024-02-29T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
      31 * DAY - HOUR,
    ],
    [
      'week in the fallback zone',
      week,
      '2024-03-04T03:00:00Z',
      'America/New_York',
      '2024-02-26T05:00:00.000Z',
      '2024-03-04T05:00:00.000Z',
      7 * DAY,
    ],
    [
      "the window's zone wins over the fallback",
      berlinMonth,
      '2024-03-15T12:00:00Z',
      'America/New_York',
      '2024-02-29T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
      31 * DAY - HOUR,
    ],
  ])('%s', (_name, window, now, zone, start, end, durationMs) => {
    const range = getSloWindowRange(window, now, zone);
    expect(range.start.toISOString()).toBe(start);
    expect(range.end.toISOString()).toBe(end);
    expect(range.durationMs).toBe(durationMs);
  });

  it('accepts a Date', () => {
    expect(
      getSloWindowRange(
        week,
        new Date('2024-03-07T15:30:00Z'),
      ).start.toISOString(),
    ).toBe('2024-03-04T00:00:00.000Z');
  });

  it.each([
    [week, 'not a time', undefined, /now must be a valid Date/],
    [
      week,
      '2024-03-07T15:30:00Z',
      'Mars/Olympus',
      /unknown time zone "Mars\/Olympus"/,
    ],
    [
      { kind: 'calendar', unit: 'week', timeZone: 'Nowhere' } as SloWindow,
      '2024-03-07T15:30:00Z',
      undefined,
      /unknown time zone/,
    ],
  ])('rejects bad input %#', (window, now, zone, message) => {
    expect(() => getSloWindowRange(window, now, zone)).toThrow(message);
  });
});

describe('getSloWindowElapsedShare', () => {
  it.each<[SloWindow, string, number]>([
    [week, '2024-03-04T00:00:00Z', 0],
    [week, '2024-03-07T12:00:00Z', 0.5],
    [week, '2024-03-10T18:00:00Z', 0.9642857142857143],
    [month, '2024-02-15T12:00:00Z', 0.5],
    [month, '2024-02-01T00:00:00Z', 0],
    [rolling28d, '2024-02-01T00:00:00Z', 1],
  ])('%j at %s is %p', (window, now, share) => {
    expect(getSloWindowElapsedShare(window, now)).toBeCloseTo(share, 12);
  });

  it('is no-data, not NaN, at the exact start of a calendar window', () => {
    const now = '2024-04-01T00:00:00Z';
    expect(getSloWindowElapsedShare(month, now)).toBe(0);
    const budget = computeErrorBudget({ good: 0, total: 0 }, 0.999);
    expect(budget.state).toBe('no-data');
    const forecast = forecastBudgetExhaustion({
      remaining: budget.state === 'ok' ? budget.remaining : null,
      burnRate: null,
      window: month,
      now,
    });
    expect(forecast).toEqual({
      status: 'no-data',
      exhaustsAt: null,
      msToExhaustion: null,
      windowEnd: '2024-05-01T00:00:00.000Z',
      beforeWindowEnd: false,
    });
    expect(computeSloStatus({ budget, forecast })).toBe('no-data');
  });
});
