import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AlertQualityWindow,
  EntityAlertQuality,
  EntityReliability,
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
