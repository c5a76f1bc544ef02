import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * A PagerDuty incident on service PCHECKOUT, triggered at `createdAt` and
 * not yet acknowledged; `over` sets any other field.
 */
export const testIncident = (
  id: string,
  createdAt: string,
  over: Partial<Incident> = {},
): Incident => ({
  id,
  source: 'pagerduty',
  serviceId: 'PCHECKOUT',
  title: `Incident ${id}`,
  alertKey: `key-${id}`,
  urgency: 'high',
  status: 'triggered',
  createdAt,
  firstAcknowledgedAt: null,
  resolvedAt: null,
  escalations: 0,
  ...over,
});

/** A `[from, to]` range that holds every stored incident. */
export const ALL_TIME = [
  '2000-01-01T00:00:00.000Z',
  '2100-01-01T00:00:00.000Z',
] as const;
