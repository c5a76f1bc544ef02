import {
  addBusinessDays,
  endOfLocalDate,
  isBusinessDay,
  wholeDaysBetween,
} from './businessDays';
import { BusinessCalendar } from './types';

const MON_FRI = [1, 2, 3, 4, 5];
const cal = (
  timeZone: string,
  holidays: string[] = [],
  days = MON_FRI,
): BusinessCalendar => ({ timeZone, days, holidays });

describe('addBusinessDays', () => {
  it.each<[string, string, number, BusinessCalendar, string]>([
    // 2026-12-04 is a Friday
    [
      'Friday afternoon, 5 days: end of next Friday',
      '2026-12-04T15:00:00Z',
      5,
      cal('UTC'),
      '2026-12-12T00:00:00Z',
    ],
    [
      'Monday morning, 1 day: end of Tuesday',
      '2026-11-30T08:00:00Z',
      1,
      cal('UTC'),
      '2026-12-02T00:00:00Z',
    ],
    [
      'Saturday, 1 day: end of Monday',
      '2026-12-05T10:00:00Z',
      1,
      cal('UTC'),
      '2026-12-08T00:00:00Z',
    ],
    [
      'Sunday, 5 days: end of Friday',
      '2026-12-06T10:00:00Z',
      5,
      cal('UTC'),
      '2026-12-12T00:00:00Z',
    ],
    [
      '0 days: end of the same local day',
      '2026-12-04T15:00:00Z',
      0,
      cal('UTC'),
      '2026-12-05T00:00:00Z',
    ],
    [
      'a holiday on Monday moves the deadline a day',
      '2026-12-04T15:00:00Z',
      5,
      cal('UTC', ['2026-12-07']),
      '2026-12-15T00:00:00Z',
    ],
    [
      'Christmas and Boxing Day (Fri/Sat) skipped',
      '2026-12-23T12:00:00Z',
      2,
      cal('UTC', ['2026-12-25', '2026-12-26']),
      '2026-12-29T00:00:00Z',
    ],
    [
      'holidays in another zone’s dates do not matter at the weekend',
      '2026-12-04T15:00:00Z',
      1,
      cal('UTC', ['2026-12-05']),
      '2026-12-08T00:00:00Z',
    ],
    // time zones: 23:30 UTC Friday is Saturday 08:30 in Tokyo
    [
      'late Friday UTC is Saturday in Tokyo',
      '2026-12-04T23:30:00Z',
      1,
      cal('Asia/Tokyo'),
      '2026-12-07T15:00:00Z',
    ],
    [
      'late Friday UTC is still Friday in Los Angeles',
      '2026-12-04T23:30:00Z',
      1,
      cal('America/Los_Angeles'),
      '2026-12-08T08:00:00Z',
    ],
    [
      'Kathmandu (+05:45)',
      '2026-12-04T12:00:00Z',
      1,
      cal('Asia/Kathmandu'),
      '2026-12-07T18:15:00Z',
    ],
    // a Sunday-Thursday week
    [
      'Sunday-Thursday week: Friday and Saturday are off',
      '2026-12-03T10:00:00Z',
      1,
      cal('Asia/Jerusalem', [], [7, 1, 2, 3, 4]),
      '2026-12-06T22:00:00Z',
    ],
    // DST: New York springs forward on 2026-03-08, falls back on 2026-11-01
    [
      'DST start: deadline after the change is at -04:00',
      '2026-03-06T15:00:00Z',
      1,
      cal('America/New_York'),
      '2026-03-10T04:00:00Z',
    ],
    [
      'DST end: deadline after the change is at -05:00',
      '2026-10-30T15:00:00Z',
      1,
      cal('America/New_York'),
      '2026-11-03T05:00:00Z',
    ],
    [
      'DST in Europe (2026-03-29)',
      '2026-03-27T10:00:00Z',
      1,
      cal('Europe/Berlin'),
      '2026-03-30T22:00:00Z',
    ],
  ])('%s', (_name, from, n, calendar, expected) => {
    expect(addBusinessDays(from, n, calendar)).toBe(expected);
  });

  it('refuses a calendar without working days and bad input', () => {
    expect(() =>
      addBusinessDays('2026-12-04T15:00:00Z', 1, cal('UTC', [], [])),
    ).toThrow(/no working day/);
    expect(() =>
      addBusinessDays('2026-12-04T15:00:00Z', -1, cal('UTC')),
    ).toThrow(/whole number/);
    expect(() => addBusinessDays('not a date', 1, cal('UTC'))).toThrow(
      /invalid instant/,
    );
    expect(() =>
      addBusinessDays('2026-12-04T15:00:00Z', 1, cal('Mars/Olympus')),
    ).toThrow(/time zone/);
  });
});

describe('isBusinessDay, endOfLocalDate, wholeDaysBetween', () => {
  it.each<[string, BusinessCalendar, boolean]>([
    ['2026-12-04', cal('UTC'), true],
    ['2026-12-05', cal('UTC'), false],
    ['2026-12-25', cal('UTC', ['2026-12-25']), false],
    ['2026-12-04', cal('UTC', [], [7, 1, 2, 3, 4]), false],
  ])('%s', (date, calendar, expected) => {
    expect(isBusinessDay(date, calendar)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['2026-12-04', 'UTC', '2026-12-05T00:00:00Z'],
    ['2026-12-04', 'Europe/Berlin', '2026-12-04T23:00:00Z'],
    ['2026-03-07', 'America/New_York', '2026-03-08T05:00:00Z'],
    ['2026-03-08', 'America/New_York', '2026-03-09T04:00:00Z'],
  ])('end of %s in %s', (date, zone, expected) => {
    expect(endOfLocalDate(date, zone)).toBe(expected);
  });

  it.each<[string, string, number]>([
    ['2026-12-01T00:00:00Z', '2026-12-01T23:59:59Z', 0],
    ['2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z', 2],
    ['2026-12-03T00:00:00Z', '2026-12-01T00:00:00Z', 0],
  ])('%s to %s', (a, b, expected) => {
    expect(wholeDaysBetween(a, b)).toBe(expected);
  });
});
