import { Config } from '@backstage/config';
import {
  BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_SLEEP_HOURS,
  SleepHours,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IANAZone } from 'luxon';

/** The working hours of one team. */
export interface TeamHours {
  businessHours: BusinessHours;
  sleepHours: SleepHours;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * Reads `reliability.teams[]` (`ref`, `timeZone`, `businessHours`,
 * `sleepHours`), failing with the key on an unknown time zone or a malformed
 * time. Teams not listed use Mon-Fri 09:00-18:00 and 22:00-07:00 in UTC.
 */
export function readTeamsConfig(config: Config): {
  hoursOf(ownerRef: string | undefined): TeamHours;
} {
  const teams = new Map<string, TeamHours>();
  (config.getOptionalConfigArray('reliability.teams') ?? []).forEach(
    (team, index) => {
      const key = `reliability.teams[${index}]`;
      const ref = team.getString('ref').toLocaleLowerCase('en-US');
      const timeZone = team.getOptionalString('timeZone') ?? 'UTC';
      if (!IANAZone.isValidZone(timeZone)) {
        throw new Error(
          `Invalid configuration: ${key}.timeZone "${timeZone}" is not an IANA time zone such as Europe/Berlin`,
        );
      }
      const time = (path: string, fallback: string) => {
        const value = team.getOptionalString(path) ?? fallback;
        if (!TIME.test(value)) {
          throw new Error(
            `Invalid configuration: ${key}.${path} "${value}" must be a time such as 09:00`,
          );
        }
        return value;
      };
      const days =
        team.getOptional<number[]>('businessHours.days') ??
        DEFAULT_BUSINESS_HOURS.days;
      if (
        !Array.isArray(days) ||
        days.some(d => !Number.isInteger(d) || d < 1 || d > 7)
      ) {
        throw new Error(
          `Invalid configuration: ${key}.businessHours.days must be ISO weekdays 1 (Monday) to 7 (Sunday)`,
        );
      }
      const start = time('businessHours.start', DEFAULT_BUSINESS_HOURS.start);
      const end = time('businessHours.end', DEFAULT_BUSINESS_HOURS.end);
      // "HH:MM" strings compare in time order.
      if (!(start < end)) {
        throw new Error(
          `Invalid configuration: ${key}.businessHours must start before they end, got ${start}-${end}`,
        );
      }
      teams.set(ref, {
        businessHours: { timeZone, days, start, end },
        sleepHours: {
          start: time('sleepHours.start', DEFAULT_SLEEP_HOURS.start),
          end: time('sleepHours.end', DEFAULT_SLEEP_HOURS.end),
        },
      });
    },
  );
  return {
    hoursOf(ownerRef) {
      return (
        (ownerRef && teams.get(ownerRef.toLocaleLowerCase('en-US'))) || {
          businessHours: DEFAULT_BUSINESS_HOURS,
          sleepHours: DEFAULT_SLEEP_HOURS,
        }
      );
    },
  };
}
