import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_SLEEP_HOURS,
  computeAlertQuality,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { readTeamsConfig } from './readTeamsConfig';

const read = (teams: unknown) =>
  readTeamsConfig(
    new ConfigReader({ reliability: { teams: teams as JsonValue } }),
  );

const DEFAULTS = {
  businessHours: DEFAULT_BUSINESS_HOURS,
  sleepHours: DEFAULT_SLEEP_HOURS,
};

describe('readTeamsConfig', () => {
  it('gives the defaults when no team is configured', () => {
    const { hoursOf } = readTeamsConfig(new ConfigReader({}));
    expect(hoursOf('group:default/team-a')).toEqual(DEFAULTS);
    expect(hoursOf(undefined)).toEqual(DEFAULTS);
    expect(DEFAULTS).toEqual({
      businessHours: {
        timeZone: 'UTC',
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '18:00',
      },
      sleepHours: { start: '22:00', end: '07:00' },
    });
  });

  it('reads a team and gives the defaults to teams not listed', () => {
    const { hoursOf } = read([
      {
        ref: 'group:default/team-payments',
        timeZone: 'Europe/Berlin',
        businessHours: { days: [1, 2, 3, 4], start: '08:00', end: '17:30' },
        sleepHours: { start: '23:00', end: '06:00' },
      },
    ]);
    expect(hoursOf('group:default/team-payments')).toEqual({
      businessHours: {
        timeZone: 'Europe/Berlin',
        days: [1, 2, 3, 4],
        start: '08:00',
        end: '17:30',
      },
      sleepHours: { start: '23:00', end: '06:00' },
    });
    expect(hoursOf('group:default/team-search')).toEqual(DEFAULTS);
    expect(hoursOf(undefined)).toEqual(DEFAULTS);
    expect(hoursOf('')).toEqual(DEFAULTS);
  });

  it('fills what a team leaves out with the defaults', () => {
    const { hoursOf } = read([
      { ref: 'group:default/team-tokyo', timeZone: 'Asia/Tokyo' },
      { ref: 'group:default/team-utc', businessHours: { end: '24:00' } },
    ]);
    expect(hoursOf('group:default/team-tokyo')).toEqual({
      businessHours: { ...DEFAULT_BUSINESS_HOURS, timeZone: 'Asia/Tokyo' },
      sleepHours: DEFAULT_SLEEP_HOURS,
    });
    expect(hoursOf('group:default/team-utc')).toEqual({
      businessHours: { ...DEFAULT_BUSINESS_HOURS, end: '24:00' },
      sleepHours: DEFAULT_SLEEP_HOURS,
    });
  });

  it.each([
    [
      'config upper, lookup lower',
      'Group:Default/Team-A',
      'group:default/team-a',
    ],
    [
      'config lower, lookup upper',
      'group:default/team-a',
      'GROUP:DEFAULT/TEAM-A',
    ],
    ['same case', 'group:default/team-a', 'group:default/team-a'],
  ])(
    'matches team refs case-insensitively (%s)',
    (_case, configured, asked) => {
      const { hoursOf } = read([{ ref: configured, timeZone: 'Asia/Tokyo' }]);
      expect(hoursOf(asked).businessHours.timeZone).toBe('Asia/Tokyo');
    },
  );

  it.each<[string, unknown[], string]>([
    [
      'an unknown time zone',
      [{ ref: 'group:default/a', timeZone: 'Mars/Olympus' }],
      'Invalid configuration: reliability.teams[0].timeZone "Mars/Olympus" is not an IANA time zone such as Europe/Berlin',
    ],
    [
      'a time zone of the second team',
      [
        { ref: 'group:default/a' },
        { ref: 'group:default/b', timeZone: 'Berlin' },
      ],
      'Invalid configuration: reliability.teams[1].timeZone "Berlin" is not an IANA time zone such as Europe/Berlin',
    ],
    [
      'a business start of 9am',
      [{ ref: 'group:default/a', businessHours: { start: '9am' } }],
      'Invalid configuration: reliability.teams[0].businessHours.start "9am" must be a time such as 09:00',
    ],
    [
      'a business end without a leading zero',
      [{ ref: 'group:default/a', businessHours: { end: '9:00' } }],
      'Invalid configuration: reliability.teams[0].businessHours.end "9:00" must be a time such as 09:00',
    ],
    [
      'a sleep start of 25:00',
      [{ ref: 'group:default/a', sleepHours: { start: '25:00' } }],
      'Invalid configuration: reliability.teams[0].sleepHours.start "25:00" must be a time such as 09:00',
    ],
    [
      'a sleep end of 24:01',
      [{ ref: 'group:default/a', sleepHours: { end: '24:01' } }],
      'Invalid configuration: reliability.teams[0].sleepHours.end "24:01" must be a time such as 09:00',
    ],
    [
      'minutes of 60',
      [{ ref: 'group:default/a', sleepHours: { end: '06:60' } }],
      'Invalid configuration: reliability.teams[0].sleepHours.end "06:60" must be a time such as 09:00',
    ],
    [
      'weekday 0',
      [{ ref: 'group:default/a', businessHours: { days: [0, 1] } }],
      'Invalid configuration: reliability.teams[0].businessHours.days must be ISO weekdays 1 (Monday) to 7 (Sunday)',
    ],
    [
      'weekday 8',
      [{ ref: 'group:default/a', businessHours: { days: [1, 8] } }],
      'Invalid configuration: reliability.teams[0].businessHours.days must be ISO weekdays 1 (Monday) to 7 (Sunday)',
    ],
    [
      'a fractional weekday',
      [{ ref: 'group:default/a', businessHours: { days: [1.5] } }],
      'Invalid configuration: reliability.teams[0].businessHours.days must be ISO weekdays 1 (Monday) to 7 (Sunday)',
    ],
    [
      'weekday names',
      [{ ref: 'group:default/a', businessHours: { days: ['mon'] } }],
      'Invalid configuration: reliability.teams[0].businessHours.days must be ISO weekdays 1 (Monday) to 7 (Sunday)',
    ],
    [
      'days that are not a list',
      [{ ref: 'group:default/a', businessHours: { days: 'weekdays' } }],
      'Invalid configuration: reliability.teams[0].businessHours.days must be ISO weekdays 1 (Monday) to 7 (Sunday)',
    ],
  ])('rejects %s, naming the key', (_case, teams, message) => {
    expect(() => read(teams)).toThrow(message);
  });

  it('requires the ref of a team', () => {
    expect(() => read([{ timeZone: 'UTC' }])).toThrow(
      "Missing required config value at 'reliability.teams[0].ref'",
    );
  });

  // Hours that pass this check must also be accepted by computeAlertQuality,
  // or every alert-quality request of the team's entities fails with a 500
  // instead of the backend failing at startup.
  it.each([
    ['start after end', { start: '18:00', end: '09:00' }],
    ['start equal to end', { start: '09:00', end: '09:00' }],
    ['start at 24:00', { start: '24:00', end: '18:00' }],
  ])(
    'rejects business hours whose %s at startup, naming the key',
    (_case, businessHours) => {
      expect(() => read([{ ref: 'group:default/a', businessHours }])).toThrow(
        'reliability.teams[0].businessHours',
      );
    },
  );

  it('gives hours that computeAlertQuality accepts', () => {
    const { hoursOf } = read([
      {
        ref: 'group:default/a',
        timeZone: 'America/New_York',
        businessHours: { days: [6, 7], start: '00:00', end: '24:00' },
        sleepHours: { start: '01:00', end: '05:00' },
      },
    ]);
    const hours = hoursOf('group:default/a');
    const report = computeAlertQuality({
      incidents: [],
      window: '7d',
      now: '2026-03-04T10:00:00Z',
      businessHours: hours.businessHours,
      sleepHours: hours.sleepHours,
    });
    expect(report.timeZone).toBe('America/New_York');
  });
});
