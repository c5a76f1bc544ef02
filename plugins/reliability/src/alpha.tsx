import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SpeedIcon from '@material-ui/icons/Speed';
import { z } from 'zod';
import { ReliabilityClient, reliabilityApiRef } from './api';
import {
  campaignsRouteRef,
  overviewRouteRef,
  scorecardsRouteRef,
} from './routes';

/**
 * The reliability API client.
 *
 * @alpha
 */
export const reliabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "Reliability" tab on component entity pages.
 *
 * @alpha
 */
export const entityReliabilityContent = EntityContentBlueprint.make({
  name: 'reliability',
  params: {
    path: 'reliability',
    title: 'Reliability',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityReliabilityContent').then(m => (
        <m.EntityReliabilityContent />
      )),
  },
});

/**
 * The card of the entity's SLOs on component overview pages.
 *
 * @alpha
 */
export const entitySloSummaryCard = EntityCardBlueprint.make({
  name: 'slo-summary',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntitySloSummaryCard').then(m => (
        <m.EntitySloSummaryCard />
      )),
  },
});

/**
 * The "Alert quality" tab on component entity pages.
 *
 * @alpha
 */
export const entityAlertQualityContent = EntityContentBlueprint.make({
  name: 'alert-quality',
  params: {
    path: 'alert-quality',
    title: 'Alert quality',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityAlertQualityContent').then(m => (
        <m.EntityAlertQualityContent />
      )),
  },
});

/**
 * The "Incidents" tab of component pages: SEV incidents, postmortems,
 * corrective actions and their KPIs.
 *
 * @alpha
 */
export const entityIncidentsContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/Incidents').then(m => <m.EntityIncidentsContent />),
  },
});

/**
 * The card of the entity's on-call health on component overview pages.
 *
 * @alpha
 */
export const entityOnCallHealthCard = EntityCardBlueprint.make({
  name: 'on-call-health',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityOnCallHealthCard').then(m => (
        <m.EntityOnCallHealthCard />
      )),
  },
});

/**
 * The route of the Reliability overview page.
 *
 * @alpha
 */
export const reliabilityOverviewRouteRef =
  convertLegacyRouteRef(overviewRouteRef);

/**
 * The Reliability overview page at `/reliability`, with a "Reliability"
 * nav item.
 *
 * @alpha
 */
export const reliabilityOverviewPage = PageBlueprint.make({
  params: {
    path: '/reliability',
    title: 'Reliability',
    icon: <SpeedIcon />,
    routeRef: reliabilityOverviewRouteRef,
    loader: () =>
      import('./components/ReliabilityOverviewPage').then(m => (
        <m.ReliabilityOverviewPage header={false} />
      )),
  },
});

/**
 * The route of the scorecard overview page.
 *
 * @alpha
 */
export const scorecardOverviewRouteRef =
  convertLegacyRouteRef(scorecardsRouteRef);

/**
 * The scorecard overview page at `/reliability/scorecards`: adoption per
 * team and tier, the trend and the entities of a scorecard.
 *
 * @alpha
 */
export const scorecardOverviewPage = PageBlueprint.make({
  name: 'scorecards',
  params: {
    path: '/reliability/scorecards',
    title: 'Scorecards',
    routeRef: scorecardOverviewRouteRef,
    loader: () =>
      import('./components/ScorecardOverviewPage').then(m => (
        <m.ScorecardOverviewPage header={false} />
      )),
  },
});

/**
 * The card of the entity's result on a scorecard, on component overview
 * pages. Its config `scorecardId` (default `golden-path`) names the
 * scorecard; for another scorecard, add an `EntityCardBlueprint` card
 * rendering `EntityScorecardCard` (see the README).
 *
 * @alpha
 */
export const entityScorecardCard = EntityCardBlueprint.makeWithOverrides({
  name: 'scorecard',
  configSchema: {
    scorecardId: z.string().default('golden-path'),
    title: z.string().optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: { kind: 'component' },
      loader: () =>
        import('./components/EntityScorecardCard').then(m => (
          <m.EntityScorecardCard
            scorecardId={config.scorecardId}
            title={config.title}
          />
        )),
    });
  },
});

/**
 * The route of the campaigns page.
 *
 * @alpha
 */
export const campaignsPageRouteRef = convertLegacyRouteRef(campaignsRouteRef);

/**
 * The campaigns page at `/reliability/campaigns`: campaigns with their
 * progress and due dates, burn-up and the entities not done.
 *
 * @alpha
 */
export const campaignsPage = PageBlueprint.make({
  name: 'campaigns',
  params: {
    path: '/reliability/campaigns',
    title: 'Campaigns',
    routeRef: campaignsPageRouteRef,
    loader: () =>
      import('./components/Campaigns').then(m => (
        <m.CampaignsPage header={false} />
      )),
  },
});

/**
 * The card of the campaigns that apply to an entity, on component overview
 * pages.
 *
 * @alpha
 */
export const entityCampaignsCard = EntityCardBlueprint.make({
  name: 'campaigns',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/Campaigns').then(m => <m.EntityCampaignsCard />),
  },
});

/**
 * The tier filter of the catalog index page.
 *
 * @alpha
 */
export const catalogTierFilter = CatalogFilterBlueprint.make({
  name: 'tier',
  params: {
    loader: async () =>
      import('./components/CatalogFilters').then(m => <m.EntityTierPicker />),
  },
});

/**
 * The SLO status filter of the catalog index page.
 *
 * @alpha
 */
export const catalogSloStatusFilter = CatalogFilterBlueprint.make({
  name: 'slo-status',
  params: {
    loader: async () =>
      import('./components/CatalogFilters').then(m => (
        <m.EntitySloStatusPicker />
      )),
  },
});

/**
 * The Reliability Kit plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'reliability',
  extensions: [
    reliabilityApi,
    entityReliabilityContent,
    entitySloSummaryCard,
    entityAlertQualityContent,
    entityIncidentsContent,
    entityOnCallHealthCard,
    entityScorecardCard,
    entityCampaignsCard,
    reliabilityOverviewPage,
    scorecardOverviewPage,
    campaignsPage,
    catalogTierFilter,
    catalogSloStatusFilter,
  ],
  routes: {
    overview: reliabilityOverviewRouteRef,
    scorecards: scorecardOverviewRouteRef,
    campaigns: campaignsPageRouteRef,
  },
});
