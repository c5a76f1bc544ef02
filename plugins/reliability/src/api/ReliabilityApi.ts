import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityReliability } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The client of the reliability backend.
 *
 * @public
 */
export interface ReliabilityApi {
  /** Reads the stored reliability data of an entity. */
  getEntityReliability(entity: CompoundEntityRef): Promise<EntityReliability>;
}

/**
 * The API reference of {@link ReliabilityApi}.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.api',
});
