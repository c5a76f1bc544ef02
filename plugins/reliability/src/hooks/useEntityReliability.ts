import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../api';

/**
 * Loads the reliability data of the entity in context.
 */
export function useEntityReliability() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsync(
    () => api.getEntityReliability(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  return { ...state, entityRef: ref };
}
