import { useCallback, useMemo } from 'react';
import { InfoCard, LinkButton } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { FleetGroupBy, FleetSort, reliabilityApiRef } from '../../api';
import {
  campaignsRouteRef,
  scorecardsRouteRef,
  useOptionalRouteLink,
} from '../../routes';
import { AsyncSection } from '../AsyncSection';
import { groupKeys } from '../groupKeys';
import { OverviewPage } from '../OverviewPage';
import { ExportWeeklyReview } from './ExportWeeklyReview';
import { FleetRollupTable } from './FleetRollupTable';
import { FleetTable } from './FleetTable';
import { FleetTrendsChart } from './FleetTrendsChart';
import { FleetIncidentsCards } from '../Incidents';
import { FleetFilters, readFleetSearch, writeFleetSearch } from './fleetSearch';
import { TierKpiCards } from './TierKpiCards';

/**
 * Props of {@link ReliabilityOverviewPage}.
 *
 * @public
 */
export interface ReliabilityOverviewPageProps {
  /** Whether to render the page header; the new frontend system renders its own. Default true. */
  header?: boolean;
}

function useSummary(groupBy: FleetGroupBy) {
  const api = useApi(reliabilityApiRef);
  return useAsync(() => api.getFleetSummary(groupBy), [api, groupBy]);
}

/**
 * The Reliability overview of the fleet: KPIs per tier, 12-week trends, the
 * fleet table (filters and sort shared through the URL), roll-ups per owner
 * and system, and the weekly review export.
 *
 * @public
 */
export function ReliabilityOverviewPage(props: ReliabilityOverviewPageProps) {
  const api = useApi(reliabilityApiRef);
  const scorecardsLink = useOptionalRouteLink(scorecardsRouteRef);
  const campaignsLink = useOptionalRouteLink(campaignsRouteRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const searchKey = searchParams.toString();
  const { filters, sort } = useMemo(
    () => readFleetSearch(new URLSearchParams(searchKey)),
    [searchKey],
  );
  const onChange = useCallback(
    (nextFilters: FleetFilters, nextSort: FleetSort | undefined) =>
      setSearchParams(
        current => writeFleetSearch(current, nextFilters, nextSort),
        { replace: true },
      ),
    [setSearchParams],
  );

  const tiers = useSummary('tier');
  const owners = useSummary('owner');
  const systems = useSummary('system');
  const trends = useAsync(() => api.getFleetTrends(12), [api]);
  const incidents = useAsync(() => api.getFleetIncidents('month'), [api]);
  const campaigns = useAsync(() => api.listCampaigns(), [api]);

  const filterOptions = useMemo(
    () => ({
      tier: groupKeys(tiers.value),
      owner: groupKeys(owners.value),
      system: groupKeys(systems.value),
      campaign: campaigns.value?.items.map(({ campaign }) => ({
        id: campaign.id,
        title: campaign.title,
      })),
    }),
    [tiers.value, owners.value, systems.value, campaigns.value],
  );

  return (
    <OverviewPage
      header={props.header}
      title="Reliability"
      subtitle="SLOs, on-call health and readiness across the fleet"
      contentTitle="Fleet overview"
      actions={
        <>
          {scorecardsLink && (
            <LinkButton
              to={scorecardsLink}
              variant="outlined"
              color="primary"
              data-testid="scorecards-link"
            >
              Scorecards
            </LinkButton>
          )}
          {campaignsLink && (
            <LinkButton
              to={campaignsLink}
              variant="outlined"
              color="primary"
              data-testid="campaigns-link"
            >
              Campaigns
            </LinkButton>
          )}
          <ExportWeeklyReview />
        </>
      }
    >
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <AsyncSection state={tiers}>
            {summary => <TierKpiCards groups={summary.groups} />}
          </AsyncSection>
        </Grid>
        <Grid item xs={12}>
          <AsyncSection state={incidents}>
            {value => <FleetIncidentsCards value={value} />}
          </AsyncSection>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Trends" subheader="The last 12 weeks">
            <AsyncSection state={trends}>
              {points => <FleetTrendsChart points={points} />}
            </AsyncSection>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <FleetTable
            filters={filters}
            sort={sort}
            filterOptions={filterOptions}
            onChange={onChange}
          />
        </Grid>
        <Grid item xs={12}>
          <AsyncSection state={owners}>
            {summary => (
              <FleetRollupTable groupBy="owner" groups={summary.groups} />
            )}
          </AsyncSection>
        </Grid>
        <Grid item xs={12}>
          <AsyncSection state={systems}>
            {summary => (
              <FleetRollupTable groupBy="system" groups={summary.groups} />
            )}
          </AsyncSection>
        </Grid>
      </Grid>
    </OverviewPage>
  );
}
