import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { ReliabilityApi, reliabilityApiRef } from '../api';

/** The component the entity page tests show. */
export const CHECKOUT_ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service' },
};

/**
 * Renders `element` on the page of `entity` with `api` as the reliability
 * API, the entity route mounted, and a permission API that allows all.
 */
export function renderForEntity(
  element: ReactElement,
  api: Partial<ReliabilityApi>,
  entity: Entity = CHECKOUT_ENTITY,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
