import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { DEFAULT_TIERS } from '@reliability-kit/backstage-plugin-reliability-common';
import useAsync from 'react-use/esm/useAsync';
import { EntityTierFilter, TIER_LABEL } from './filters';
import { LabelPicker } from './LabelPicker';

/**
 * Props of {@link EntityTierPicker}.
 *
 * @public
 */
export interface EntityTierPickerProps {
  /** Tiers selected when the URL selects none. */
  initialFilter?: string[];
  /** The label; default `Tier`. */
  label?: string;
}

const DEFAULT_TIER_IDS = DEFAULT_TIERS.map(tier => tier.id);

function tierLabel(id: string): string {
  return DEFAULT_TIERS.find(tier => tier.id === id)?.title ?? id;
}

/**
 * A catalog index filter on the entities' tier (the
 * `reliability-kit.io/tier` label), applied by the catalog backend. Its
 * options are the tiers found in the catalog, or the default tiers.
 *
 * @public
 */
export function EntityTierPicker(props: EntityTierPickerProps) {
  const catalogApi = useApi(catalogApiRef);
  const facet = `metadata.labels.${TIER_LABEL}`;
  const { value: options } = useAsync(async () => {
    try {
      const { facets } = await catalogApi.getEntityFacets({ facets: [facet] });
      const found = (facets[facet] ?? []).map(({ value }) => value);
      return found.length ? found.sort() : DEFAULT_TIER_IDS;
    } catch {
      return DEFAULT_TIER_IDS;
    }
  }, [catalogApi, facet]);
  return (
    <LabelPicker
      name="tier"
      label={props.label ?? 'Tier'}
      options={options ?? DEFAULT_TIER_IDS}
      getOptionLabel={tierLabel}
      Filter={EntityTierFilter}
      initialFilter={props.initialFilter}
      data-testid="reliability-tier-picker"
    />
  );
}
