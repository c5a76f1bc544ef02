import { computePagesPerDay } from './computePagesPerDay';
import { AlertQualityTimeRange, Incident } from './types';
import { pageDay } from './__testUtils__/incidents';

function page(
  id: string,
  createdAt: string,
  urgency: 'high' | 'low' = 'high',
): Incident {
  return {
    id,
    source: 'demo',
    title: id,
    urgency,
    status: 'triggered',
    createdAt,
  };
}

const day = pageDay;

describe('computePagesPerDay', () => {
  it.each<{
    name: string;
    timeZone: string;
    range: AlertQualityTimeRange;
    incidents: Incident[];
    expected: ReturnType<typeof day>[];
  }>([
    {
      name: 'UTC: every day present, zeros included; range is half-open',
      timeZone: 'UTC',
      range: { start: '2026-03-02T00:00:00Z', end: '2026-03-05T00:00:00Z' },
      incidents: [
        page('before', '2026-03-01T23:59:59.999Z'),
        page('mon-business', '2026-03-02T10:00:00Z'),
        page('mon-sleep', '2026-03-02T23:00:00Z'),
        page('tue-off', '2026-03-03T19:00:00Z'),
        page('tue-low', '2026-03-03T19:30:00Z', 'low'),
        page('at-end', '2026-03-05T00:00:00Z'),
      ],
      expected: [
        day('2026-03-02', 1, 0, 1),
        day('2026-03-03', 0, 1, 0),
        day('2026-03-04'),
      ],
    },
    {
      name: 'Europe/Berlin spring forward: the 23h day is one day',
      timeZone: 'Europe/Berlin',
      // 2026-03-28 00:00 CET .. 2026-03-30 00:00 CEST
      range: { start: '2026-03-27T23:00:00Z', end: '2026-03-29T22:00:00Z' },
      incidents: [
        page('sat-0030', '2026-03-27T23:30:00Z'), // Sat 28th 00:30 CET (UTC date 27th)
        page('sun-0030', '2026-03-28T23:30:00Z'), // Sun 29th 00:30 CET (UTC date 28th)
        page('sun-1200', '2026-03-29T10:00:00Z'), // Sun 12:00 CEST
        page('sun-2330', '2026-03-29T21:30:00Z'), // Sun 23:30 CEST
      ],
      expected: [day('2026-03-28', 0, 0, 1), day('2026-03-29', 0, 1, 2)],
    },
    {
      name: 'Europe/Berlin fall back: the 25h day is one day',
      timeZone: 'Europe/Berlin',
      // 2026-10-25 00:00 CEST .. 2026-10-26 00:00 CET
      range: { start: '2026-10-24T22:00:00Z', end: '2026-10-25T23:00:00Z' },
      incidents: [
        page('0030', '2026-10-24T22:30:00Z'), // 00:30 CEST (UTC date 24th)
        page('0230-cest', '2026-10-25T00:30:00Z'), // first 02:30
        page('0230-cet', '2026-10-25T01:30:00Z'), // second 02:30
        page('1300', '2026-10-25T12:00:00Z'), // Sunday 13:00 CET: off
        page('2330', '2026-10-25T22:30:00Z'), // 23:30 CET
        page('next-day', '2026-10-25T23:00:00Z'), // Mon 00:00 CET: at the end
      ],
      expected: [day('2026-10-25', 0, 1, 4)],
    },
    {
      name: 'Asia/Tokyo: partial first and last days are present',
      timeZone: 'Asia/Tokyo',
      // Mon 2026-03-02 12:00 JST .. Wed 2026-03-04 12:00 JST
      range: { start: '2026-03-02T03:00:00Z', end: '2026-03-04T03:00:00Z' },
      incidents: [
        page('before', '2026-03-02T02:00:00Z'), // Mon 11:00 JST, before start
        page('tue-0030', '2026-03-02T15:30:00Z'), // Tue 00:30 JST (UTC Mon)
        page('wed-1100', '2026-03-04T02:00:00Z'), // Wed 11:00 JST
      ],
      expected: [
        day('2026-03-02'),
        day('2026-03-03', 0, 0, 1),
        day('2026-03-04', 1, 0, 0),
      ],
    },
    {
      name: 'America/New_York: a week across the DST start',
      timeZone: 'America/New_York',
      // Thu 2026-03-05 00:00 EST .. Thu 2026-03-12 00:00 EDT
      range: { start: '2026-03-05T05:00:00Z', end: '2026-03-12T04:00:00Z' },
      incidents: [
        page('thu-2200', '2026-03-06T03:00:00Z'), // Thu 5th 22:00 EST
        page('mon-0930', '2026-03-09T13:30:00Z'), // Mon 9th 09:30 EDT
        page('wed-2330', '2026-03-12T03:30:00Z'), // Wed 11th 23:30 EDT (UTC Thu)
      ],
      expected: [
        day('2026-03-05', 0, 0, 1),
        day('2026-03-06'),
        day('2026-03-07'),
        day('2026-03-08'),
        day('2026-03-09', 1, 0, 0),
        day('2026-03-10'),
        day('2026-03-11', 0, 0, 1),
      ],
    },
  ])('$name', ({ timeZone, range, incidents, expected }) => {
    expect(
      computePagesPerDay(incidents, range, { businessHours: { timeZone } }),
    ).toEqual(expected);
  });
});
