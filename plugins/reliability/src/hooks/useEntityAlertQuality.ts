import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AlertQualityWindow } from '@reliability-kit/backstage-plugin-reliability-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../api';

/**
 * Loads the alert quality of the entity in context over a window. While it
 * reloads (`retry`, another window) the previous value stays available.
 */
export function useEntityAlertQuality(alertWindow: AlertQualityWindow) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getAlertQuality(ref, alertWindow),
    [api, ref.kind, ref.namespace, ref.name, alertWindow],
  );
  return { ...state, entityRef: ref };
}
