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
  /** The selected tier ids. */
  readonly values: string[];

  constructor(values: string[]) {
    this.values = values;
  }

  /** The filter as a catalog query (the tier label). */
  getCatalogFilters(): Record<string, string[]> {
    return { [`metadata.labels.${TIER_LABEL}`]: this.values };
  }

  /** Whether the entity has one of the selected tiers. */
  filterEntity(entity: Entity): boolean {
    const tier = entity.metadata.labels?.[TIER_LABEL];
    return tier !== undefined && this.values.includes(tier);
  }

  /** The selected tier ids, for the page URL. */
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
  /** The selected SLO statuses. */
  readonly values: string[];

  constructor(values: string[]) {
    this.values = values;
  }

  /** The filter as a catalog query (the SLO status label). */
  getCatalogFilters(): Record<string, string[]> {
    return { [`metadata.labels.${SLO_STATUS_LABEL}`]: this.values };
  }

  /** Whether the entity has one of the selected SLO statuses. */
  filterEntity(entity: Entity): boolean {
    const status = entity.metadata.labels?.[SLO_STATUS_LABEL];
    return status !== undefined && this.values.includes(status);
  }

  /** The selected SLO statuses, for the page URL. */
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
