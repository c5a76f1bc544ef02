import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import { useEntityReliability } from '../../hooks';
import { PolicyBanner } from '../PolicyBanner';
import { ReadinessChecklist } from '../ReadinessChecklist';
import { SloSection } from '../SloSection';
import { TierCard } from '../TierCard';

/**
 * The "Reliability" tab of an entity page: the entity's tier, its SLOs and
 * its production readiness checklist.
 *
 * @public
 */
export function EntityReliabilityContent() {
  const { value, loading, error, retry, entityRef } = useEntityReliability();

  if (loading && !value) {
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
      {loading && (
        <Grid item xs={12}>
          <LinearProgress aria-label="Reloading" />
        </Grid>
      )}
      <Grid item xs={12}>
        <PolicyBanner entityRef={entityRef} />
      </Grid>
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
      <Grid item xs={12}>
        <ReadinessChecklist
          entityRef={entityRef}
          section={value.sections.readiness}
          onChange={retry}
        />
      </Grid>
    </Grid>
  );
}
