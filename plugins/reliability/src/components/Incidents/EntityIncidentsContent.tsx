import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { IncidentPeriodKind } from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api';
import { formatRelativeTime } from '../format';
import { ProblemsPanel } from '../SectionNotices';
import { ActionsTable } from './ActionsTable';
import { IncidentKpiList } from './IncidentKpiList';
import { IncidentPeriodPicker, periodLabels } from './IncidentPeriodPicker';
import { IncidentsTable } from './IncidentsTable';
import { SevPerMonthChart } from './SevPerMonthChart';

/**
 * Props of {@link EntityIncidentsContent}.
 *
 * @public
 */
export interface EntityIncidentsContentProps {
  /** The KPI period shown first; default `month`. */
  defaultPeriod?: IncidentPeriodKind;
}

/**
 * The "Incidents" tab of an entity page: the KPIs of the month or quarter
 * against the previous one (SEV0/SEV1 counts, MTTD, MTTR, postmortems and
 * actions on time, overdue and stalled actions), the SEV incidents per
 * month, the SEV incidents with their postmortems, and the corrective
 * actions.
 *
 * @public
 */
export function EntityIncidentsContent(props: EntityIncidentsContentProps) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const [period, setPeriod] = useState<IncidentPeriodKind>(
    props.defaultPeriod ?? 'month',
  );
  const { value, loading, error } = useAsyncRetry(
    () => api.getEntityIncidents(ref, period),
    [api, ref.kind, ref.namespace, ref.name, period],
  );
  const labels = periodLabels(value?.period ?? period);

  const heading = (
    <Grid item xs={12}>
      <Grid container alignItems="center" justifyContent="space-between">
        <Grid item>
          <Typography variant="h5" component="h2">
            Incidents
          </Typography>
          {value && (
            <Typography variant="body2" color="textSecondary">
              {`Postmortems due ${
                value.slaBusinessDays
              } business days after a ${value.requiredSeverities.join(
                ' or ',
              )} incident is resolved`}
              {value.computedAt
                ? ` · postmortems read ${formatRelativeTime(value.computedAt)}`
                : ' · postmortems not read yet'}
            </Typography>
          )}
        </Grid>
        <Grid item>
          <IncidentPeriodPicker value={period} onChange={setPeriod} />
        </Grid>
      </Grid>
    </Grid>
  );

  if (!value) {
    return (
      <Grid container spacing={3}>
        {heading}
        <Grid item xs={12}>
          {error ? (
            <ResponseErrorPanel error={error} />
          ) : (
            loading && <Progress />
          )}
        </Grid>
      </Grid>
    );
  }

  return (
    <Grid container spacing={3} data-testid="entity-incidents">
      {heading}
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} />
        </Grid>
      )}
      {value.problems.length > 0 && (
        <Grid item xs={12}>
          <ProblemsPanel
            problems={value.problems}
            subject="the postmortems and tickets"
            message="Fix these in the postmortem files, the entity's annotations or the plugin's configuration; the rest is shown as read before."
            problemTestId="incidents-problem"
          />
        </Grid>
      )}
      <Grid item xs={12} md={5}>
        <InfoCard title="KPIs" subheader={labels.range}>
          <IncidentKpiList
            kpis={value.kpis}
            requiredSeverities={value.requiredSeverities}
            currentLabel={labels.current}
            previousLabel={labels.previous}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title="SEV incidents per month"
          subheader="The last 12 months"
        >
          <SevPerMonthChart
            monthly={value.monthly}
            severities={value.severities}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <IncidentsTable incidents={value.incidents} />
      </Grid>
      <Grid item xs={12}>
        <ActionsTable actions={value.actions} />
      </Grid>
    </Grid>
  );
}
