import { useMemo, useState } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_TIERS,
  FleetReadiness,
  FleetRow,
  FleetSortKey,
} from '@reliability-kit/backstage-plugin-reliability-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Switch from '@material-ui/core/Switch';
import TableCell from '@material-ui/core/TableCell';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FleetSort } from '../../api';
import { SLO_STATUS_FILTER_VALUES } from '../CatalogFilters/filters';
import {
  NO_VALUE,
  formatBudget,
  formatNumber,
  formatResponseTime,
  formatShare,
  formatSloStatus,
  tierTitle,
} from '../format';
import {
  MultiSelectFilters,
  PagedTableCard,
  useCursorPages,
} from '../PagedTableCard';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';
import { SloStatusIndicator } from '../SloStatusIndicator';
import { fitHeader } from '../tableLayout';
import {
  FleetFilterName,
  FleetFilters,
  POLICY_STATE_VALUES,
  READINESS_VALUES,
  toFleetQuery,
} from './fleetSearch';

/** Rows per page of the fleet table. */
export const FLEET_PAGE_SIZE = 25;

const READINESS_LABELS: Record<FleetReadiness, string> = {
  ready: 'Ready',
  'not-ready': 'Not ready',
  expiring: 'Expiring',
  exempt: 'Exempt',
  unknown: 'Unknown',
};

export { tierTitle } from '../format';

interface Column {
  title: string;
  sortKey?: FleetSortKey;
  numeric?: boolean;
  /**
   * Low-priority columns are shown only with "All columns"; otherwise
   * their figures are in each row's details row.
   */
  lowPriority?: boolean;
  /** The figure's definition in docs/definitions.md, linked from its header. */
  anchor?: DefinitionAnchor;
  render: (row: FleetRow) => JSX.Element | string;
}

/** A column's title with the link to its definition, when it has one. */
const titleOf = (column: Column) =>
  column.anchor ? (
    <>
      {column.title}
      <DefinitionLink anchor={column.anchor} label={column.title} />
    </>
  ) : (
    column.title
  );

const useStyles = makeStyles(theme => ({
  details: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 4),
    margin: 0,
    '& div': { display: 'flex', gap: theme.spacing(1) },
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
  allColumns: { marginLeft: 'auto' },
  campaign: { minWidth: 220 },
}));

const COLUMNS: Column[] = [
  {
    title: 'Entity',
    sortKey: 'entityRef',
    render: row => (
      <EntityRefLink entityRef={row.entityRef} title={row.title} />
    ),
  },
  {
    title: 'Owner',
    render: row =>
      row.ownerRef ? (
        <EntityRefLink entityRef={row.ownerRef} defaultKind="group" />
      ) : (
        NO_VALUE
      ),
  },
  { title: 'Tier', sortKey: 'tier', render: row => tierTitle(row.tier) },
  {
    title: 'SLO status',
    sortKey: 'sloStatus',
    render: row => <SloStatusIndicator status={row.sloStatus} />,
  },
  {
    title: 'Worst budget remaining',
    sortKey: 'worstBudgetRemaining',
    numeric: true,
    render: row => formatBudget(row.worstBudgetRemaining),
  },
  {
    title: 'Pages / week',
    sortKey: 'pagesPerWeek',
    numeric: true,
    render: row => formatNumber(row.pagesPerWeek),
  },
  {
    title: 'MTTA',
    lowPriority: true,
    sortKey: 'mttaMs',
    numeric: true,
    render: row => formatResponseTime(row.mttaMs),
  },
  {
    title: 'MTTR',
    lowPriority: true,
    sortKey: 'mttrMs',
    numeric: true,
    render: row => formatResponseTime(row.mttrMs),
  },
  {
    title: 'Noise ratio',
    lowPriority: true,
    sortKey: 'noiseRatio',
    numeric: true,
    render: row => formatShare(row.noiseRatio),
  },
  {
    title: 'Runbook coverage',
    lowPriority: true,
    sortKey: 'runbookCoverage',
    numeric: true,
    render: row => formatShare(row.runbookCoverage),
  },
  {
    title: 'SEV0/1',
    lowPriority: true,
    sortKey: 'majorIncidents',
    numeric: true,
    anchor: 'fleet-incident-columns',
    render: row => formatNumber(row.majorIncidents),
  },
  {
    title: 'SEV0/1 MTTR',
    lowPriority: true,
    sortKey: 'majorMttrMs',
    numeric: true,
    anchor: 'fleet-incident-columns',
    render: row => formatResponseTime(row.majorMttrMs),
  },
  {
    title: 'Overdue actions',
    lowPriority: true,
    sortKey: 'overdueActions',
    numeric: true,
    anchor: 'fleet-incident-columns',
    render: row => formatNumber(row.overdueActions),
  },
  {
    title: 'Readiness',
    render: row => READINESS_LABELS[row.readiness] ?? row.readiness,
  },
  {
    title: 'Golden path',
    lowPriority: true,
    render: row => row.goldenPathLevel ?? NO_VALUE,
  },
  {
    title: 'Policy',
    lowPriority: true,
    render: row => row.policyState ?? NO_VALUE,
  },
];

/** The options of the fleet filters. */
export interface FleetFilterOptions {
  tier: string[];
  owner: string[];
  system: string[];
  /**
   * The campaigns to filter by ("not done for campaign X"); undefined while
   * they load or when they cannot be read.
   */
  campaign?: Array<{ id: string; title: string }>;
}

/** Props of {@link FleetTable}. */
export interface FleetTableProps {
  filters: FleetFilters;
  sort?: FleetSort;
  filterOptions: FleetFilterOptions;
  onChange: (filters: FleetFilters, sort: FleetSort | undefined) => void;
}

