import {
  NO_VALUE,
  formatBudget,
  formatBurnRate,
  formatCalendarDate,
  formatDate,
  formatExpiry,
  formatDuration,
  formatEntityRefShort,
  formatErrorMessage,
  formatHours,
  formatNumber,
  formatResponseTime,
  formatShare,
  formatErrorRatio,
  formatForecast,
  formatObjective,
  formatPercent,
  formatProblem,
  formatRelativeTime,
  formatSli,
  formatSloStatus,
  tierTitle,
  getPercentDecimals,
} from './format';

const now = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('getPercentDecimals', () => {
  it.each([
    [0.9, 0],
    [0.99, 0],
    [0.999, 1],
    [0.9995, 2],
    [0.99999, 3],
    [0.999995, 4],
    [0.123456789, 6],
  ])('%p needs %p decimals', (fraction, decimals) => {
    expect(getPercentDecimals(fraction)).toBe(decimals);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.999, '99.9%'],
    [0.9995, '99.95%'],
    [0.99, '99%'],
    [1, '100%'],
    [0, '0%'],
    [0.5, '50%'],
    // cut, not rounded: never up to the objective or to 100%
    [0.998999, '99.899%'],
    [0.999996, '>99.999%'],
    [0.9999999, '>99.999%'],
    [0.99999, '99.999%'],
    [0.42156, '42.156%'],
    [null, NO_VALUE],
    [undefined, NO_VALUE],
    [NaN, NO_VALUE],
    [Infinity, NO_VALUE],
    [-Infinity, NO_VALUE],
  ])('%p is %p', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });

  it('takes more decimals when asked', () => {
    expect(formatPercent(0.999996, { decimals: 4 })).toBe('99.9996%');
    expect(formatPercent(0.95, { decimals: 0 })).toBe('95%');
    expect(formatPercent(0.999, { decimals: 0 })).toBe('>99%');
  });
});

describe('formatObjective', () => {
  it.each([
    [0.999, '99.9%'],
    [0.9995, '99.95%'],
    [0.99995, '99.995%'],
    [0.999995, '99.9995%'],
    [0.95, '95%'],
    [null, NO_VALUE],
  ])('%p is %p', (objective, text) => {
    expect(formatObjective(objective)).toBe(text);
  });
});

describe('formatSli', () => {
  it.each([
    [0.9995, 0.999, '99.95%'],
    [0.99899, 0.999, '99.899%'],
    [0.9989999, 0.999, '99.899%'],
    [0.99999, 0.999995, '99.999%'],
    [0.9999949, 0.999995, '99.9994%'],
    [0.999996, 0.999, '>99.999%'],
    [1, 0.999, '100%'],
    [null, 0.999, NO_VALUE],
  ])('%p against %p is %p', (sli, objective, text) => {
    expect(formatSli(sli, objective)).toBe(text);
  });
});

describe('formatBudget', () => {
  it.each([
    [0.421, '42.1%'],
    [0.42156, '42.1%'],
    [0.4219, '42.1%'],
    [0.99996, '99.9%'],
    [1, '100.0%'],
    [0.00004, '<0.1%'],
    [0.001, '0.1%'],
    [0, '0.0%'],
    [-2.5, '-250.0%'],
    [-2.50004, '-250.1%'],
    [-999, '-99,900.0%'],
    [-0.0001, '-0.1%'],
    [null, NO_VALUE],
    [NaN, NO_VALUE],
    [-Infinity, NO_VALUE],
  ])('%p is %p', (fraction, text) => {
    expect(formatBudget(fraction)).toBe(text);
  });
});

describe('formatErrorRatio', () => {
  it.each([
    [0.0012345, '0.123%'],
    [0.05, '5%'],
    [0, '0%'],
    [1, '100%'],
    [0.99999, '>99.9%'],
    [0.000001, '0.0001%'],
    [null, NO_VALUE],
  ])('%p is %p', (ratio, text) => {
    expect(formatErrorRatio(ratio)).toBe(text);
  });
});

