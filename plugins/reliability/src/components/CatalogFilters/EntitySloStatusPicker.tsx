import { formatSloStatus } from '../format';
import { EntitySloStatusFilter, SLO_STATUS_FILTER_VALUES } from './filters';
import { LabelPicker } from './LabelPicker';
import { EntitySloStatus } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * Props of {@link EntitySloStatusPicker}.
 *
 * @public
 */
export interface EntitySloStatusPickerProps {
  /** Statuses selected when the URL selects none. */
  initialFilter?: EntitySloStatus[];
  /** The label; default `SLO status`. */
  label?: string;
}

/**
 * A catalog index filter on the entities' SLO status (the
 * `reliability-kit.io/slo-status` label: breaching, at-risk, healthy,
 * no-data, no-slo), applied by the catalog backend.
 *
 * @public
 */
export function EntitySloStatusPicker(props: EntitySloStatusPickerProps) {
  return (
    <LabelPicker
      name="sloStatus"
      label={props.label ?? 'SLO status'}
      options={SLO_STATUS_FILTER_VALUES}
      getOptionLabel={option => formatSloStatus(option as EntitySloStatus)}
      Filter={EntitySloStatusFilter}
      initialFilter={props.initialFilter}
      data-testid="reliability-slo-status-picker"
    />
  );
}
