import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { FleetGroupSummary } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  NO_VALUE,
  formatNumber,
  formatResponseTime,
  formatShare,
} from '../format';
import { fitColumns } from '../tableLayout';

type MeasuredField =
  | 'sloAttainmentRate'
  | 'pagesPerWeek'
  | 'mttaMs'
  | 'mttrMs'
  | 'noiseRatio'
  | 'runbookCoverage'
  | 'readinessCoverage'
  | 'goldenPathAdoption';

/** A numeric column of a figure that may be missing (sorted lowest first). */
function measuredColumn(
  title: string,
  field: MeasuredField,
  format: (value: number | null) => string,
): TableColumn<FleetGroupSummary> {
  return {
    title,
    field,
    type: 'numeric',
    customSort: (a, b) => (a[field] ?? -Infinity) - (b[field] ?? -Infinity),
    render: group => format(group[field]),
  };
}

function columns(
  title: string,
  defaultKind: string,
): TableColumn<FleetGroupSummary>[] {
  return [
    {
      title,
      field: 'key',
      render: group =>
        group.key ? (
          <EntityRefLink entityRef={group.key} defaultKind={defaultKind} />
        ) : (
          `No ${title.toLocaleLowerCase('en-US')}`
        ),
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
    measuredColumn('SLO attainment', 'sloAttainmentRate', formatShare),
    { title: 'Burning', field: 'burningAbovePolicy', type: 'numeric' },
    measuredColumn('Pages / week', 'pagesPerWeek', formatNumber),
    measuredColumn('MTTA', 'mttaMs', formatResponseTime),
    measuredColumn('MTTR', 'mttrMs', formatResponseTime),
    measuredColumn('Noise', 'noiseRatio', formatShare),
    measuredColumn('Runbooks', 'runbookCoverage', formatShare),
    measuredColumn('Readiness', 'readinessCoverage', formatShare),
    measuredColumn('Golden path', 'goldenPathAdoption', value =>
      value === null ? NO_VALUE : formatShare(value),
    ),
  ];
}

/** Props of {@link FleetRollupTable}. */
export interface FleetRollupTableProps {
  groupBy: 'owner' | 'system';
  groups: FleetGroupSummary[];
}

/** The fleet KPIs per owner group or per system. */
export function FleetRollupTable(props: FleetRollupTableProps) {
  const title = props.groupBy === 'owner' ? 'Owner' : 'System';
  return (
    <div data-testid={`fleet-rollup-${props.groupBy}`}>
      <Table<FleetGroupSummary>
        title={`By ${title.toLocaleLowerCase('en-US')}`}
        columns={fitColumns(
          columns(title, props.groupBy === 'owner' ? 'group' : 'system'),
        )}
        data={props.groups}
        options={{
          paging: props.groups.length > 10,
          pageSize: 10,
          search: props.groups.length > 10,
          padding: 'dense',
        }}
        emptyContent={<div style={{ padding: 16 }}>No entities yet.</div>}
      />
    </div>
  );
}