describe('formatBurnRate', () => {
  it.each([
    [14.4, '14.4×'],
    [13.44, '13.44×'],
    [0.9333333, '0.93×'],
    [1, '1×'],
    [0, '0×'],
    [250.55, '250.6×'],
    [1000, '1,000×'],
    [null, NO_VALUE],
    [Infinity, NO_VALUE],
    [NaN, NO_VALUE],
  ])('%p is %p', (rate, text) => {
    expect(formatBurnRate(rate)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [3 * DAY + 4 * HOUR + 59 * 60 * 1000, '3 d 4 h'],
    [3 * DAY, '3 d'],
    [2 * HOUR + 5 * 60 * 1000, '2 h 5 min'],
    [2 * HOUR, '2 h'],
    [12 * 60 * 1000 + 30 * 1000, '12 min'],
    [30 * 1000, '<1 min'],
    [400 * DAY, '400 d'],
    [-1, NO_VALUE],
    [null, NO_VALUE],
    [Infinity, NO_VALUE],
  ])('%p ms is %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatRelativeTime', () => {
  it.each([
    ['2026-03-10T11:59:30.000Z', 'just now'],
    ['2026-03-10T11:55:00.000Z', '5 min ago'],
    ['2026-03-10T09:30:00.000Z', '2 h ago'],
    ['2026-03-07T11:00:00.000Z', '3 d ago'],
    ['2026-03-10T14:00:00.000Z', 'in 2 h'],
    ['not a date', NO_VALUE],
    [null, NO_VALUE],
  ])('%p is %p', (time, text) => {
    expect(formatRelativeTime(time, now)).toBe(text);
  });
});

describe('formatForecast', () => {
  const windowEnd = '2026-04-07T12:00:00.000Z';
  it.each([
    [
      {
        status: 'exhausted' as const,
        exhaustsAt: null,
        msToExhaustion: 0,
        windowEnd,
        beforeWindowEnd: true,
      },
      'Budget exhausted',
    ],
    [
      {
        status: 'forecast' as const,
        exhaustsAt: new Date(now.getTime() + 3 * DAY + 4 * HOUR).toISOString(),
        msToExhaustion: 3 * DAY + 4 * HOUR,
        windowEnd,
        beforeWindowEnd: true,
      },
      'Runs out in 3 d 4 h (before the window ends)',
    ],
    [
      {
        status: 'forecast' as const,
        exhaustsAt: new Date(now.getTime() + 40 * DAY).toISOString(),
        msToExhaustion: 40 * DAY,
        windowEnd,
        beforeWindowEnd: false,
      },
      'Runs out in 40 d (after the window ends)',
    ],
    [
      {
        status: 'never' as const,
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd,
        beforeWindowEnd: false,
      },
      'Not running out at the current rate',
    ],
    [
      {
        status: 'no-data' as const,
        exhaustsAt: null,
        msToExhaustion: null,
        windowEnd,
        beforeWindowEnd: false,
      },
      NO_VALUE,
    ],
    [undefined, NO_VALUE],
  ])('%p is %p', (forecast, text) => {
    expect(formatForecast(forecast, now)).toBe(text);
  });
});

describe('formatSloStatus', () => {
  it.each([
    ['breaching' as const, 'Breaching'],
    ['at-risk' as const, 'At risk'],
    ['healthy' as const, 'Healthy'],
    ['no-data' as const, 'No data'],
    ['no-slo' as const, 'No SLOs'],
  ])('%p is %p', (status, text) => {
    expect(formatSloStatus(status)).toBe(text);
  });
});

describe('formatProblem', () => {
  it.each([
    [
      {
        source: 'slo',
        message: 'objective must be below 1',
        file: 'slos.yaml',
        line: 12,
      },
      'slos.yaml:12: objective must be below 1',
    ],
    [
      {
        source: 'slo',
        message: 'slos.yaml:12: objective must be below 1',
        file: 'slos.yaml',
        line: 12,
      },
      'slos.yaml:12: objective must be below 1',
    ],
    [
      { source: 'slo', message: 'not found', file: 'slos.yaml' },
      'slos.yaml: not found',
    ],
    [{ source: 'slo', message: 'bad selector' }, 'bad selector'],
  ])('%p is %p', (problem, text) => {
    expect(formatProblem(problem)).toBe(text);
  });
});

describe('formatResponseTime', () => {
  const SECOND = 1000;
  const MINUTE = 60 * SECOND;
  it.each([
    [4 * MINUTE + 30 * SECOND, '4 m 30 s'],
    [4 * MINUTE + 30 * SECOND + 999, '4 m 30 s'],
    [2 * HOUR + 5 * MINUTE + 59 * SECOND, '2 h 5 m'],
    [2 * HOUR, '2 h'],
    [3 * DAY + 4 * HOUR + 59 * MINUTE, '3 d 4 h'],
    [45 * SECOND, '45 s'],
    [5 * MINUTE, '5 m'],
    [500, '<1 s'],
    [0, '0 s'],
    [-1, NO_VALUE],
    [null, NO_VALUE],
    [undefined, NO_VALUE],
    [NaN, NO_VALUE],
    [Infinity, NO_VALUE],
  ])('%p ms is %p', (ms, text) => {
    expect(formatResponseTime(ms)).toBe(text);
  });
});

describe('formatNumber and formatHours', () => {
  it.each([
    [12, '12', '12 h'],
    [1204, '1,204', '1,204 h'],
    [2.345, '2.3', '2.3 h'],
    [0, '0', '0 h'],
    [0.01, '<0.1', '<0.1 h'],
    [null, NO_VALUE, NO_VALUE],
    [NaN, NO_VALUE, NO_VALUE],
    [Infinity, NO_VALUE, NO_VALUE],
  ])('%p is %p and %p', (value, number, hours) => {
    expect(formatNumber(value)).toBe(number);
    expect(formatHours(value)).toBe(hours);
  });
});

describe('formatShare', () => {
  it.each([
    [0.125, '12.5%'],
    [0.75, '75%'],
    [1, '100%'],
    [0.9999, '>99.9%'],
    [0, '0%'],
    [null, NO_VALUE],
    [NaN, NO_VALUE],
  ])('%p is %p', (fraction, text) => {
    expect(formatShare(fraction)).toBe(text);
  });
});

describe('formatCalendarDate', () => {
  it.each([
    ['2026-01-05', 'Jan 5'],
    ['2026-12-31', 'Dec 31'],
    ['not a date', NO_VALUE],
  ])('%p is %p', (date, text) => {
    expect(formatCalendarDate(date)).toBe(text);
  });
});

describe('formatErrorMessage', () => {
  it.each([
    [
      {
        name: 'ResponseError',
        message: 'Request failed with 403 Forbidden',
        body: { error: { name: 'NotAllowedError', message: 'Not yours' } },
        cause: { name: 'NotAllowedError', message: 'Not yours' },
      },
      'Not yours',
    ],
    [{ message: 'x', cause: { message: 'from the cause' } }, 'from the cause'],
    [new Error('plain'), 'plain'],
    ['text', 'text'],
    [undefined, 'Unknown error'],
  ])('%p is %p', (error, text) => {
    expect(formatErrorMessage(error)).toBe(text);
  });
});

describe('formatEntityRefShort', () => {
  it.each([
    ['user:default/ada', 'ada'],
    ['group:ops/team-a', 'ops/team-a'],
    ['team-a', 'team-a'],
    ['', NO_VALUE],
  ])('%p is %p', (ref, text) => {
    expect(formatEntityRefShort(ref)).toBe(text);
  });
});

describe('formatExpiry', () => {
  const at = new Date('2026-11-26T12:00:00.000Z');
  it.each([
    ['2026-12-05T11:59:00.000Z', 'expires in 8 days'],
    ['2026-12-06T12:00:00.000Z', 'expires in 10 days'],
    ['2026-11-27T13:00:00.000Z', 'expires in 1 day'],
    ['2026-11-26T17:30:00.000Z', 'expires in 5 h 30 min'],
    ['2026-03-03T12:00:00.000Z', 'expired on Mar 3, 2026'],
    [null, NO_VALUE],
  ])('%s is %s', (time, expected) => {
    expect(formatExpiry(time, at)).toBe(expected);
  });
});

describe('formatDate and tierTitle', () => {
  it('formats a date with its year', () => {
    expect(formatDate('2027-02-24T12:00:00.000Z')).toBe('Feb 24, 2027');
    expect(formatDate(undefined)).toBe(NO_VALUE);
  });

  it('names tiers', () => {
    expect(tierTitle('tier-1')).toBe('Tier 1');
    expect(tierTitle('platinum')).toBe('platinum');
    expect(tierTitle(null)).toBe('No tier');
  });
});
