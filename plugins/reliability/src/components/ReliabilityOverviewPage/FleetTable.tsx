import { useMemo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_TIERS,
  FleetReadiness,
  FleetRow,
  FleetSortKey,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { FleetSort, reliabilityApiRef } from '../../api';
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
import { SloStatusIndicator } from '../SloStatusIndicator';
import {
  FleetFilterName,
  FleetFilters,
  READINESS_VALUES,
  toFleetQuery,
} from './fleetSearch';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 160 },
  pager: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
}));

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
  render: (row: FleetRow) => JSX.Element | string;
}

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
    sortKey: 'mttaMs',
    numeric: true,
    render: row => formatResponseTime(row.mttaMs),
  },
  {
    title: 'MTTR',
    sortKey: 'mttrMs',
    numeric: true,
    render: row => formatResponseTime(row.mttrMs),
  },
  {
    title: 'Noise ratio',
    sortKey: 'noiseRatio',
    numeric: true,
    render: row => formatShare(row.noiseRatio),
  },
  {
    title: 'Runbook coverage',
    sortKey: 'runbookCoverage',
    numeric: true,
    render: row => formatShare(row.runbookCoverage),
  },
  {
    title: 'Readiness',
    render: row => READINESS_LABELS[row.readiness] ?? row.readiness,
  },
  {
    title: 'Golden path',
    render: row => row.goldenPathLevel ?? NO_VALUE,
  },
];

/** The options of the fleet filters. */
export interface FleetFilterOptions {
  tier: string[];
  owner: string[];
  system: string[];
}

function FilterSelect(props: {
  name: FleetFilterName;
  label: string;
  options: string[];
  value: string[];
  getLabel: (value: string) => string;
  onChange: (values: string[]) => void;
}) {
  const classes = useStyles();
  const options = Array.from(new Set([...props.options, ...props.value]));
  return (
    <TextField
      select
      className={classes.filter}
      id={`reliability-fleet-filter-${props.name}`}
      label={props.label}
      variant="outlined"
      size="small"
      value={props.value}
      inputProps={{ 'data-testid': `fleet-filter-${props.name}` }}
      SelectProps={{
        multiple: true,
        renderValue: selected =>
          (selected as string[]).map(props.getLabel).join(', '),
      }}
      onChange={event =>
        props.onChange(event.target.value as unknown as string[])
      }
    >
      {options.map(option => (
        <MenuItem key={option} value={option}>
          {props.getLabel(option)}
        </MenuItem>
      ))}
    </TextField>
  );
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
  const api = useApi(reliabilityApiRef);
  const queryKey = JSON.stringify([filters, sort]);
  // The cursors of the pages shown so far; reset when the query changes.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({
    key: queryKey,
    cursors: [],
  });
  const cursors = pages.key === queryKey ? pages.cursors : [];
  const cursor = cursors[cursors.length - 1];

  const { value, loading, error } = useAsync(
    () =>
      api.getFleet({
        ...toFleetQuery(filters, sort),
        cursor,
        limit: FLEET_PAGE_SIZE,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, cursor],
  );

  const setFilter = (name: FleetFilterName, values: string[]) =>
    onChange({ ...filters, [name]: values.length ? values : undefined }, sort);

  const toggleSort = (key: FleetSortKey) => {
    const direction =
      sort?.key === key && sort.direction === 'asc' ? 'desc' : 'asc';
    onChange(filters, { key, direction });
  };

  const hasFilters = Object.values(filters).some(values => values?.length);
  const pageNumber = cursors.length + 1;
  const tierOptions = useMemo(
    () =>
      Array.from(
        new Set([...DEFAULT_TIERS.map(tier => tier.id), ...filterOptions.tier]),
      ),
    [filterOptions.tier],
  );

  let body: JSX.Element;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading && !value) {
    body = <Progress />;
  } else if (!value || value.items.length === 0) {
    body = (
      <Typography data-testid="fleet-empty" color="textSecondary">
        {hasFilters
          ? 'No entities match the filters.'
          : 'No entities in the fleet yet. The collectors fill it as they run.'}
      </Typography>
    );
  } else {
    body = (
      <TableContainer>
        <Table size="small" data-testid="fleet-table">
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => (
                <TableCell
                  key={column.title}
                  align={column.numeric ? 'right' : 'left'}
                  sortDirection={
                    column.sortKey && sort?.key === column.sortKey
                      ? sort.direction
                      : false
                  }
                >
                  {column.sortKey ? (
                    <TableSortLabel
                      active={sort?.key === column.sortKey}
                      direction={
                        sort?.key === column.sortKey ? sort.direction : 'asc'
                      }
                      onClick={() => toggleSort(column.sortKey!)}
                      data-testid={`fleet-sort-${column.sortKey}`}
                    >
                      {column.title}
                    </TableSortLabel>
                  ) : (
                    column.title
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map(row => (
              <TableRow
                key={row.entityRef}
                data-testid="fleet-row"
                data-entity-ref={row.entityRef}
              >
                {COLUMNS.map(column => (
                  <TableCell
                    key={column.title}
                    align={column.numeric ? 'right' : 'left'}
                  >
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    );
  }

  return (
    <InfoCard
      title="Fleet"
      subheader="Every entity with its reliability figures"
    >
      <Box className={classes.filters}>
        <FilterSelect
          name="tier"
          label="Tier"
          options={tierOptions}
          value={filters.tier ?? []}
          getLabel={tierTitle}
          onChange={values => setFilter('tier', values)}
        />
        <FilterSelect
          name="sloStatus"
          label="SLO status"
          options={SLO_STATUS_FILTER_VALUES}
          value={filters.sloStatus ?? []}
          getLabel={v => formatSloStatus(v as FleetRow['sloStatus'])}
          onChange={values => setFilter('sloStatus', values)}
        />
        <FilterSelect
          name="owner"
          label="Owner"
          options={filterOptions.owner}
          value={filters.owner ?? []}
          getLabel={v => v}
          onChange={values => setFilter('owner', values)}
        />
        <FilterSelect
          name="system"
          label="System"
          options={filterOptions.system}
          value={filters.system ?? []}
          getLabel={v => v}
          onChange={values => setFilter('system', values)}
        />
        <FilterSelect
          name="readiness"
          label="Readiness"
          options={READINESS_VALUES}
          value={filters.readiness ?? []}
          getLabel={v => READINESS_LABELS[v as FleetReadiness] ?? v}
          onChange={values => setFilter('readiness', values)}
        />
        {hasFilters && (
          <Button
            onClick={() => onChange({}, sort)}
            data-testid="fleet-clear-filters"
          >
            Clear filters
          </Button>
        )}
      </Box>
      {body}
      <Box className={classes.pager}>
        <Typography variant="body2" data-testid="fleet-page-info">
          {value
            ? `Page ${pageNumber} · ${value.totalCount} ${
                value.totalCount === 1 ? 'entity' : 'entities'
              }`
            : ''}
        </Typography>
        <Button
          disabled={cursors.length === 0 || loading}
          onClick={() =>
            setPages({ key: queryKey, cursors: cursors.slice(0, -1) })
          }
          data-testid="fleet-previous-page"
        >
          Previous
        </Button>
        <Button
          disabled={!value?.nextCursor || loading}
          onClick={() =>
            value?.nextCursor &&
            setPages({
              key: queryKey,
              cursors: [...cursors, value.nextCursor],
            })
          }
          data-testid="fleet-next-page"
        >
          Next
        </Button>
      </Box>
    </InfoCard>
  );
}
