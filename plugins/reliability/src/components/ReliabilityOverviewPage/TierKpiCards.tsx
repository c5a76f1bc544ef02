import { InfoCard } from '@backstage/core-components';
import { FleetGroupSummary } from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  NO_VALUE,
  formatNumber,
  formatResponseTime,
  formatShare,
} from '../format';
import { MissingValue } from '../MissingValue';
import { tierTitle } from './FleetTable';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'auto auto',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0, textAlign: 'right', fontWeight: 500 },
}));

interface Kpi {
  metric: keyof FleetGroupSummary;
  label: string;
  format: (value: number) => string;
  missingReason: string;
}

const KPIS: Kpi[] = [
  {
    metric: 'sloAttainmentRate',
    label: 'SLO attainment',
    format: formatShare,
    missingReason: 'No entity of this tier has SLOs',
  },
  {
    metric: 'burningAbovePolicy',
    label: 'Burning above policy',
    format: formatNumber,
    missingReason: 'No data',
  },
  {
    metric: 'pagesPerOnCallWeek',
    label: 'Pages per on-call week',
    format: formatNumber,
    missingReason: 'No on-call shifts for these entities',
  },
  {
    metric: 'pagesPerWeek',
    label: 'Pages per week',
    format: formatNumber,
    missingReason: 'No paging source for these entities',
  },
  {
    metric: 'mttaMs',
    label: 'MTTA',
    format: formatResponseTime,
    missingReason: 'No acknowledged pages in the last 28 days',
  },
  {
    metric: 'mttrMs',
    label: 'MTTR',
    format: formatResponseTime,
    missingReason: 'No resolved pages in the last 28 days',
  },
  {
    metric: 'noiseRatio',
    label: 'Noise ratio',
    format: formatShare,
    missingReason: 'No incidents in the last 28 days',
  },
  {
    metric: 'runbookCoverage',
    label: 'Runbook coverage',
    format: formatShare,
    missingReason: 'No alert rules found',
  },
  {
    metric: 'readinessCoverage',
    label: 'Readiness coverage',
    format: formatShare,
    missingReason: 'Readiness is not assessed yet',
  },
  {
    metric: 'goldenPathAdoption',
    label: 'Golden-path adoption',
    format: formatShare,
    missingReason: 'Golden paths are not assessed yet',
  },
];

function KpiValue(props: { kpi: Kpi; value: unknown }) {
  const { kpi, value } = props;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return <MissingValue reason={kpi.missingReason} />;
  }
  const text = kpi.format(value);
  return text === NO_VALUE ? (
    <MissingValue reason={kpi.missingReason} />
  ) : (
    <>{text}</>
  );
}

/** Props of {@link TierKpiCards}. */
export interface TierKpiCardsProps {
  groups: FleetGroupSummary[];
}

/** A card of KPIs per tier. */
export function TierKpiCards(props: TierKpiCardsProps) {
  const classes = useStyles();
  if (props.groups.length === 0) {
    return (
      <Typography color="textSecondary" data-testid="tier-kpi-empty">
        No entities in the fleet yet.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      {props.groups.map(group => (
        <Grid item xs={12} sm={6} lg={3} key={group.key ?? ''}>
          <div data-testid="tier-kpi-card" data-tier={group.key ?? ''}>
            <InfoCard
              title={tierTitle(group.key)}
              subheader={`${group.entities} ${
                group.entities === 1 ? 'entity' : 'entities'
              }, ${group.withSlos} with SLOs`}
            >
              <dl className={classes.list}>
                {KPIS.map(kpi => (
                  <div key={kpi.metric} style={{ display: 'contents' }}>
                    <dt className={classes.term}>{kpi.label}</dt>
                    <dd
                      className={classes.value}
                      data-testid="tier-kpi"
                      data-metric={kpi.metric}
                    >
                      <KpiValue kpi={kpi} value={group[kpi.metric]} />
                    </dd>
                  </div>
                ))}
              </dl>
            </InfoCard>
          </div>
        </Grid>
      ))}
    </Grid>
  );
}
