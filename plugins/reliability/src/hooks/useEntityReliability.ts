import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../api';

/**
 * Loads the reliability data of the entity in context. `retry` loads it
 * again (after a change such as an attestation); while it reloads, the
 * previous value stays available.
 */
export function useEntityReliability() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEntityReliability(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  return { ...state, entityRef: ref };
}
