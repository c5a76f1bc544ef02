import {
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AlertQualityReport,
  AlertQualityTrend,
  AlertQualityWindow,
  MetricPolarity,
  computeTrend,
  PAGERDUTY_ANNOTATION_SERVICE_ID,
  RELIABILITY_ANNOTATION_ALERT_SELECTOR,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEntityAlertQuality } from '../../hooks';
import {
  MetricUnit,
  alertQualityMetrics,
  formatMetric,
} from '../alertQualityMetrics';
import { formatRelativeTime } from '../format';
import { DefinitionAnchor } from '../DefinitionLink';
import { TrendFigure } from '../TrendFigure';
import {
  DemoChip,
  EntityCard,
  ProblemsNotice,
  useEntityCardStyles,
} from '../EntityCard';

/**
 * Props of {@link EntityOnCallHealthCard}.
 *
 * @public
 */
export interface EntityOnCallHealthCardProps {
  /** Card title; default `On-call health`. */
  title?: string;
  /** The InfoCard variant, e.g. `gridItem`. */
  variant?: InfoCardVariants;
  /** The window; default `28d`. */
  window?: AlertQualityWindow;
}

interface Figure {
  metric: string;
  label: string;
  description: string;
  missingReason: string;
  unit: MetricUnit;
  trend: AlertQualityTrend;
  anchor: DefinitionAnchor;
}

function perWeek(count: number, days: number): number | null {
  return days > 0 ? count / (days / 7) : null;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function derived(
  current: number | null,
  previous: number | null,
  polarity: MetricPolarity,
): AlertQualityTrend {
  return computeTrend(current, previous, polarity);
}

function figuresOf(report: AlertQualityReport): Figure[] {
  const { current, previous, trends } = report;
  const headline = (
    metric: 'mttaMedianMs' | 'mttrMedianMs' | 'noiseRatio' | 'runbookCoverage',
  ): Figure => ({
    metric,
    ...alertQualityMetrics[metric],
    trend: trends[metric],
  });
  return [
    {
      metric: 'pagesPerWeek',
      label: 'Pages per week',
      description: 'High-urgency incidents per week of the window.',
      missingReason: 'No incidents known',
      unit: 'rate',
      anchor: 'pages-per-week',
      trend: derived(
        perWeek(current.pages, current.days),
        perWeek(previous.pages, previous.days),
        'lower-is-better',
      ),
    },
    {
      metric: 'offHoursShare',
      label: 'Off-hours share',
      description:
        "Share of the pages created outside the team's business hours.",
      missingReason: 'No pages in the window',
      unit: 'share',
      anchor: 'off-hours-pages',
      trend: derived(
        share(current.pageTimes.offHours, current.pages),
        share(previous.pageTimes.offHours, previous.pages),
        'lower-is-better',
      ),
    },
    headline('mttaMedianMs'),
    headline('mttrMedianMs'),
    headline('noiseRatio'),
    headline('runbookCoverage'),
  ];
}

/**
 * A compact card of the on-call health of the entity in context, for its
 * overview page: pages per week, share of off-hours pages, MTTA and MTTR
 * median, noise ratio and runbook coverage over the last 28 days, each with
 * its trend against the previous window, linking to the "Alert quality" tab.
 *
 * @public
 */
export function EntityOnCallHealthCard(props: EntityOnCallHealthCardProps) {
  const {
    title = 'On-call health',
    variant,
    window: alertWindow = '28d',
  } = props;
  const classes = useEntityCardStyles();
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useEntityAlertQuality(alertWindow);
  const days = alertWindow.replace(/d$/, '');
  const deepLink = {
    title: 'View alert quality',
    link: `${entityLink(entity)}/alert-quality`,
  };

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const problems = value.problems ?? [];
    const report = value.report;
    content = (
      <>
        {value.demo && (
          <div className={classes.header}>
            <DemoChip data-testid="on-call-health-demo" />
          </div>
        )}
        {value.stale && (
          <Alert severity="warning" className={classes.notice}>
            {value.computedAt
              ? `Last updated ${formatRelativeTime(value.computedAt)}`
              : 'Never updated'}
            {value.staleReason ? `: ${value.staleReason}` : ''}
          </Alert>
        )}
        <ProblemsNotice
          count={problems.length}
          subject="the alert quality data"
          tab="Alert quality"
        />
        {!report && value.pagingSource === null && (
          <Typography variant="body2" color="textSecondary">
            No paging source and no alert rules: add the annotation{' '}
            {PAGERDUTY_ANNOTATION_SERVICE_ID} or{' '}
            {RELIABILITY_ANNOTATION_ALERT_SELECTOR} to this entity.
          </Typography>
        )}
        {!report && value.pagingSource !== null && (
          <Typography variant="body2" color="textSecondary">
            Alert quality is not computed yet: it appears after the next
            collection run.
          </Typography>
        )}
        {report && (
          <Grid container spacing={2}>
            {figuresOf(report).map(figure => (
              <Grid item xs={6} sm={4} key={figure.metric}>
                <TrendFigure
                  data-testid="on-call-health-figure"
                  data-metric={figure.metric}
                  size="small"
                  label={figure.label}
                  description={figure.description}
                  definitionAnchor={figure.anchor}
                  missingReason={figure.missingReason}
                  trend={figure.trend ?? derived(null, null, 'lower-is-better')}
                  format={v => formatMetric(figure.unit, v)}
                  previousLabel={`previous ${days} days`}
                />
              </Grid>
            ))}
          </Grid>
        )}
      </>
    );
  }

  return (
    <EntityCard
      data-testid="on-call-health-card"
      title={title}
      subheader={`Last ${days} days against the previous ${days}`}
      variant={variant}
      deepLink={deepLink}
    >
      {content}
    </EntityCard>
  );
}
