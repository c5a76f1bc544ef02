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
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';
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
  anchor: DefinitionAnchor;
}

const KPIS: Kpi[] = [
  {
    metric: 'sloAttainmentRate',
    anchor: 'slo-attainment-rate',
    label: 'SLO attainment',
    format: formatShare,
    missingReason: 'No entity of this tier has SLOs',
  },
  {
    metric: 'burningAbovePolicy',
    anchor: 'burning-above-policy',
    label: 'Burning above policy',
    format: formatNumber,
    missingReason: 'No data',
  },
  {
    metric: 'pagesPerOnCallWeek',
    anchor: 'pages-per-on-call-week',
    label: 'Pages per on-call week',
    format: formatNumber,
    missingReason: 'No on-call shifts for these entities',
  },
  {
    metric: 'pagesPerWeek',
    anchor: 'pages-per-week',
    label: 'Pages per week',
    format: formatNumber,
    missingReason: 'No paging source for these entities',
  },
  {
    metric: 'mttaMs',
    anchor: 'fleet-alert-quality-averages',
    label: 'MTTA',
    format: formatResponseTime,
    missingReason: 'No acknowledged pages in the last 28 days',
  },
  {
    metric: 'mttrMs',
    anchor: 'fleet-alert-quality-averages',
    label: 'MTTR',
    format: formatResponseTime,
    missingReason: 'No resolved pages in the last 28 days',
  },
  {
    metric: 'noiseRatio',
    anchor: 'fleet-alert-quality-averages',
    label: 'Noise ratio',
    format: formatShare,
    missingReason: 'No incidents in the last 28 days',
  },
  {
    metric: 'runbookCoverage',
    anchor: 'fleet-alert-quality-averages',
    label: 'Runbook coverage',
    format: formatShare,
    missingReason: 'No alert rules found',
  },
  {
    metric: 'readinessCoverage',
    anchor: 'readiness-coverage',
    label: 'Readiness coverage',
    format: formatShare,
    missingReason: 'Readiness is not assessed yet',
  },
  {
    metric: 'goldenPathAdoption',
    anchor: 'golden-path-adoption',
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
                    <dt className={classes.term}>
                      {kpi.label}
                      <DefinitionLink anchor={kpi.anchor} label={kpi.label} />
                    </dt>
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
