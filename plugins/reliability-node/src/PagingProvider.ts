import {
  Incident,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * Which paging services of an entity to read, from its annotations
 * (`pagerduty.com/service-id`, `pagerduty.com/account`).
 *
 * @public
 */
export interface PagingServiceRef {
  /** The configured account; the first one when not set. */
  account?: string;
  serviceIds: string[];
}

/**
 * What one incremental sync returned: incidents created or changed, and the
 * cursor to pass to the next sync.
 *
 * @public
 */
export interface PagingSyncResult {
  incidents: Incident[];
  /** Opaque; pass it back as `cursor` next time. */
  cursor: string;
  /** Upstream requests made, for logs and benchmarks. */
  requests: number;
}

/**
 * A source of incidents and on-call shifts (PagerDuty, the demo provider;
 * Opsgenie or Grafana OnCall could be added). Providers are thin clients:
 * every metric is computed from the stored incidents by the math of
 * `@reliability-kit/backstage-plugin-reliability-common`.
 *
 * @public
 */
export interface PagingProvider {
  readonly id: string;
  /**
   * Incidents of the services created in `[since, until)` (the first
   * backfill), or, with `cursor`, the incidents created or changed since the
   * previous sync.
   */
  syncIncidents(request: {
    services: PagingServiceRef;
    since: Date;
    until: Date;
    cursor?: string;
    signal?: AbortSignal;
  }): Promise<PagingSyncResult>;
  /** On-call shifts of the people who answer the services' pages. */
  listOnCallShifts(request: {
    services: PagingServiceRef;
    since: Date;
    until: Date;
    signal?: AbortSignal;
  }): Promise<OnCallShift[]>;
}
