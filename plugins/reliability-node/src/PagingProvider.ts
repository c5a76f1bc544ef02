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
  /** The paging service ids of the entity, without duplicates. */
  serviceIds: string[];
}

/**
 * What one incremental sync returned: incidents created or changed, and the
 * cursor to pass to the next sync.
 *
 * @public
 */
export interface PagingSyncResult {
  /** The incidents created or changed, as provider-neutral incidents. */
  incidents: Incident[];
  /** Opaque; pass it back as `cursor` next time. */
  cursor: string;
  /** Upstream requests made, for logs and benchmarks. */
  requests: number;
}

/**
 * One entity's part of {@link PagingProvider.syncIncidentsForMany}: its
 * services and the cursor of its previous sync.
 *
 * @public
 */
export interface PagingSyncRequest {
  /** The services of the entity. */
  services: PagingServiceRef;
  /** The cursor the entity's previous sync returned, if any. */
  cursor?: string;
}

/**
 * The time range of a batch of syncs: incidents created in `[since, until)`.
 *
 * @public
 */
export interface PagingSyncRange {
  /** The start of the range (inclusive). */
  since: Date;
  /** The end of the range (exclusive). */
  until: Date;
}

/**
 * What {@link PagingProvider.syncIncidents} reads: the incidents of the
 * services created in `[since, until)`, or, with `cursor`, those created or
 * changed since the previous sync.
 *
 * @public
 */
export interface PagingIncidentsRequest
  extends PagingSyncRequest,
    PagingSyncRange {
  /** Aborts the upstream requests. */
  signal?: AbortSignal;
}

/**
 * What {@link PagingProvider.listOnCallShifts} reads: the on-call shifts of
 * the services in `[since, until)`.
 *
 * @public
 */
export interface PagingOnCallRequest extends PagingSyncRange {
  /** The services of the entity. */
  services: PagingServiceRef;
  /** Aborts the upstream requests. */
  signal?: AbortSignal;
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
  /** The provider id, e.g. `pagerduty`; the `source` of its incidents. */
  readonly id: string;
  /**
   * Incidents of the services created in `[since, until)` (the first
   * backfill), or, with `cursor`, the incidents created or changed since the
   * previous sync.
   */
  syncIncidents(request: PagingIncidentsRequest): Promise<PagingSyncResult>;
  /** On-call shifts of the people who answer the services' pages. */
  listOnCallShifts(request: PagingOnCallRequest): Promise<OnCallShift[]>;
  /**
   * Optional: {@link PagingProvider.syncIncidents} for many entities at
   * once, for providers that can list the incidents of many services in one
   * listing (PagerDuty: one paged `GET /incidents` per account with all its
   * services, instead of one per entity). Callers prefer it when present.
   *
   * Resolves with one settled result per request, in the order of the
   * requests: each fulfilled result holds the incidents of that request's
   * services only, and its own cursor (the one `syncIncidents` would
   * return, so the two may be mixed from one run to the next). An upstream
   * failure rejects only the requests it served (e.g. those of one
   * account); `requests` of a fulfilled result counts the upstream requests
   * of the listing it shared with the others.
   */
  syncIncidentsForMany?(
    requests: PagingSyncRequest[],
    range: PagingSyncRange,
    signal?: AbortSignal,
  ): Promise<PromiseSettledResult<PagingSyncResult>[]>;
  /**
   * Optional: {@link PagingProvider.listOnCallShifts} for many entities at
   * once, one settled result per entry of `services`, in their order; a
   * failure rejects only the entries it concerns.
   */
  listOnCallShiftsForMany?(
    services: PagingServiceRef[],
    range: PagingSyncRange,
    signal?: AbortSignal,
  ): Promise<PromiseSettledResult<OnCallShift[]>[]>;
}
