import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_TIERS,
  ScorecardResultRow,
  ScorecardSummary,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TableCell from '@material-ui/core/TableCell';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { NO_VALUE, formatShare, tierTitle } from '../format';
import {
  MultiSelectFilters,
  PagedTableCard,
  useCursorPages,
} from '../PagedTableCard';
import {
  ScorecardFilters,
  checksOf,
  levelKeysOf,
  levelTitleOf,
  toResultsQuery,
} from './scorecardSearch';

const useStyles = makeStyles(theme => ({
  filter: { minWidth: 160 },
  nowrap: { whiteSpace: 'nowrap' },
  failing: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

/** Rows per page of the entity table. */
export const SCORECARD_PAGE_SIZE = 25;

type ListFilter = 'owner' | 'tier' | 'level';

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
  const pages = useCursorPages<ScorecardResultRow>(
    JSON.stringify([scorecard.id, filters]),
    (api, cursor) =>
      api.getScorecardResults(scorecard.id, {
        ...toResultsQuery(filters),
        cursor,
        limit: SCORECARD_PAGE_SIZE,
      }),
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

  return (
    <PagedTableCard
      title="Entities"
      subheader="Each entity's level, score and failing checks"
      testIdPrefix="scorecard"
      pages={pages}
      hasFilters={hasFilters}
      onClearFilters={() => onChange({})}
      emptyTestId="scorecard-results-empty"
      emptyText="No entity has a result on this scorecard yet."
      filters={
        <>
          <MultiSelectFilters<ListFilter>
            idPrefix="scorecard-filter-"
            testIdPrefix="scorecard-filter-"
            values={filters}
            onChange={setList}
            filters={[
              { name: 'owner', label: 'Owner', options: ownerOptions },
              {
                name: 'tier',
                label: 'Tier',
                options: tierOptions,
                getLabel: tierTitle,
              },
              {
                name: 'level',
                label: 'Level',
                options: levelKeysOf(scorecard),
                getLabel: v => levelTitleOf(scorecard, v),
              },
            ]}
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
        </>
      }
      tableTestId="scorecard-results"
      rowTestId="scorecard-result-row"
      headerCells={
        <>
          <TableCell className={classes.nowrap}>Entity</TableCell>
          <TableCell className={classes.nowrap}>Owner</TableCell>
          <TableCell className={classes.nowrap}>Tier</TableCell>
          <TableCell className={classes.nowrap}>Level</TableCell>
          <TableCell className={classes.nowrap} align="right">
            Score
          </TableCell>
          <TableCell>Failing checks</TableCell>
        </>
      }
      renderCells={row => (
        <>
          <TableCell className={classes.nowrap}>
            <EntityRefLink entityRef={row.entityRef} />
          </TableCell>
          <TableCell className={classes.nowrap}>
            {row.ownerRef ? (
              <EntityRefLink entityRef={row.ownerRef} defaultKind="group" />
            ) : (
              NO_VALUE
            )}
          </TableCell>
          <TableCell className={classes.nowrap}>
            {tierTitle(row.tier)}
          </TableCell>
          <TableCell className={classes.nowrap}>
            {levelTitleOf(scorecard, row.level)}
          </TableCell>
          <TableCell className={classes.nowrap} align="right">
            {formatShare(row.score)}
          </TableCell>
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
        </>
      )}
    />
  );
}
