import {
  BudgetExhaustionForecast,
  forecastBudgetExhaustion,
} from './forecastBudgetExhaustion';
import { SloWindow } from './types';

const DAY = 24 * 60 * 60 * 1000;
const rolling30d: SloWindow = {
  kind: 'rolling',
  duration: '30d',
  ms: 30 * DAY,
};
const month: SloWindow = { kind: 'calendar', unit: 'month' };
const NOW = '2024-03-01T00:00:00Z';
const ROLLING_END = '2024-03-31T00:00:00.000Z';

describe('forecastBudgetExhaustion', () => {
  it.each<
    [
      string,
      number | null,
      number | null,
      SloWindow,
      string,
      BudgetExhaustionForecast,
    ]
  >([
    [
      'half left, burning 2x: 7.5 days',
      0.5,
      2,
      rolling30d,
      NOW,
      {
        status: 'forecast',
        exhaustsAt: '2024-03-08T12:00:00.000Z',
        msToExhaustion: 7.5 * DAY,
        windowEnd: ROLLING_END,
        beforeWindowEnd: true,
      },
    ],
    [
      'half left, burning 0.25x: 60 days, after the horizon',
      0.5,
      0.25,
      rolling30d,
      NOW,
      {
        status: 'forecast',
        exhaustsAt: '2024-04-30T00:00:00.000Z',
        msToExhaustion: 60 * DAY,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
    [
      'all left at 1x runs out exactly at the horizon',
      1,
      1,
      rolling30d,
      NOW,
      {
        status: 'forecast',
        exhaustsAt: ROLLING_END,
        msToExhaustion: 30 * DAY,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
    [
      'paging burn 14.4x with 10% left: 5 hours',
      0.1,
      14.4,
      rolling30d,
      NOW,
      {
        status: 'forecast',
        exhaustsAt: '2024-03-01T05:00:00.000Z',
        msToExhaustion: 5 * 60 * 60 * 1000,
        windowEnd: ROLLING_END,
        beforeWindowEnd: true,
      },
    ],
    // Calendar windows: 14 days of February 2024 have passed (T). The
    // budget is measured over T, so it runs out after T x remaining / (b - 1).
    [
      'calendar month, half left, burning 2x: 7 days, before its end',
      0.5,
      2,
      month,
      '2024-02-15T00:00:00Z',
      {
        status: 'forecast',
        exhaustsAt: '2024-02-22T00:00:00.000Z',
        msToExhaustion: 7 * DAY,
        windowEnd: '2024-03-01T00:00:00.000Z',
        beforeWindowEnd: true,
      },
    ],
    [
      'calendar month, half left, burning 1.25x: 28 days, after its end',
      0.5,
      1.25,
      month,
      '2024-02-15T00:00:00Z',
      {
        status: 'forecast',
        exhaustsAt: '2024-03-14T00:00:00.000Z',
        msToExhaustion: 28 * DAY,
        windowEnd: '2024-03-01T00:00:00.000Z',
        beforeWindowEnd: false,
      },
    ],
    [
      // Errors at exactly the allowed rate keep the month's error ratio
      // below the allowed one: the budget never runs out. (Spreading the
      // remaining half over the whole month said Feb 29, and at-risk.)
      'calendar month, half left, burning 1x: never',
      0.5,
      1,
      month,
      '2024-02-15T00:00:00Z',
      {
        status: 'never',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: '2024-03-01T00:00:00.000Z',
        beforeWindowEnd: false,
      },
    ],
    [
      'calendar month, half left, burning 0.9x: never',
      0.5,
      0.9,
      month,
      '2024-02-11T00:00:00Z',
      {
        status: 'never',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: '2024-03-01T00:00:00.000Z',
        beforeWindowEnd: false,
      },
    ],
    [
      'already exhausted',
      0,
      3,
      rolling30d,
      NOW,
      {
        status: 'exhausted',
        exhaustsAt: null,
        msToExhaustion: 0,
        windowEnd: ROLLING_END,
        beforeWindowEnd: true,
      },
    ],
    [
      'overspent, even without a burn rate',
      -0.3,
      null,
      rolling30d,
      NOW,
      {
        status: 'exhausted',
        exhaustsAt: null,
        msToExhaustion: 0,
        windowEnd: ROLLING_END,
        beforeWindowEnd: true,
      },
    ],
    [
      'no errors: never',
      0.8,
      0,
      rolling30d,
      NOW,
      {
        status: 'never',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
    [
      'negative burn rate: never',
      0.8,
      -1,
      rolling30d,
      NOW,
      {
        status: 'never',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
    [
      'burn rate too small for a date: never, not Infinity',
      0.8,
      1e-300,
      rolling30d,
      NOW,
      {
        status: 'never',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
    [
      'unknown budget',
      null,
      2,
      rolling30d,
      NOW,
      {
        status: 'no-data',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
    [
      'unknown burn rate',
      0.5,
      null,
      rolling30d,
      NOW,
      {
        status: 'no-data',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
    [
      'NaN burn rate',
      0.5,
      NaN,
      rolling30d,
      NOW,
      {
        status: 'no-data',
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd: ROLLING_END,
        beforeWindowEnd: false,
      },
    ],
  ])('%s', (_name, remaining, burnRate, window, now, expected) => {
    expect(
      forecastBudgetExhaustion({ remaining, burnRate, window, now }),
    ).toEqual(expected);
  });
});
