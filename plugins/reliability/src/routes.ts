import {
  RouteRef,
  createRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The route of the entity "Reliability" tab.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'reliability' });

/**
 * The route of the Reliability overview page.
 *
 * @public
 */
export const overviewRouteRef = createRouteRef({ id: 'reliability-overview' });

/**
 * The route of the scorecard overview page.
 *
 * @public
 */
export const scorecardsRouteRef = createRouteRef({
  id: 'reliability-scorecards',
});

/**
 * The route of the campaigns page.
 *
 * @public
 */
export const campaignsRouteRef = createRouteRef({
  id: 'reliability-campaigns',
});

/**
 * The path of a page of the plugin, or undefined when the app has not
 * mounted it (then links to it are left out instead of failing).
 */
export function useOptionalRouteLink(routeRef: RouteRef): string | undefined {
  try {
    // useRouteRef runs all its hooks before it throws for an unmounted route.
    return useRouteRef(routeRef)();
  } catch {
    return undefined;
  }
}
