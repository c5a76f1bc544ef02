import { calendarDayInZone, campaignDueInDays } from './campaignDue';

describe('campaignDueInDays', () => {
  it.each([
    // now, due day, zone, days
    ['2027-03-31T12:00:00Z', '2027-03-31', 'UTC', 0],
    ['2027-03-30T23:59:59Z', '2027-03-31', 'UTC', 1],
    ['2027-04-01T00:00:00Z', '2027-03-31', 'UTC', -1],
    ['2027-03-21T08:00:00Z', '2027-03-31', 'UTC', 10],
    ['2027-04-10T08:00:00Z', '2027-03-31', 'UTC', -10],
    // already the next day in Kathmandu (UTC+05:45): one day less
    ['2027-03-30T18:15:00Z', '2027-03-31', 'Asia/Kathmandu', 0],
    ['2027-03-30T18:14:59Z', '2027-03-31', 'Asia/Kathmandu', 1],
    // still the day before in Los Angeles (UTC-07:00 in summer time)
    ['2027-04-01T06:59:59Z', '2027-03-31', 'America/Los_Angeles', 0],
    ['2027-04-01T07:00:00Z', '2027-03-31', 'America/Los_Angeles', -1],
    // across a daylight-saving change (Berlin, 28 March 2027) and a leap day
    ['2027-03-27T12:00:00Z', '2027-03-29', 'Europe/Berlin', 2],
    ['2028-02-28T12:00:00Z', '2028-03-01', 'UTC', 2],
    // across a year
    ['2026-12-31T12:00:00Z', '2027-01-01', 'UTC', 1],
  ])('%s, due %s in %s: %i days', (now, due, zone, days) => {
    expect(campaignDueInDays(due, zone, new Date(now))).toBe(days);
  });
});

describe('calendarDayInZone', () => {
  it.each([
    ['2027-01-01T00:30:00Z', 'UTC', '2027-01-01'],
    ['2027-01-01T00:30:00Z', 'America/New_York', '2026-12-31'],
    ['2026-12-31T18:15:00Z', 'Asia/Kathmandu', '2027-01-01'],
  ])('%s in %s is %s', (at, zone, day) => {
    expect(calendarDayInZone(new Date(at), zone)).toBe(day);
  });
});