/**
 * The fleet table, paged, sorted and filtered by the backend. Pages are
 * walked with the backend's cursors; the cursors of the pages before are
 * kept for "previous".
 */
export function FleetTable(props: FleetTableProps) {
  const { filters, sort, filterOptions, onChange } = props;
  const classes = useStyles();
  const [allColumns, setAllColumns] = useState(false);
  const columns = allColumns ? COLUMNS : COLUMNS.filter(c => !c.lowPriority);
  const hidden = allColumns ? [] : COLUMNS.filter(c => c.lowPriority);
  const pages = useCursorPages<FleetRow>(
    JSON.stringify([filters, sort]),
    (api, cursor) =>
      api.getFleet({
        ...toFleetQuery(filters, sort),
        cursor,
        limit: FLEET_PAGE_SIZE,
      }),
  );

  const setFilter = (name: FleetFilterName, values: string[]) =>
    onChange({ ...filters, [name]: values.length ? values : undefined }, sort);

  const toggleSort = (key: FleetSortKey) => {
    const direction =
      sort?.key === key && sort.direction === 'asc' ? 'desc' : 'asc';
    onChange(filters, { key, direction });
  };

  const hasFilters = Object.values(filters).some(values => values?.length);
  const selectedCampaign = filters.campaign?.[0];
  const campaignOptions = useMemo(() => {
    const options = filterOptions.campaign ?? [];
    // A campaign from the URL that is not listed (yet) is offered by its id.
    return selectedCampaign && !options.some(c => c.id === selectedCampaign)
      ? [...options, { id: selectedCampaign, title: selectedCampaign }]
      : options;
  }, [filterOptions.campaign, selectedCampaign]);
  const tierOptions = useMemo(
    () =>
      Array.from(
        new Set([...DEFAULT_TIERS.map(tier => tier.id), ...filterOptions.tier]),
      ),
    [filterOptions.tier],
  );

  return (
    <PagedTableCard
      title="Fleet"
      subheader="Every entity with its reliability figures"
      testIdPrefix="fleet"
      pages={pages}
      hasFilters={hasFilters}
      onClearFilters={() => onChange({}, sort)}
      emptyTestId="fleet-empty"
      emptyText="No entities in the fleet yet. The collectors fill it as they run."
      filters={
        <>
          <MultiSelectFilters<FleetFilterName>
            idPrefix="reliability-fleet-filter-"
            testIdPrefix="fleet-filter-"
            values={filters}
            onChange={setFilter}
            filters={[
              {
                name: 'tier',
                label: 'Tier',
                options: tierOptions,
                getLabel: tierTitle,
              },
              {
                name: 'sloStatus',
                label: 'SLO status',
                options: SLO_STATUS_FILTER_VALUES,
                getLabel: v => formatSloStatus(v as FleetRow['sloStatus']),
              },
              { name: 'owner', label: 'Owner', options: filterOptions.owner },
              {
                name: 'system',
                label: 'System',
                options: filterOptions.system,
              },
              {
                name: 'readiness',
                label: 'Readiness',
                options: READINESS_VALUES,
                getLabel: v => READINESS_LABELS[v as FleetReadiness] ?? v,
              },
              {
                name: 'policyState',
                label: 'Policy',
                options: POLICY_STATE_VALUES,
              },
            ]}
          />
          <TextField
            select
            className={classes.campaign}
            id="reliability-fleet-filter-campaign"
            label="Not done for campaign"
            variant="outlined"
            size="small"
            value={selectedCampaign ?? ''}
            disabled={!filterOptions.campaign}
            inputProps={{ 'data-testid': 'fleet-filter-campaign' }}
            onChange={event =>
              setFilter(
                'campaign',
                event.target.value ? [event.target.value] : [],
              )
            }
          >
            <MenuItem value="">Any</MenuItem>
            {campaignOptions.map(c => (
              <MenuItem key={c.id} value={c.id}>
                {c.title}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel
            className={classes.allColumns}
            control={
              <Switch
                checked={allColumns}
                onChange={event => setAllColumns(event.target.checked)}
                color="primary"
                inputProps={{ 'aria-label': 'All columns' }}
                data-testid="fleet-all-columns"
              />
            }
            label="All columns"
          />
        </>
      }
      tableTestId="fleet-table"
      rowTestId="fleet-row"
      columnCount={columns.length}
      renderDetails={
        hidden.length
          ? row => (
              <Typography
                component="dl"
                variant="body2"
                className={classes.details}
              >
                {hidden.map(column => (
                  <div key={column.title}>
                    <dt>{titleOf(column)}</dt>
                    <dd>{column.render(row)}</dd>
                  </div>
                ))}
              </Typography>
            )
          : undefined
      }
      headerCells={columns.map(column => (
        <TableCell
          key={column.title}
          align={column.numeric ? 'right' : 'left'}
          style={
            column.title.includes(' ') ? fitHeader(column.title) : undefined
          }
          sortDirection={
            column.sortKey && sort?.key === column.sortKey
              ? sort.direction
              : false
          }
        >
          {column.sortKey ? (
            <TableSortLabel
              active={sort?.key === column.sortKey}
              direction={sort?.key === column.sortKey ? sort.direction : 'asc'}
              onClick={() => toggleSort(column.sortKey!)}
              data-testid={`fleet-sort-${column.sortKey}`}
            >
              {column.title}
            </TableSortLabel>
          ) : (
            column.title
          )}
          {column.anchor && (
            <DefinitionLink anchor={column.anchor} label={column.title} />
          )}
        </TableCell>
      ))}
      renderCells={row =>
        columns.map(column => (
          <TableCell
            key={column.title}
            align={column.numeric ? 'right' : 'left'}
          >
            {column.render(row)}
          </TableCell>
        ))
      }
    />
  );
}
