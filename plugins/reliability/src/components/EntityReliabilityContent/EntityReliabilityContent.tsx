import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useEntityReliability } from '../../hooks';
import { SloSection } from '../SloSection';
import { TierCard } from '../TierCard';

/**
 * The "Reliability" tab of an entity page: the entity's tier and its SLOs,
 * and, as the suite fills them in, its readiness.
 *
 * @public
 */
export function EntityReliabilityContent() {
  const { value, loading, error, entityRef } = useEntityReliability();

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
      <Grid item xs={12}>
        <SloSection
          entityRef={entityRef}
          section={value.sections.slos}
          sloStatus={value.sloStatus}
        />
      </Grid>
    </Grid>
  );
}
