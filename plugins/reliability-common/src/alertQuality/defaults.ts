import { BusinessHours, SleepHours } from './types';

/**
 * Default business hours: Monday to Friday, 09:00 to 18:00 UTC.
 *
 * @public
 */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'UTC',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
};

/**
 * Default sleep hours: 22:00 to 07:00 in the team's time zone.
 *
 * @public
 */
export const DEFAULT_SLEEP_HOURS: SleepHours = {
  start: '22:00',
  end: '07:00',
};

/**
 * Default time within which a never-acknowledged incident that resolved on
 * its own counts as auto-resolved (noise): 5 minutes, inclusive.
 *
 * @public
 */
export const DEFAULT_AUTO_RESOLVE_THRESHOLD_MS = 5 * 60 * 1000;

/**
 * Default flapping rule: 3 or more incidents of the same alert created within
 * 24 hours (inclusive: the first and the last are at most 24h apart).
 *
 * @public
 */
export const DEFAULT_FLAPPING_RULE = {
  minIncidents: 3,
  windowMs: 24 * 60 * 60 * 1000,
} as const;

/**
 * Default number of noisiest alerts reported.
 *
 * @public
 */
export const DEFAULT_TOP_NOISY_ALERTS_LIMIT = 10;
