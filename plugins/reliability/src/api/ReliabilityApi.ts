import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AlertQualityWindow,
  EntityAlertQuality,
  EntityReliability,
  FleetPage,
  FleetReadiness,
  FleetSortKey,
  FleetSummary,
  FleetTrendPoint,
  SloHistoryResponse,
  StoredToilItem,
  ToilItemInput,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The client of the reliability backend.
 *
 * @public
 */
export interface ReliabilityApi {
  /** Reads the stored reliability data of an entity. */
  getEntityReliability(entity: CompoundEntityRef): Promise<EntityReliability>;

  /**
   * Reads the daily history of one SLO of an entity (remaining budget, SLI
   * and status per day), from `from` to `to` (the backend's defaults when
   * not set).
   */
  getSloHistory(
    entity: CompoundEntityRef,
    sloId: string,
    options?: GetSloHistoryOptions,
  ): Promise<SloHistoryResponse>;

  /**
   * Reads the alert quality of an entity over a window (the last 7, 28 or 90
   * days) compared with the previous window, with the alerts firing now and
   * the entity's toil log.
   */
  getAlertQuality(
    entity: CompoundEntityRef,
    window: AlertQualityWindow,
  ): Promise<EntityAlertQuality>;

  /** Adds an item to the toil log of an entity. */
  createToilItem(
    entity: CompoundEntityRef,
    input: ToilItemInput,
  ): Promise<StoredToilItem>;

  /** Replaces an item of the toil log of an entity. */
  updateToilItem(
    entity: CompoundEntityRef,
    id: string,
    input: ToilItemInput,
  ): Promise<StoredToilItem>;

  /** Removes an item from the toil log of an entity. */
  deleteToilItem(entity: CompoundEntityRef, id: string): Promise<void>;

  /** Reads one page of the fleet table, filtered and sorted by the backend. */
  getFleet(query?: FleetQuery): Promise<FleetPage>;

  /** Reads the fleet KPIs grouped by tier, owner or system. */
  getFleetSummary(groupBy: FleetGroupBy): Promise<FleetSummary>;

  /** Reads the weekly fleet trend of the last `weeks` weeks (default 12). */
  getFleetTrends(weeks?: number): Promise<FleetTrendPoint[]>;

  /**
   * Downloads the weekly review of an ISO week (e.g. `2026-W48`) with the
   * user's credentials, as a file to save.
   */
  downloadWeeklyReview(
    week: string,
    format: WeeklyReviewFormat,
  ): Promise<WeeklyReviewFile>;
}

/**
 * The grouping of {@link ReliabilityApi.getFleetSummary}.
 *
 * @public
 */
export type FleetGroupBy = 'tier' | 'owner' | 'system';

/**
 * The sort of {@link ReliabilityApi.getFleet}: a key, descending when
 * `direction` is `desc`.
 *
 * @public
 */
export interface FleetSort {
  key: FleetSortKey;
  direction: 'asc' | 'desc';
}

/**
 * The query of {@link ReliabilityApi.getFleet}; each filter matches any of
 * its values.
 *
 * @public
 */
export interface FleetQuery {
  tier?: string[];
  sloStatus?: string[];
  owner?: string[];
  system?: string[];
  readiness?: FleetReadiness[];
  sort?: FleetSort;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  limit?: number;
}

/**
 * The file format of the weekly review.
 *
 * @public
 */
export type WeeklyReviewFormat = 'markdown' | 'csv';

/**
 * A downloaded weekly review.
 *
 * @public
 */
export interface WeeklyReviewFile {
  blob: Blob;
  /** The file name from the response, or `reliability-review-<week>.<md|csv>`. */
  fileName: string;
}

/**
 * Options of {@link ReliabilityApi.getSloHistory}.
 *
 * @public
 */
export interface GetSloHistoryOptions {
  /** Start of the range (inclusive). */
  from?: Date;
  /** End of the range. */
  to?: Date;
}

/**
 * The API reference of {@link ReliabilityApi}.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.api',
});
