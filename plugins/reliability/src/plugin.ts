import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ReliabilityClient, reliabilityApiRef } from './api';
import {
  campaignsRouteRef,
  overviewRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
} from './routes';

export {
  campaignsRouteRef,
  overviewRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
} from './routes';

/**
 * The Reliability Kit frontend plugin, for apps on the legacy frontend
 * system. Apps on the new frontend system use the default export of
 * `@reliability-kit/backstage-plugin-reliability/alpha` instead.
 *
 * @public
 */
export const reliabilityPlugin = createPlugin({
  id: 'reliability',
  routes: {
    root: rootRouteRef,
    overview: overviewRouteRef,
    scorecards: scorecardsRouteRef,
    campaigns: campaignsRouteRef,
  },
  apis: [
    createApiFactory({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The "Reliability" entity tab, for legacy apps:
 * `<EntityLayout.Route path="/reliability" title="Reliability"><EntityReliabilityContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityReliabilityContent = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityReliabilityContent',
    component: {
      lazy: () =>
        import('./components/EntityReliabilityContent').then(
          m => m.EntityReliabilityContent,
        ),
    },
  }),
);

/**
 * A card of the entity's SLOs for its overview page, for legacy apps:
 * `<Grid item md={6}><EntitySloSummaryCard /></Grid>`.
 *
 * @public
 */
export const EntitySloSummaryCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntitySloSummaryCard',
    component: {
      lazy: () =>
        import('./components/EntitySloSummaryCard').then(
          m => m.EntitySloSummaryCard,
        ),
    },
  }),
);

/**
 * The "Alert quality" entity tab, for legacy apps:
 * `<EntityLayout.Route path="/alert-quality" title="Alert quality"><EntityAlertQualityContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityAlertQualityContent = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityAlertQualityContent',
    component: {
      lazy: () =>
        import('./components/EntityAlertQualityContent').then(
          m => m.EntityAlertQualityContent,
        ),
    },
  }),
);

/**
 * The "Incidents" tab of an entity page, for legacy apps:
 * `<EntityLayout.Route path="/incidents" title="Incidents"><EntityIncidentsContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityIncidentsContent = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityIncidentsContent',
    component: {
      lazy: () =>
        import('./components/Incidents').then(m => m.EntityIncidentsContent),
    },
  }),
);

/**
 * A card of the entity's on-call health for its overview page, for legacy
 * apps: `<Grid item md={6}><EntityOnCallHealthCard /></Grid>`. It links to
 * the "Alert quality" tab at `<entity page>/alert-quality`.
 *
 * @public
 */
export const EntityOnCallHealthCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallHealthCard',
    component: {
      lazy: () =>
        import('./components/EntityOnCallHealthCard').then(
          m => m.EntityOnCallHealthCard,
        ),
    },
  }),
);

/**
 * The Reliability overview page of the fleet, for legacy apps:
 * `<Route path="/reliability" element={<ReliabilityOverviewPage />} />`.
 *
 * @public
 */
export const ReliabilityOverviewPage = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'ReliabilityOverviewPage',
    component: () =>
      import('./components/ReliabilityOverviewPage').then(
        m => m.ReliabilityOverviewPage,
      ),
    mountPoint: overviewRouteRef,
  }),
);

/**
 * A card of the entity's result on one scorecard for its overview page, for
 * legacy apps: `<Grid item md={6}><EntityScorecardCard scorecardId="golden-path" /></Grid>`.
 *
 * @public
 */
export const EntityScorecardCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardCard').then(
          m => m.EntityScorecardCard,
        ),
    },
  }),
);

/**
 * The scorecard overview page of the fleet, for legacy apps:
 * `<Route path="/reliability/scorecards" element={<ScorecardOverviewPage />} />`.
 *
 * @public
 */
export const ScorecardOverviewPage = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'ScorecardOverviewPage',
    component: () =>
      import('./components/ScorecardOverviewPage').then(
        m => m.ScorecardOverviewPage,
      ),
    mountPoint: scorecardsRouteRef,
  }),
);

/**
 * The campaigns page of the fleet, for legacy apps:
 * `<Route path="/reliability/campaigns" element={<CampaignsPage />} />`.
 *
 * @public
 */
export const CampaignsPage = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'CampaignsPage',
    component: () =>
      import('./components/Campaigns').then(m => m.CampaignsPage),
    mountPoint: campaignsRouteRef,
  }),
);

/**
 * A card of the campaigns that apply to the entity, for its overview page in
 * legacy apps: `<Grid item md={6}><EntityCampaignsCard /></Grid>`.
 *
 * @public
 */
export const EntityCampaignsCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityCampaignsCard',
    component: {
      lazy: () =>
        import('./components/Campaigns').then(m => m.EntityCampaignsCard),
    },
  }),
);
