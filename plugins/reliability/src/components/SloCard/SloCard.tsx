import { Gauge, Link } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  METRICS_BACKEND_KINDS,
  SloSnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  NO_VALUE,
  formatBudget,
  formatForecast,
  formatObjective,
  formatRelativeTime,
  formatSli,
} from '../format';
import { DefinitionLink } from '../DefinitionLink';
import { MissingValue } from '../MissingValue';
import { StaleDataPanel } from '../SectionNotices';
import { SloStatusIndicator } from '../SloStatusIndicator';
import { SloBurnDownChart } from './SloBurnDownChart';
import { SloBurnRateTable } from './SloBurnRateTable';
import { DemoChip, EntityCard, useEntityCardStyles } from '../EntityCard';

const useStyles = makeStyles(theme => ({
  status: { fontWeight: theme.typography.fontWeightBold as number },
  metric: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  gauge: { width: 72, flexShrink: 0 },
  // The gauge's own label shows the clamped value; the true one is next to it.
  gaugeOverlay: { display: 'none' },
  section: { marginTop: theme.spacing(2) },
  links: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
  panel: { marginBottom: theme.spacing(2) },
}));

/**
 * Props of {@link SloCard}.
 *
 * @public
 */
export interface SloCardProps {
  /** The entity the SLO belongs to, for its history. */
  entityRef: CompoundEntityRef;
  /** The SLO to show. */
  slo: SloSnapshot;
}

function describeSource(slo: SloSnapshot): string | undefined {
  switch (slo.origin) {
    case 'spec':
      return slo.file ? `spec file ${slo.file}` : 'spec file';
    case 'sloth':
      return 'discovered from Sloth';
    case 'pyrra':
      return 'discovered from Pyrra';
    default:
      return undefined;
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function clamp(value: number): number {
  return Math.min(Math.max(value, 0), 1);
}

/**
 * One SLO of an entity: its status, attainment against the objective,
 * remaining error budget, burn-down over the window, burn rates and alerts,
 * exhaustion forecast and links.
 *
 * @public
 */
export function SloCard(props: SloCardProps) {
  const { entityRef, slo } = props;
  const classes = useStyles();
  const cardClasses = useEntityCardStyles();
  const noDataReason = slo.noDataReason || 'No traffic in the window';
  const subheader = [
    `objective ${formatObjective(slo.objective)}`,
    slo.windowLabel,
    describeSource(slo),
  ]
    .filter(Boolean)
    .join(' · ');
  const remaining = isFiniteNumber(slo.budgetRemaining)
    ? slo.budgetRemaining
    : null;
  const forecast = formatForecast(slo.forecast);
  // `classes` is a documented style override of the gauge (GaugeClassKey)
  // that its props type does not list.
  const gaugeStyleProps = {
    classes: { overlay: classes.gaugeOverlay },
  } as {};

  return (
    <EntityCard
      data-testid="slo-card"
      data-slo-id={slo.id}
      title={slo.displayName || slo.name}
      subheader={subheader}
      variant="gridItem"
    >
      {slo.stale && (
        <div className={classes.panel}>
          <StaleDataPanel
            title="Stale data"
            computedAt={slo.computedAt}
            staleReason={slo.staleReason}
          />
        </div>
      )}

      <div className={cardClasses.header}>
        <Typography variant="body1" component="div" className={classes.status}>
          <SloStatusIndicator status={slo.status} data-testid="slo-status" />
        </Typography>
        {slo.alerts?.page && (
          <Chip size="small" color="secondary" label="Page alert firing" />
        )}
        {slo.alerts?.ticket && (
          <Chip size="small" label="Ticket alert firing" />
        )}
        {slo.demo && <DemoChip data-testid="slo-demo-chip" />}
      </div>
      {slo.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {slo.description}
        </Typography>
      )}
      {slo.status === 'no-data' && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No data: {noDataReason}
        </Typography>
      )}

      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={4}>
          <div className={classes.metric}>
            {remaining !== null && (
              <div className={classes.gauge}>
                <Gauge
                  value={clamp(remaining)}
                  size="small"
                  {...gaugeStyleProps}
                />
              </div>
            )}
            <div>
              <Typography variant="h5" component="div">
                {remaining === null ? (
                  <MissingValue
                    reason={noDataReason}
                    data-testid="slo-budget-remaining"
                  />
                ) : (
                  <span data-testid="slo-budget-remaining">
                    {formatBudget(remaining)}
                  </span>
                )}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {remaining !== null && remaining < 0
                  ? 'error budget overspent'
                  : 'error budget left'}
                <DefinitionLink
                  anchor="error-budget-remaining"
                  label="error budget left"
                />
              </Typography>
            </div>
          </div>
        </Grid>
        <Grid item xs={12} sm={4}>
          <Typography variant="h5" component="div" data-testid="slo-sli">
            {isFiniteNumber(slo.sli) ? (
              formatSli(slo.sli, slo.objective)
            ) : (
              <MissingValue reason={noDataReason} />
            )}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            attainment · objective {formatObjective(slo.objective)}
            <DefinitionLink anchor="sli" label="attainment" />
          </Typography>
        </Grid>
        <Grid item xs={12} sm={4}>
          <Typography variant="body2" data-testid="slo-forecast">
            {forecast === NO_VALUE ? (
              <MissingValue reason="No forecast without data" />
            ) : (
              forecast
            )}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            forecast at the rate of the last day
            <DefinitionLink anchor="exhaustion-forecast" label="forecast" />
          </Typography>
        </Grid>
      </Grid>

      <Box className={classes.section}>
        <Typography variant="body2" gutterBottom>
          Error budget over the window
        </Typography>
        <SloBurnDownChart entityRef={entityRef} slo={slo} />
      </Box>

      <SloBurnRateTable slo={slo} />

      {slo.links.length > 0 && (
        <div className={`${classes.section} ${classes.links}`}>
          {slo.links.map(link => (
            <Link
              key={link.url}
              to={link.url}
              target="_blank"
              rel="noopener noreferrer"
              externalLinkIcon
            >
              {link.title}
            </Link>
          ))}
        </div>
      )}
      <Typography
        variant="caption"
        color="textSecondary"
        display="block"
        className={classes.section}
      >
        Computed {formatRelativeTime(slo.computedAt)}
        {slo.demo ? ' by the demo provider' : computedBy(slo)}
        {slo.backendKind && (
          <DefinitionLink
            anchor="prometheus-compatible-backends"
            label="Prometheus-compatible backends"
          />
        )}
      </Typography>
    </EntityCard>
  );
}

/** ` by <instance> (<backend>)`, e.g. ` by eu-west (VictoriaMetrics)`. */
function computedBy(slo: SloSnapshot): string {
  if (!slo.instance) return '';
  const backend = slo.backendKind
    ? METRICS_BACKEND_KINDS[slo.backendKind]
    : undefined;
  return ` by ${slo.instance}${backend ? ` (${backend})` : ''}`;
}
