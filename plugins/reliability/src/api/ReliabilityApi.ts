import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityReliability,
  SloHistoryResponse,
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
