import { parseTime } from './parseTime';

// The suite also runs with TZ set to a zone with a non-whole-hour offset
// (scripts/test.sh): a time without an offset must still read as UTC.
describe('parseTime', () => {
  it.each([
    ['2026-03-01T12:00:00Z', '2026-03-01T12:00:00.000Z'],
    ['2026-03-01T12:00:00.123Z', '2026-03-01T12:00:00.123Z'],
    ['2026-03-01T12:00:00.123456Z', '2026-03-01T12:00:00.123Z'],
    ['2026-03-01T13:30:00+01:30', '2026-03-01T12:00:00.000Z'],
    ['2026-03-01T07:00:00-05:00', '2026-03-01T12:00:00.000Z'],
    // analytics answers in the requested time zone, without an offset
    ['2026-03-01T12:00:00', '2026-03-01T12:00:00.000Z'],
    ['2026-03-01T12:00:00.5', '2026-03-01T12:00:00.500Z'],
    ['2026-03-01 12:00:00', '2026-03-01T12:00:00.000Z'],
    [' 2026-03-01T12:00:00Z ', '2026-03-01T12:00:00.000Z'],
  ])('reads %j as %s', (input, expected) => {
    expect(new Date(parseTime(input)!).toISOString()).toBe(expected);
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    'yesterday',
    '2026-13-01T00:00:00Z',
    42,
  ])('returns undefined for %j', input => {
    expect(parseTime(input)).toBeUndefined();
  });
});
