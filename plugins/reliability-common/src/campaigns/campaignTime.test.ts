import {
  campaignDueAt,
  campaignStartAt,
  campaignState,
  dayInZone,
  dueInDays,
  isCalendarDay,
  isValidTimeZone,
  reminderStep,
  DEFAULT_CAMPAIGN_REMINDERS,
} from './campaignTime';

const berlin = {
  startDate: '2026-03-02',
  dueDate: '2026-03-29',
  timeZone: 'Europe/Berlin',
};

describe('campaign time', () => {
  it.each([
    // Berlin switches to summer time on 2026-03-29: that day has 23 hours,
    // so it ends at 22:00 UTC, not 23:00.
    ['Europe/Berlin', '2026-03-29', '2026-03-29T22:00:00.000Z'],
    ['Europe/Berlin', '2026-03-28', '2026-03-28T23:00:00.000Z'],
    // ... and back on 2026-10-25 (25 hours).
    ['Europe/Berlin', '2026-10-25', '2026-10-25T23:00:00.000Z'],
    ['UTC', '2026-03-29', '2026-03-30T00:00:00.000Z'],
    ['Asia/Kathmandu', '2026-03-29', '2026-03-29T18:15:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-09T04:00:00.000Z'],
  ])('in %s, %s is due at %s', (timeZone, dueDate, expected) => {
    expect(
      campaignDueAt({ startDate: dueDate, dueDate, timeZone }).toISOString(),
    ).toBe(expected);
  });

  it('starts at midnight of the start date in its zone', () => {
    expect(campaignStartAt(berlin).toISOString()).toBe(
      '2026-03-01T23:00:00.000Z',
    );
  });

  it.each([
    [{ published: false }, '2026-03-10T00:00:00Z', 'draft'],
    [{ published: true }, '2026-03-01T22:59:59Z', 'scheduled'],
    [{ published: true }, '2026-03-01T23:00:00Z', 'active'],
    [{ published: true }, '2026-03-29T21:59:59Z', 'active'],
    [{ published: true }, '2026-03-29T22:00:00Z', 'ended'],
    [
      { published: true, endedAt: '2026-03-10T00:00:00Z' },
      '2026-03-10T00:00:00Z',
      'ended',
    ],
    [
      { published: false, endedAt: '2026-03-10T00:00:00Z' },
      '2026-03-11T00:00:00Z',
      'ended',
    ],
  ] as const)('%j at %s is %s', (extra, now, state) => {
    expect(campaignState({ ...berlin, ...extra }, new Date(now))).toBe(state);
  });

  it.each([
    ['2026-03-29T21:30:00Z', 0],

    ['2026-03-27T23:00:00Z', 1],
    ['2026-03-27T22:59:00Z', 2],
    ['2026-03-29T22:30:00Z', -1],
    ['2026-04-05T12:00:00Z', -7],
  ])('at %s it is due in %i days', (now, days) => {
    expect(dueInDays(berlin, new Date(now))).toBe(days);
  });

  it.each([
    // weekly from the start (a Monday), daily in the last 7 days
    ['2026-03-01T22:59:00Z', undefined],
    ['2026-03-02T08:00:00Z', { day: '2026-03-02', final: false }],
    ['2026-03-08T08:00:00Z', { day: '2026-03-02', final: false }],
    ['2026-03-09T08:00:00Z', { day: '2026-03-09', final: false }],
    ['2026-03-22T08:00:00Z', { day: '2026-03-16', final: false }],
    ['2026-03-23T08:00:00Z', { day: '2026-03-23', final: true }],
    ['2026-03-27T08:00:00Z', { day: '2026-03-27', final: true }],
    ['2026-03-29T21:00:00Z', { day: '2026-03-29', final: true }],
    ['2026-03-29T22:00:00Z', undefined],
  ])('the reminder step at %s is %j', (now, step) => {
    expect(
      reminderStep(
        { ...berlin, reminders: DEFAULT_CAMPAIGN_REMINDERS },
        new Date(now),
      ),
    ).toEqual(step);
  });

  it('steps every 2 days in a final stretch of 4', () => {
    const c = {
      ...berlin,
      reminders: { everyDays: 14, finalDays: 4, finalEveryDays: 2 },
    };
    const steps = ['25', '26', '27', '28', '29'].map(
      d => reminderStep(c, new Date(`2026-03-${d}T12:00:00Z`))?.day,
    );
    expect(steps).toEqual([
      '2026-03-16',
      '2026-03-26',
      '2026-03-26',
      '2026-03-28',
      '2026-03-28',
    ]);
  });

  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('time zone %s valid: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-30', false],
    ['2026-2-3', false],
    ['tomorrow', false],
  ])('day %s valid: %s', (day, valid) => {
    expect(isCalendarDay(day)).toBe(valid);
  });

  it('names the day of an instant in a zone', () => {
    const at = new Date('2026-03-29T22:30:00Z');
    expect([dayInZone(at, 'UTC'), dayInZone(at, 'Europe/Berlin')]).toEqual([
      '2026-03-29',
      '2026-03-30',
    ]);
  });
});
