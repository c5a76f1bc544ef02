import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { readTeamsConfig } from '../config/readTeamsConfig';
import { readIncidentsConfig } from './readIncidentsConfig';

const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };

function read(incidents: object | undefined, teams?: object[]) {
  const data = {
    reliability: {
      ...(incidents ? { incidents } : {}),
      ...(teams ? { teams } : {}),
    },
  };
  return readIncidentsConfig(new ConfigReader(data), {
    tierModel,
    hoursOf: readTeamsConfig(
      new ConfigReader({ reliability: teams ? { teams } : {} }),
    ).hoursOf,
  });
}

describe('readIncidentsConfig', () => {
  it('has defaults that map nothing', () => {
    const config = read(undefined);
    expect(config.severity).toEqual({
      severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'],
      priorities: {},
      majorSeverity: undefined,
      label: 'severity',
      labelValues: {},
    });
    expect(config.requiredSeverities).toEqual(['SEV0', 'SEV1']);
    expect(config.slaBusinessDays).toBe(5);
    expect(config.stalledAfterDays(undefined)).toBe(14);
    expect(config.mttdLookbackHours).toBe(6);
    expect(config.calendarOf(undefined)).toMatchObject({ holidays: [] });
  });

  it('reads the maps, the stall threshold per tier and the team holidays', () => {
    const config = read(
      {
        severities: ['Critical', 'Major', 'Minor'],
        severity: {
          pagerDuty: { priorities: { P1: 'Critical' }, majorSeverity: 'Major' },
          alerts: { label: 'sev', values: { page: 'Major' } },
        },
        postmortems: { requiredSeverities: ['Critical'], slaBusinessDays: 3 },
        actions: {
          stalledAfterDays: 20,
          stalledAfterDaysByTier: { 'tier-1': 7 },
        },
        holidays: ['2026-12-25'],
      },
      [
        {
          ref: 'group:default/team-a',
          timeZone: 'Europe/Berlin',
          holidays: ['2026-12-24'],
        },
      ],
    );
    expect(config.severity).toMatchObject({
      priorities: { P1: 'Critical' },
      majorSeverity: 'Major',
      label: 'sev',
      labelValues: { page: 'Major' },
    });
    expect(config.requiredSeverities).toEqual(['Critical']);
    expect(config.slaBusinessDays).toBe(3);
    expect(config.stalledAfterDays('tier-1')).toBe(7);
    expect(config.stalledAfterDays('tier-2')).toBe(20);
    expect(config.calendarOf('group:default/Team-A')).toEqual({
      timeZone: 'Europe/Berlin',
      days: [1, 2, 3, 4, 5],
      holidays: ['2026-12-25', '2026-12-24'],
    });
  });

  it.each<[string, object, object[] | undefined, string]>([
    [
      'duplicate severities',
      { severities: ['SEV0', 'SEV0'] },
      undefined,
      'reliability.incidents.severities must list distinct severity names',
    ],
    [
      'a priority mapped to an unknown severity',
      { severity: { pagerDuty: { priorities: { P1: 'SEV9' } } } },
      undefined,
      'reliability.incidents.severity.pagerDuty.priorities.P1 "SEV9" is not one of the configured severities',
    ],
    [
      'an unknown major severity',
      { severity: { pagerDuty: { majorSeverity: 'Huge' } } },
      undefined,
      'reliability.incidents.severity.pagerDuty.majorSeverity "Huge"',
    ],
    [
      'a label value mapped to an unknown severity',
      { severity: { alerts: { values: { critical: 'P0' } } } },
      undefined,
      'reliability.incidents.severity.alerts.values.critical "P0"',
    ],
    [
      'an unknown required severity',
      { postmortems: { requiredSeverities: ['SEV7'] } },
      undefined,
      'reliability.incidents.postmortems.requiredSeverities "SEV7"',
    ],
    [
      'a fractional SLA',
      { postmortems: { slaBusinessDays: 2.5 } },
      undefined,
      'reliability.incidents.postmortems.slaBusinessDays must be a whole number of days',
    ],
    [
      'a stall threshold of an unknown tier',
      { actions: { stalledAfterDaysByTier: { 'tier-9': 3 } } },
      undefined,
      'reliability.incidents.actions.stalledAfterDaysByTier.tier-9 names a tier that is not configured',
    ],
    [
      'a negative stall threshold',
      { actions: { stalledAfterDaysByTier: { 'tier-1': -1 } } },
      undefined,
      'reliability.incidents.actions.stalledAfterDaysByTier.tier-1 must be a whole number of days',
    ],
    [
      'a malformed holiday',
      { holidays: ['25.12.2026'] },
      undefined,
      'reliability.incidents.holidays "25.12.2026" is not a date such as 2026-12-25',
    ],
    [
      'a malformed team holiday',
      {},
      [{ ref: 'group:default/a', holidays: ['2026-13-45'] }],
      'reliability.teams[0].holidays "2026-13-45" is not a date',
    ],
    [
      'a lookback of two days and more',
      { mttd: { lookbackHours: 72 } },
      undefined,
      'reliability.incidents.mttd.lookbackHours must be above 0 and at most 48',
    ],
  ])('fails on %s with the key', (_name, incidents, teams, message) => {
    expect(() => read(incidents, teams)).toThrow(
      `Invalid configuration: ${message}`,
    );
  });
});
