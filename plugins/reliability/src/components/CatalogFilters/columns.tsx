import { Entity } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import {
  DEFAULT_TIERS,
  EntitySloStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { NO_VALUE } from '../format';
import { SloStatusIndicator } from '../SloStatusIndicator';
import {
  SLO_STATUS_FILTER_VALUES,
  SLO_STATUS_LABEL,
  TIER_LABEL,
} from './filters';

function tierOf(entity: Entity): string | undefined {
  return entity.metadata.labels?.[TIER_LABEL];
}

function sloStatusOf(entity: Entity): EntitySloStatus | undefined {
  const status = entity.metadata.labels?.[SLO_STATUS_LABEL];
  return SLO_STATUS_FILTER_VALUES.find(value => value === status);
}

function tierTitle(id: string): string {
  return DEFAULT_TIERS.find(tier => tier.id === id)?.title ?? id;
}

/**
 * Columns of the Reliability Kit labels for legacy catalog tables (rows with
 * an `entity`, such as the catalog index page's `CatalogTableRow`):
 * `columns={ctx => [...CatalogTable.defaultColumnsFunc(ctx),
 * reliabilityColumns.createTierColumn(),
 * reliabilityColumns.createSloStatusColumn()]}`.
 *
 * @public
 */
export const reliabilityColumns = Object.freeze({
  /** The tier of the entity, from the `reliability-kit.io/tier` label. */
  createTierColumn<T extends { entity: Entity }>(options?: {
    title?: string;
  }): TableColumn<T> {
    return {
      title: options?.title ?? 'Tier',
      field: `entity.metadata.labels.${TIER_LABEL}`,
      customSort: (a, b) =>
        (tierOf(a.entity) ?? '\uffff').localeCompare(
          tierOf(b.entity) ?? '\uffff',
        ),
      render: ({ entity }) => {
        const tier = tierOf(entity);
        return (
          <span data-testid="reliability-tier-column">
            {tier ? tierTitle(tier) : NO_VALUE}
          </span>
        );
      },
    };
  },

  /**
   * The SLO status of the entity, from the `reliability-kit.io/slo-status`
   * label.
   */
  createSloStatusColumn<T extends { entity: Entity }>(options?: {
    title?: string;
  }): TableColumn<T> {
    const rank = (entity: Entity) => {
      const status = sloStatusOf(entity);
      return status ? SLO_STATUS_FILTER_VALUES.indexOf(status) : 99;
    };
    return {
      title: options?.title ?? 'SLO status',
      field: `entity.metadata.labels.${SLO_STATUS_LABEL}`,
      customSort: (a, b) => rank(a.entity) - rank(b.entity),
      render: ({ entity }) => {
        const status = sloStatusOf(entity);
        return status ? (
          <SloStatusIndicator
            status={status}
            data-testid="reliability-slo-status-column"
          />
        ) : (
          <span data-testid="reliability-slo-status-column">{NO_VALUE}</span>
        );
      },
    };
  },
});
