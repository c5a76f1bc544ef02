import { InputError } from '@backstage/errors';
import {
  PROMETHEUS_MAX_POINTS_PER_SERIES,
  chooseStep,
  countRangePoints,
} from './chooseStep';
import { DAY, HOUR, MINUTE } from '../../__testUtils__/time';

const START = new Date('2026-01-01T00:00:00Z');

const after = (ms: number) => new Date(START.getTime() + ms);

describe('chooseStep', () => {
  it.each([
    ['1 second', 1_000, 15],
    ['5 minutes', 5 * MINUTE, 15],
    ['1 hour', HOUR, 15],
    ['1 day', DAY, 15],
    ['1 day + 1 hour', DAY + HOUR, 15],
    ['2 days', 2 * DAY, 30],
    ['7 days', 7 * DAY, 60],
    ['28 days', 28 * DAY, 300],
    ['30 days', 30 * DAY, 300],
    ['90 days', 90 * DAY, 900],
    ['1 year', 365 * DAY, 3_600],
    ['3 years', 3 * 365 * DAY, 10_800],
    ['10 years', 3_650 * DAY, 43_200],
    ['30 years', 30 * 365 * DAY, 86_400],
    ['100 years', 36_500 * DAY, 345_600],
  ])('picks a nice step for %s', (_, rangeMs, expected) => {
    const end = after(rangeMs);
    const step = chooseStep(START, end);
    expect(step).toBe(expected);
    expect(countRangePoints(START, end, step)).toBeLessThanOrEqual(
      PROMETHEUS_MAX_POINTS_PER_SERIES,
    );
  });

  it('keeps every range from 1s to 1000 days within the points limit with a positive whole-second step', () => {
    for (let ms = 1_000; ms < 1_000 * DAY; ms = Math.ceil(ms * 1.37)) {
      const end = after(ms);
      const step = chooseStep(START, end);
      expect(step).toBeGreaterThan(0);
      expect(Number.isInteger(step)).toBe(true);
      expect(countRangePoints(START, end, step)).toBeLessThanOrEqual(11_000);
    }
  });

  it('keeps within small points limits, where the +1 point matters', () => {
    for (const maxPoints of [2, 3, 5, 11, 100, 1_000]) {
      for (let ms = 1_000; ms < 400 * DAY; ms = Math.ceil(ms * 1.11)) {
        const end = after(ms);
        const step = chooseStep(START, end, { maxPoints, minStep: 1 });
        expect(countRangePoints(START, end, step)).toBeLessThanOrEqual(
          maxPoints,
        );
      }
    }
  });

  it.each([
    ['10 seconds with 5 points', 10_000, { maxPoints: 5, minStep: 1 }, 5],
    ['1 hour with minStep 1', HOUR, { minStep: 1 }, 1],
    ['1 hour with 100 points', HOUR, { maxPoints: 100, minStep: 1 }, 60],
    ['30 days with 1000 points', 30 * DAY, { maxPoints: 1000 }, 3_600],
    ['1 minute with minStep 0.5', MINUTE, { minStep: 0.5 }, 1],
  ])('honours options: %s', (_, rangeMs, options, expected) => {
    expect(chooseStep(START, after(rangeMs), options)).toBe(expected);
  });

  it.each([
    ['start after end', after(HOUR), START, /must be before its end/],
    ['start equal to end', START, START, /must be before its end/],
    ['an invalid start', new Date('nope'), START, /valid dates/],
    ['an invalid end', START, new Date(NaN), /valid dates/],
  ])('rejects %s', (_, start, end, message) => {
    expect(() => chooseStep(start, end)).toThrow(InputError);
    expect(() => chooseStep(start, end)).toThrow(message);
  });

  it.each([
    [{ maxPoints: 1 }],
    [{ maxPoints: 2.5 }],
    [{ minStep: 0 }],
    [{ minStep: -5 }],
  ])('rejects invalid options %p', options => {
    expect(() => chooseStep(START, after(HOUR), options)).toThrow(InputError);
  });
});

describe('countRangePoints', () => {
  it.each([
    [HOUR, 15, 241],
    [HOUR, 7, 515],
    [30 * DAY, 300, 8_641],
    [1_000, 15, 1],
  ])(
    'counts points of a %pms range with step %p',
    (rangeMs, step, expected) => {
      expect(countRangePoints(START, after(rangeMs), step)).toBe(expected);
    },
  );
});
