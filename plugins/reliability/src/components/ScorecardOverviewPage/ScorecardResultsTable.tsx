import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_TIERS,
  ScorecardSummary,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { NO_VALUE, formatShare, tierTitle } from '../format';
import {
  ScorecardFilters,
  checksOf,
  levelKeysOf,
  levelTitleOf,
  toResultsQuery,
} from './scorecardSearch';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 160 },
  failing: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  pager: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
}));

/** Rows per page of the entity table. */
export const SCORECARD_PAGE_SIZE = 25;

type ListFilter = 'owner' | 'tier' | 'level';

function MultiSelect(props: {
  name: ListFilter;
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
      id={`scorecard-filter-${props.name}`}
      label={props.label}
      variant="outlined"
      size="small"
      value={props.value}
      inputProps={{ 'data-testid': `scorecard-filter-${props.name}` }}
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

/** Props of {@link ScorecardResultsTable}. */
export interface ScorecardResultsTableProps {
  scorecard: ScorecardSummary;
  filters: ScorecardFilters;
  /** Owner refs to offer in the owner filter. */
  ownerOptions: string[];
  onChange: (filters: ScorecardFilters) => void;
}

/**
 * The entities of a scorecard with their level, score and failing checks,
 * filtered (owner, tier, level, a failing check) and paged by the backend;
 * each entity links to its page.
 */
export function ScorecardResultsTable(props: ScorecardResultsTableProps) {
  const { scorecard, filters, ownerOptions, onChange } = props;
  const classes = useStyles();
  const api = useApi(reliabilityApiRef);
  const queryKey = JSON.stringify([scorecard.id, filters]);
  // The cursors of the pages shown so far; reset when the query changes.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({
    key: queryKey,
    cursors: [],
  });
  const cursors = pages.key === queryKey ? pages.cursors : [];
  const cursor = cursors[cursors.length - 1];

  const { value, loading, error } = useAsync(
    () =>
      api.getScorecardResults(scorecard.id, {
        ...toResultsQuery(filters),
        cursor,
        limit: SCORECARD_PAGE_SIZE,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, cursor],
  );

  const checks = useMemo(() => checksOf(scorecard), [scorecard]);
  const checkTitle = (id: string) =>
    checks.find(check => check.id === id)?.title ?? id;
  const tierOptions = useMemo(() => DEFAULT_TIERS.map(tier => tier.id), []);

  const setList = (name: ListFilter, values: string[]) =>
    onChange({ ...filters, [name]: values.length ? values : undefined });
  const hasFilters = Boolean(
    filters.owner?.length ||
      filters.tier?.length ||
      filters.level?.length ||
      filters.failing,
  );
  const pageNumber = cursors.length + 1;

  let body: JSX.Element;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading && !value) {
    body = <Progress />;
  } else if (!value || value.items.length === 0) {
    body = (
      <Typography data-testid="scorecard-results-empty" color="textSecondary">
        {hasFilters
          ? 'No entities match the filters.'
          : 'No entity has a result on this scorecard yet.'}
      </Typography>
    );
  } else {
    body = (
      <TableContainer>
        <Table size="small" data-testid="scorecard-results">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Tier</TableCell>
              <TableCell>Level</TableCell>
              <TableCell align="right">Score</TableCell>
              <TableCell>Failing checks</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map(row => (
              <TableRow
                key={row.entityRef}
                data-testid="scorecard-result-row"
                data-entity-ref={row.entityRef}
              >
                <TableCell>
                  <EntityRefLink entityRef={row.entityRef} />
                </TableCell>
                <TableCell>
                  {row.ownerRef ? (
                    <EntityRefLink
                      entityRef={row.ownerRef}
                      defaultKind="group"
                    />
                  ) : (
                    NO_VALUE
                  )}
                </TableCell>
                <TableCell>{tierTitle(row.tier)}</TableCell>
                <TableCell>{levelTitleOf(scorecard, row.level)}</TableCell>
                <TableCell align="right">{formatShare(row.score)}</TableCell>
                <TableCell>
                  <div className={classes.failing}>
                    {row.failing.length === 0
                      ? NO_VALUE
                      : row.failing.map(id => (
                          <Chip
                            key={id}
                            size="small"
                            label={checkTitle(id)}
                            data-testid="scorecard-failing-check"
                          />
                        ))}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    );
  }

  return (
    <InfoCard
      title="Entities"
      subheader="Each entity's level, score and failing checks"
    >
      <Box className={classes.filters}>
        <MultiSelect
          name="owner"
          label="Owner"
          options={ownerOptions}
          value={filters.owner ?? []}
          getLabel={v => v}
          onChange={values => setList('owner', values)}
        />
        <MultiSelect
          name="tier"
          label="Tier"
          options={tierOptions}
          value={filters.tier ?? []}
          getLabel={tierTitle}
          onChange={values => setList('tier', values)}
        />
        <MultiSelect
          name="level"
          label="Level"
          options={levelKeysOf(scorecard)}
          value={filters.level ?? []}
          getLabel={v => levelTitleOf(scorecard, v)}
          onChange={values => setList('level', values)}
        />
        <TextField
          select
          className={classes.filter}
          id="scorecard-filter-failing"
          label="Failing check"
          variant="outlined"
          size="small"
          value={filters.failing ?? ''}
          inputProps={{ 'data-testid': 'scorecard-filter-failing' }}
          onChange={event =>
            onChange({
              ...filters,
              failing: event.target.value || undefined,
            })
          }
        >
          <MenuItem value="">Any</MenuItem>
          {checks.map(check => (
            <MenuItem key={check.id} value={check.id}>
              {check.title}
            </MenuItem>
          ))}
        </TextField>
        {hasFilters && (
          <Button
            onClick={() => onChange({})}
            data-testid="scorecard-clear-filters"
          >
            Clear filters
          </Button>
        )}
      </Box>
      {body}
      <Box className={classes.pager}>
        <Typography variant="body2" data-testid="scorecard-page-info">
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
          data-testid="scorecard-previous-page"
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
          data-testid="scorecard-next-page"
        >
          Next
        </Button>
      </Box>
    </InfoCard>
  );
}
