import {
  ISO_WEEK_MAX_YEAR,
  ISO_WEEK_MIN_YEAR,
  addUtcDays,
  isoWeekLabel,
  isoWeekStart,
  parseIsoWeek,
  recentIsoWeeks,
  toIsoWeek,
} from './isoWeek';

/** A reference ISO week computed the textbook way, for cross-checking. */
function referenceIsoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

describe('toIsoWeek / isoWeekStart', () => {
  it.each([
    // day, week, Monday
    ['2026-11-26', '2026-W48', '2026-11-23'],
    ['2026-12-31', '2026-W53', '2026-12-28'],
    ['2027-01-01', '2026-W53', '2026-12-28'],
    ['2027-01-03', '2026-W53', '2026-12-28'],
    ['2027-01-04', '2027-W01', '2027-01-04'],
    ['2020-12-31', '2020-W53', '2020-12-28'],
    ['2021-01-01', '2020-W53', '2020-12-28'],
    ['2021-01-03', '2020-W53', '2020-12-28'],
    ['2021-01-04', '2021-W01', '2021-01-04'],
    ['2019-12-30', '2020-W01', '2019-12-30'],
    ['2024-12-30', '2025-W01', '2024-12-30'],
    ['2018-12-31', '2019-W01', '2018-12-31'],
    // leap years: 29 February and the last days of the year
    ['2024-02-29', '2024-W09', '2024-02-26'],
    ['2024-12-31', '2025-W01', '2024-12-30'],
    ['2028-02-29', '2028-W09', '2028-02-28'],
    ['2000-02-29', '2000-W09', '2000-02-28'],
    ['2004-12-31', '2004-W53', '2004-12-27'],
    ['2032-12-31', '2032-W53', '2032-12-27'],
  ])('%s is in %s (Monday %s)', (day, week, monday) => {
    expect(toIsoWeek(`${day}T12:00:00Z`)).toBe(week);
    expect(toIsoWeek(new Date(`${day}T23:59:59.999Z`))).toBe(week);
    expect(isoWeekStart(`${day}T00:00:00Z`)).toBe(monday);
    expect(isoWeekLabel(monday)).toBe(week);
    expect(parseIsoWeek(week)).toBe(monday);
  });

  it('agrees with the textbook algorithm on every day from 1999 to 2040', () => {
    for (
      let day = '1999-01-01';
      day <= '2040-12-31';
      day = addUtcDays(day, 1)
    ) {
      expect(toIsoWeek(`${day}T06:00:00Z`)).toBe(referenceIsoWeek(day));
    }
  });

  it('reads the instant in UTC', () => {
    // Sunday 23:30 in New York is Monday 04:30 UTC.
    expect(toIsoWeek('2027-01-03T23:30:00-05:00')).toBe('2027-W01');
  });
});

describe('parseIsoWeek', () => {
  it.each([
    ['2026-W00'],
    ['2026-W54'],
    ['2021-W53'],
    ['2027-W53'],
    ['2026-W5'],
    ['26-W05'],
    ['2026W05'],
    [''],
  ])('rejects %j', label => {
    expect(parseIsoWeek(label)).toBeUndefined();
  });

  it('bounds the year', () => {
    expect(parseIsoWeek(`${ISO_WEEK_MIN_YEAR}-W10`)).toBeDefined();
    expect(parseIsoWeek(`${ISO_WEEK_MAX_YEAR}-W10`)).toBeDefined();
    expect(parseIsoWeek('0999-W10')).toBeUndefined();
    expect(parseIsoWeek('0020-W01')).toBeUndefined();
    expect(parseIsoWeek('1999-W52')).toBeUndefined();
    expect(parseIsoWeek('3000-W01')).toBeUndefined();
    expect(parseIsoWeek('9999-W52')).toBeUndefined();
  });
});

describe('addUtcDays', () => {
  it('crosses months, leap days and years', () => {
    expect(addUtcDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addUtcDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addUtcDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addUtcDays('2027-01-04', -7)).toBe('2026-12-28');
  });
});

describe('recentIsoWeeks', () => {
  it('lists the last weeks, the current one first, across a year boundary', () => {
    expect(recentIsoWeeks(3, new Date('2027-01-05T00:00:00Z'))).toEqual([
      '2027-W01',
      '2026-W53',
      '2026-W52',
    ]);
  });
});
