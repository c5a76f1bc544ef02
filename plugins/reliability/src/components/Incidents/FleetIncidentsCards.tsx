import { InfoCard } from '@backstage/core-components';
import { FleetIncidentsResponse } from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatEntityRefShort, tierTitle } from '../format';
import { IncidentKpiList } from './IncidentKpiList';
import { periodLabels } from './IncidentPeriodPicker';

/** Props of {@link FleetIncidentsCards}. */
export interface FleetIncidentsCardsProps {
  value: FleetIncidentsResponse;
}

/**
 * The fleet's incident KPIs: one card per tier and one for the whole
 * fleet, and the stalled actions for escalation.
 */
export function FleetIncidentsCards(props: FleetIncidentsCardsProps) {
  const { value } = props;
  const labels = periodLabels(value.period);
  const card = (
    key: string,
    title: string,
    subheader: string,
    kpis: FleetIncidentsResponse['fleet'],
  ) => (
    <Grid
      item
      xs={12}
      sm={6}
      lg={4}
      key={key}
      data-testid="fleet-incidents-tier"
      data-tier={key}
    >
      <InfoCard title={title} subheader={subheader}>
        <IncidentKpiList
          kpis={kpis}
          requiredSeverities={value.requiredSeverities}
          currentLabel={labels.current}
          previousLabel={labels.previous}
        />
      </InfoCard>
    </Grid>
  );
  return (
    <Grid container spacing={2} data-testid="fleet-incidents">
      <Grid item xs={12}>
        <Typography variant="h6" component="h3">
          Incidents and postmortems
        </Typography>
      </Grid>
      {card('fleet', 'Whole fleet', `${labels.range}`, value.fleet)}
      {value.tiers.map(t =>
        card(
          t.tier ?? 'none',
          tierTitle(t.tier),
          `${t.entities} entities`,
          t.kpis,
        ),
      )}
      {value.stalledActions.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Stalled actions" subheader="For escalation">
            <ul data-testid="fleet-stalled-actions">
              {value.stalledActions.map(a => (
                <li key={`${a.entityRef}#${a.postmortemId}#${a.id}`}>
                  {formatEntityRefShort(a.entityRef)}: {a.title} —{' '}
                  {a.overdueDays} days overdue
                  {a.owner ? `, ${formatEntityRefShort(a.owner)}` : ''}
                  {a.ticket ? ` (${a.ticket})` : ''}
                </li>
              ))}
            </ul>
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
