import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ScorecardSummary } from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ScorecardGroupBy, reliabilityApiRef } from '../../api';
import { overviewRouteRef, useOptionalRouteLink } from '../../routes';
import { AsyncSection } from '../AsyncSection';
import { formatRelativeTime } from '../format';
import { groupKeys } from '../groupKeys';
import { OverviewPage } from '../OverviewPage';
import { ScorecardAdoptionCard } from './ScorecardAdoptionCard';
import { ScorecardKpiCards } from './ScorecardKpiCards';
import { ScorecardResultsTable } from './ScorecardResultsTable';
import { ScorecardTrendChart } from './ScorecardTrendChart';
import {
  ScorecardFilters,
  readScorecardSearch,
  writeScorecardSearch,
} from './scorecardSearch';

const useStyles = makeStyles(theme => ({
  picker: { minWidth: 240 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
}));

/**
 * Props of {@link ScorecardOverviewPage}.
 *
 * @public
 */
export interface ScorecardOverviewPageProps {
  /** Whether to render the page header; the new frontend system renders its own. Default true. */
  header?: boolean;
}

function ScorecardDetails(props: {
  scorecard: ScorecardSummary;
  filters: ScorecardFilters;
  onFilters: (filters: ScorecardFilters) => void;
}) {
  const { scorecard, filters, onFilters } = props;
  const api = useApi(reliabilityApiRef);
  const id = scorecard.id;
  const owners = useAsync(
    () => api.getScorecardAdoption(id, 'owner'),
    [api, id],
  );
  const tiers = useAsync(() => api.getScorecardAdoption(id, 'tier'), [api, id]);
  const trend = useAsync(() => api.getScorecardTrend(id, 90), [api, id]);

  const ownerOptions = useMemo(() => groupKeys(owners.value), [owners.value]);

  const drillDown = (groupBy: ScorecardGroupBy, key: string) => {
    onFilters({ ...filters, [groupBy]: [key] });
    document
      .getElementById('scorecard-entities')
      ?.scrollIntoView?.({ behavior: 'smooth' });
  };

  return (
    <Grid container spacing={3}>
      {scorecard.description && (
        <Grid item xs={12}>
          <Typography variant="body1">{scorecard.description}</Typography>
        </Grid>
      )}
      <Grid item xs={12}>
        <ScorecardKpiCards scorecard={scorecard} />
        {scorecard.evaluatedAt && (
          <Typography variant="caption" color="textSecondary">
            Evaluated {formatRelativeTime(scorecard.evaluatedAt)}
          </Typography>
        )}
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Trend"
          subheader="Adoption and mean score over the last 90 days"
        >
          <AsyncSection state={trend}>
            {points => <ScorecardTrendChart points={points} />}
          </AsyncSection>
        </InfoCard>
      </Grid>
      {Object.entries({ owner: owners, tier: tiers }).map(
        ([groupBy, state]) => (
          <Grid item xs={12} xl={6} key={groupBy}>
            <AsyncSection state={state}>
              {adoption => (
                <ScorecardAdoptionCard
                  scorecard={scorecard}
                  adoption={adoption}
                  onDrillDown={drillDown}
                />
              )}
            </AsyncSection>
          </Grid>
        ),
      )}
      <Grid item xs={12} id="scorecard-entities">
        <ScorecardResultsTable
          scorecard={scorecard}
          filters={filters}
          ownerOptions={ownerOptions}
          onChange={onFilters}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The scorecards of the fleet: pick a scorecard (kept in the URL with the
 * filters) to see its adoption (KPIs, per team, per tier), its trend over 90
 * days and its entities, filtered by owner, tier, level or a failing check.
 *
 * @public
 */
export function ScorecardOverviewPage(props: ScorecardOverviewPageProps) {
  const classes = useStyles();
  const api = useApi(reliabilityApiRef);
  const overviewLink = useOptionalRouteLink(overviewRouteRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const searchKey = searchParams.toString();
  const { scorecardId, filters } = useMemo(
    () => readScorecardSearch(new URLSearchParams(searchKey)),
    [searchKey],
  );
  const scorecards = useAsync(() => api.listScorecards(), [api]);
  const items = scorecards.value?.items ?? [];
  const selected = items.find(s => s.id === scorecardId) ?? items[0];

  const selectScorecard = (id: string) =>
    // Levels and checks belong to a scorecard: keep only owner and tier.
    setSearchParams(
      current =>
        writeScorecardSearch(current, id, {
          owner: filters.owner,
          tier: filters.tier,
        }),
      { replace: true },
    );

  let body: JSX.Element;
  if (scorecards.error) {
    body = <ResponseErrorPanel error={scorecards.error} />;
  } else if (scorecards.loading) {
    body = <Progress />;
  } else if (!selected) {
    body = (
      <EmptyState
        missing="data"
        title="No scorecards"
        description="Scorecards are configured in app-config under reliability.scorecards: levels of checks, such as a golden path."
      />
    );
  } else {
    body = (
      <>
        {scorecardId && scorecardId !== selected.id && (
          <Alert severity="warning" data-testid="scorecard-unknown">
            No scorecard "{scorecardId}" is configured; showing {selected.title}
            .
          </Alert>
        )}
        <ScorecardDetails
          key={selected.id}
          scorecard={selected}
          filters={filters}
          onFilters={next =>
            setSearchParams(
              current => writeScorecardSearch(current, selected.id, next),
              { replace: true },
            )
          }
        />
      </>
    );
  }

  return (
    <OverviewPage
      header={props.header}
      title="Scorecards"
      subtitle="Golden paths and other scorecards across the fleet"
      contentTitle="Scorecards"
      actions={
        <div className={classes.header}>
          {overviewLink && <Link to={overviewLink}>Fleet overview</Link>}
          {items.length > 0 && selected && (
            <TextField
              select
              className={classes.picker}
              id="scorecard-picker"
              label="Scorecard"
              variant="outlined"
              size="small"
              value={selected.id}
              inputProps={{ 'data-testid': 'scorecard-picker' }}
              onChange={event => selectScorecard(event.target.value)}
            >
              {items.map(item => (
                <MenuItem key={item.id} value={item.id}>
                  {item.title}
                </MenuItem>
              ))}
            </TextField>
          )}
        </div>
      }
    >
      {body}
    </OverviewPage>
  );
}
