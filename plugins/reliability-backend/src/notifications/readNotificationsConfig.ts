import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { invalid, optionalDurationMs } from '../policy/readPolicyConfig';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `reliability.notifications`, validated. */
export interface NotificationsConfig {
  /** The same notification is not sent again within this period. */
  repeatAfterMs: number;
  /** Readiness attestations expiring within this many days are notified. */
  readinessExpiringDays: number;
  /** Entity refs that also receive every policy state change. */
  watchers: string[];
}

/**
 * Reads and validates `reliability.notifications`; invalid configuration
 * throws an error naming the key.
 */
export function readNotificationsConfig(config: Config): NotificationsConfig {
  const c = config.getOptionalConfig('reliability.notifications');
  const key = 'reliability.notifications';
  const expiringDays = c?.getOptionalNumber('readinessExpiringDays') ?? 14;
  if (!(expiringDays >= 1 && expiringDays <= 366)) {
    throw invalid(`${key}.readinessExpiringDays`, 'must be 1 to 366');
  }
  return {
    repeatAfterMs: c
      ? optionalDurationMs(c, 'repeatAfter', `${key}.repeatAfter`, DAY_MS)
      : DAY_MS,
    readinessExpiringDays: expiringDays,
    watchers: (c?.getOptionalStringArray('watchers') ?? []).map((ref, i) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(ref, { defaultKind: 'group' }),
        );
      } catch {
        throw invalid(
          `${key}.watchers[${i}]`,
          `"${ref}" is not an entity ref such as group:default/sre`,
        );
      }
    }),
  };
}
