import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { TierCard } from '../TierCard';

/**
 * The "Reliability" tab of an entity page: the entity's tier and, as the
 * suite fills them in, its SLOs and readiness.
 *
 * @public
 */
export function EntityReliabilityContent() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntityReliability(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6}>
        <TierCard tier={value.tier} />
      </Grid>
    </Grid>
  );
}
