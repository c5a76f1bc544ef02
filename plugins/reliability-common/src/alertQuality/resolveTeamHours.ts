import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLEEP_HOURS } from './defaults';
import { BusinessHours, SleepHours } from './types';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Validated business and sleep hours, as milliseconds since local midnight.
 *
 * @internal
 */
export interface TeamHours {
  zone: string;
  days: ReadonlySet<number>;
  businessStartMs: number;
  businessEndMs: number;
  sleepStartMs: number;
  sleepEndMs: number;
}

/**
 * Returns the time zone, or throws when luxon does not know it.
 *
 * @internal
 */
export function requireTimeZone(timeZone: string): string {
  if (
    typeof timeZone !== 'string' ||
    timeZone.trim() === '' ||
    !DateTime.now().setZone(timeZone.trim()).isValid
  ) {
    throw new Error(
      `Invalid time zone ${JSON.stringify(
        timeZone,
      )}: expected an IANA time zone such as "Europe/Berlin" or "UTC"`,
    );
  }
  return timeZone.trim();
}

function parseClock(value: string, what: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(
    typeof value === 'string' ? value.trim() : '',
  );
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new Error(
      `Invalid ${what} ${JSON.stringify(
        value,
      )}: expected a local time "HH:mm" between "00:00" and "24:00"`,
    );
  }
  return hours * HOUR_MS + minutes * 60 * 1000;
}

/**
 * Merges business and sleep hours with the defaults and validates them.
 * Throws an error that names the bad setting.
 *
 * @internal
 */
export function resolveTeamHours(
  businessHours?: Partial<BusinessHours>,
  sleepHours?: Partial<SleepHours>,
): TeamHours {
  const business = {
    ...DEFAULT_BUSINESS_HOURS,
    ...stripUndefined(businessHours),
  };
  const sleep = { ...DEFAULT_SLEEP_HOURS, ...stripUndefined(sleepHours) };

  const zone = requireTimeZone(business.timeZone);
  if (
    !Array.isArray(business.days) ||
    business.days.some(d => !Number.isInteger(d) || d < 1 || d > 7)
  ) {
    throw new Error(
      `Invalid business hours days ${JSON.stringify(
        business.days,
      )}: expected ISO weekdays 1 (Monday) to 7 (Sunday)`,
    );
  }
  const businessStartMs = parseClock(business.start, 'business hours start');
  const businessEndMs = parseClock(business.end, 'business hours end');
  if (businessStartMs >= businessEndMs) {
    throw new Error(
      `Invalid business hours ${business.start}-${business.end}: the start must be before the end`,
    );
  }
  return {
    zone,
    days: new Set(business.days),
    businessStartMs,
    businessEndMs,
    sleepStartMs: parseClock(sleep.start, 'sleep hours start') % DAY_MS,
    sleepEndMs: parseClock(sleep.end, 'sleep hours end') % DAY_MS,
  };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
