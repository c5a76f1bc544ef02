import {
  PAGERDUTY_ANNOTATION_ACCOUNT,
  PAGERDUTY_ANNOTATION_SERVICE_ID,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { PagingServiceRef } from '@reliability-kit/backstage-plugin-reliability-node';

/**
 * The annotation with an entity's PagerDuty service id(s), comma-separated;
 * the same one PagerDuty's own Backstage plugin reads.
 *
 * @public
 */
export const PAGERDUTY_SERVICE_ID_ANNOTATION = PAGERDUTY_ANNOTATION_SERVICE_ID;

/**
 * The annotation naming the configured PagerDuty account of an entity, when
 * there are several.
 *
 * @public
 */
export const PAGERDUTY_ACCOUNT_ANNOTATION = PAGERDUTY_ANNOTATION_ACCOUNT;

/**
 * The PagerDuty services of an entity, from its annotations; `undefined`
 * when it has no `pagerduty.com/service-id`.
 *
 * @public
 */
export function getPagingServiceRef(
  annotations: Record<string, string> | undefined,
): PagingServiceRef | undefined {
  const raw = annotations?.[PAGERDUTY_SERVICE_ID_ANNOTATION];
  if (typeof raw !== 'string') {
    return undefined;
  }
  const serviceIds = [
    ...new Set(
      raw
        .split(',')
        .map(id => id.trim())
        .filter(Boolean),
    ),
  ];
  if (serviceIds.length === 0) {
    return undefined;
  }
  const account = annotations?.[PAGERDUTY_ACCOUNT_ANNOTATION]?.trim();
  return account ? { account, serviceIds } : { serviceIds };
}
