import { Entity } from '@backstage/catalog-model';
import {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';
import {
  EntitySloStatus,
  SLO_STATUS_LABEL,
  SLO_STATUS_ORDER,
  TIER_LABEL,
} from '@reliability-kit/backstage-plugin-reliability-common';

export { SLO_STATUS_LABEL, TIER_LABEL };

/**
 * The SLO statuses the catalog can be filtered by, worst first
 * (`SLO_STATUS_ORDER` of the common package).
 *
 * @public
 */
export const SLO_STATUS_FILTER_VALUES: EntitySloStatus[] = [
  ...SLO_STATUS_ORDER,
];

/**
 * A catalog filter on the `reliability-kit.io/tier` label, applied by the
 * catalog backend.
 *
 * @public
 */
export class EntityTierFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogFilters(): Record<string, string[]> {
    return { [`metadata.labels.${TIER_LABEL}`]: this.values };
  }

  filterEntity(entity: Entity): boolean {
    const tier = entity.metadata.labels?.[TIER_LABEL];
    return tier !== undefined && this.values.includes(tier);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/**
 * A catalog filter on the `reliability-kit.io/slo-status` label, applied by
 * the catalog backend.
 *
 * @public
 */
export class EntitySloStatusFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogFilters(): Record<string, string[]> {
    return { [`metadata.labels.${SLO_STATUS_LABEL}`]: this.values };
  }

  filterEntity(entity: Entity): boolean {
    const status = entity.metadata.labels?.[SLO_STATUS_LABEL];
    return status !== undefined && this.values.includes(status);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/**
 * The catalog filters with the Reliability Kit ones.
 *
 * @public
 */
export type ReliabilityEntityFilters = DefaultEntityFilters & {
  tier?: EntityTierFilter;
  sloStatus?: EntitySloStatusFilter;
};
