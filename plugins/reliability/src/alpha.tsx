import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SpeedIcon from '@material-ui/icons/Speed';
import { ReliabilityClient, reliabilityApiRef } from './api';

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
export const reliabilityOverviewRouteRef = createRouteRef();

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
    entityOnCallHealthCard,
    reliabilityOverviewPage,
    catalogTierFilter,
    catalogSloStatusFilter,
  ],
  routes: { overview: reliabilityOverviewRouteRef },
});
