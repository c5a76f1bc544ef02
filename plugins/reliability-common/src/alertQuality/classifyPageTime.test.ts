import { classifyPageTime } from './classifyPageTime';
import { PageTimeBucket } from './types';

const berlin = { businessHours: { timeZone: 'Europe/Berlin' } };
const tokyo = { businessHours: { timeZone: 'Asia/Tokyo' } };
const newYork = { businessHours: { timeZone: 'America/New_York' } };

describe('classifyPageTime', () => {
  it.each<[string, string, object, PageTimeBucket]>([
    // Defaults: UTC, Monday-Friday 09:00-18:00, sleep 22:00-07:00.
    ['Wed 10:00 UTC', '2026-03-04T10:00:00Z', {}, 'business'],
    ['business start is inclusive', '2026-03-04T09:00:00Z', {}, 'business'],
    ['one ms before business start', '2026-03-04T08:59:59.999Z', {}, 'off'],
    ['last minute of business', '2026-03-04T17:59:00Z', {}, 'business'],
    ['business end is exclusive', '2026-03-04T18:00:00Z', {}, 'off'],
    ['sleep start is inclusive', '2026-03-04T22:00:00Z', {}, 'sleep'],
    ['before sleep end', '2026-03-04T06:59:59.999Z', {}, 'sleep'],
    ['sleep end is exclusive', '2026-03-04T07:00:00Z', {}, 'off'],
    ['Saturday noon', '2026-03-07T12:00:00Z', {}, 'off'],
    [
      'Saturday night is sleep regardless of weekday',
      '2026-03-07T23:00:00Z',
      {},
      'sleep',
    ],
    ['offsets are read', '2026-03-04T10:00:00+09:00', {}, 'sleep'], // 01:00Z
    // Asia/Tokyo (UTC+9, no DST)
    ['Tokyo Wed 09:30', '2026-03-04T00:30:00Z', tokyo, 'business'],
    ['Tokyo Wed 22:30', '2026-03-04T13:30:00Z', tokyo, 'sleep'],
    ['Tokyo Fri 19:00', '2026-03-06T10:00:00Z', tokyo, 'off'],
    ['Tokyo Sat 01:00 (Fri 16:00 UTC)', '2026-03-06T16:00:00Z', tokyo, 'sleep'],
    ['Tokyo Sat 09:30 (Sat 00:30 UTC)', '2026-03-07T00:30:00Z', tokyo, 'off'],
    // America/New_York: DST starts Sun 2026-03-08 (EST -5 -> EDT -4)
    ['New York Fri 09:00 EST', '2026-03-06T14:00:00Z', newYork, 'business'],
    [
      'New York Mon 08:30 EST (13:30 UTC)',
      '2026-03-02T13:30:00Z',
      newYork,
      'off',
    ],
    [
      'New York Mon 09:30 EDT (same 13:30 UTC)',
      '2026-03-09T13:30:00Z',
      newYork,
      'business',
    ],
    [
      'New York Mon 22:30 EDT is Tue in UTC',
      '2026-03-10T02:30:00Z',
      newYork,
      'sleep',
    ],
    // Europe/Berlin spring forward Sun 2026-03-29 02:00 CET -> 03:00 CEST
    ['Berlin 01:59 CET', '2026-03-29T00:59:00Z', berlin, 'sleep'],
    ['Berlin 03:00 CEST', '2026-03-29T01:00:00Z', berlin, 'sleep'],
    ['Berlin 06:59 CEST', '2026-03-29T04:59:00Z', berlin, 'sleep'],
    ['Berlin 07:00 CEST (Sunday)', '2026-03-29T05:00:00Z', berlin, 'off'],
    ['Berlin Fri 08:00 CET', '2026-03-27T07:00:00Z', berlin, 'off'],
    ['Berlin Fri 09:00 CET', '2026-03-27T08:00:00Z', berlin, 'business'],
    [
      'Berlin Mon 09:00 CEST (07:00 UTC)',
      '2026-03-30T07:00:00Z',
      berlin,
      'business',
    ],
    // Europe/Berlin fall back Sun 2026-10-25 03:00 CEST -> 02:00 CET
    ['Berlin 02:30 CEST (first)', '2026-10-25T00:30:00Z', berlin, 'sleep'],
    ['Berlin 02:30 CET (second)', '2026-10-25T01:30:00Z', berlin, 'sleep'],
    ['Berlin 06:30 CET', '2026-10-25T05:30:00Z', berlin, 'sleep'],
    ['Berlin 07:00 CET (Sunday)', '2026-10-25T06:00:00Z', berlin, 'off'],
    ['Berlin Fri 18:00 CEST', '2026-10-23T16:00:00Z', berlin, 'off'],
    [
      'Berlin Mon 17:30 CET (16:30 UTC)',
      '2026-10-26T16:30:00Z',
      berlin,
      'business',
    ],
    // Custom hours
    [
      'weekend team works Saturday',
      '2026-03-07T12:00:00Z',
      { businessHours: { days: [6, 7] } },
      'business',
    ],
    [
      'custom sleep 23:00-06:00',
      '2026-03-04T22:30:00Z',
      { sleepHours: { start: '23:00', end: '06:00' } },
      'off',
    ],
    [
      'non-wrapping sleep 01:00-05:00, before it',
      '2026-03-04T00:30:00Z',
      { sleepHours: { start: '01:00', end: '05:00' } },
      'off',
    ],
    [
      'non-wrapping sleep 01:00-05:00, in it',
      '2026-03-04T01:00:00Z',
      { sleepHours: { start: '01:00', end: '05:00' } },
      'sleep',
    ],
    [
      'empty sleep hours (start = end)',
      '2026-03-04T03:00:00Z',
      { sleepHours: { start: '00:00', end: '00:00' } },
      'off',
    ],
    [
      'business until 24:00',
      '2026-03-04T21:30:00Z',
      {
        businessHours: { end: '24:00' },
        sleepHours: { start: '23:00', end: '06:00' },
      },
      'business',
    ],
  ])('%s (%s)', (_, createdAt, options, expected) => {
    expect(classifyPageTime(createdAt, options)).toBe(expected);
  });

  it('accepts Date and epoch milliseconds', () => {
    expect(classifyPageTime(new Date('2026-03-04T10:00:00Z'))).toBe('business');
    expect(classifyPageTime(Date.parse('2026-03-04T23:00:00Z'))).toBe('sleep');
  });

  it.each<[string, unknown, object, RegExp]>([
    [
      'unknown time zone',
      '2026-03-04T10:00:00Z',
      { businessHours: { timeZone: 'Mars/Olympus' } },
      /Invalid time zone "Mars\/Olympus"/,
    ],
    [
      'bad clock',
      '2026-03-04T10:00:00Z',
      { businessHours: { start: '9am' } },
      /Invalid business hours start "9am"/,
    ],
    [
      '25:00',
      '2026-03-04T10:00:00Z',
      { sleepHours: { end: '25:00' } },
      /Invalid sleep hours end "25:00"/,
    ],
    [
      'start after end',
      '2026-03-04T10:00:00Z',
      { businessHours: { start: '18:00', end: '09:00' } },
      /the start must be before the end/,
    ],
    [
      'weekday 0',
      '2026-03-04T10:00:00Z',
      { businessHours: { days: [0, 1] } },
      /expected ISO weekdays 1 \(Monday\) to 7 \(Sunday\)/,
    ],
    [
      'bad timestamp',
      'yesterday',
      {},
      /createdAt must be an ISO 8601 timestamp, got "yesterday"/,
    ],
  ])('rejects %s', (_, createdAt, options, message) => {
    expect(() => classifyPageTime(createdAt as string, options)).toThrow(
      message,
    );
  });
});
