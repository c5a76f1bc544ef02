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

function byNumber(
  pick: (group: FleetGroupSummary) => number | null,
): (a: FleetGroupSummary, b: FleetGroupSummary) => number {
  return (a, b) => (pick(a) ?? -Infinity) - (pick(b) ?? -Infinity);
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
    {
      title: 'SLO attainment',
      field: 'sloAttainmentRate',
      type: 'numeric',
      customSort: byNumber(g => g.sloAttainmentRate),
      render: g => formatShare(g.sloAttainmentRate),
    },
    { title: 'Burning', field: 'burningAbovePolicy', type: 'numeric' },
    {
      title: 'Pages / week',
      field: 'pagesPerWeek',
      type: 'numeric',
      customSort: byNumber(g => g.pagesPerWeek),
      render: g => formatNumber(g.pagesPerWeek),
    },
    {
      title: 'MTTA',
      field: 'mttaMs',
      type: 'numeric',
      customSort: byNumber(g => g.mttaMs),
      render: g => formatResponseTime(g.mttaMs),
    },
    {
      title: 'MTTR',
      field: 'mttrMs',
      type: 'numeric',
      customSort: byNumber(g => g.mttrMs),
      render: g => formatResponseTime(g.mttrMs),
    },
    {
      title: 'Noise',
      field: 'noiseRatio',
      type: 'numeric',
      customSort: byNumber(g => g.noiseRatio),
      render: g => formatShare(g.noiseRatio),
    },
    {
      title: 'Runbooks',
      field: 'runbookCoverage',
      type: 'numeric',
      customSort: byNumber(g => g.runbookCoverage),
      render: g => formatShare(g.runbookCoverage),
    },
    {
      title: 'Readiness',
      field: 'readinessCoverage',
      type: 'numeric',
      customSort: byNumber(g => g.readinessCoverage),
      render: g => formatShare(g.readinessCoverage),
    },
    {
      title: 'Golden path',
      field: 'goldenPathAdoption',
      type: 'numeric',
      customSort: byNumber(g => g.goldenPathAdoption),
      render: g =>
        g.goldenPathAdoption === null
          ? NO_VALUE
          : formatShare(g.goldenPathAdoption),
    },
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
