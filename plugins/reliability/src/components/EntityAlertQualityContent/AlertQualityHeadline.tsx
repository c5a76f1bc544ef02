import { InfoCard } from '@backstage/core-components';
import {
  AlertQualityHeadlineMetric,
  AlertQualityReport,
  AlertQualitySnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { alertQualityMetrics, formatMetric } from '../alertQualityMetrics';
import {
  formatHours,
  formatNumber,
  formatResponseTime,
  formatShare,
} from '../format';
import { TrendFigure } from '../TrendFigure';

const useStyles = makeStyles(theme => ({
  group: {
    marginTop: theme.spacing(1),
    marginBottom: theme.spacing(1),
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/**
 * Props of {@link AlertQualityHeadline}.
 *
 * @public
 */
export interface AlertQualityHeadlineProps {
  report: AlertQualityReport;
  /** e.g. `previous 28 days`. */
  previousLabel: string;
}

const GROUPS: Array<{ title: string; metrics: AlertQualityHeadlineMetric[] }> =
  [
    {
      title: 'Paging',
      metrics: [
        'pages',
        'incidents',
        'offHoursPages',
        'sleepPages',
        'pagesPerOnCallWeek',
        'escalations',
      ],
    },
    {
      title: 'Response',
      metrics: ['mttaMedianMs', 'mttaP90Ms', 'mttrMedianMs', 'mttrP90Ms'],
    },
    {
      title: 'Noise',
      metrics: [
        'noiseRatio',
        'autoResolved',
        'neverAcknowledged',
        'flappingIncidents',
      ],
    },
    {
      title: 'Runbooks and toil',
      metrics: ['runbookCoverage', 'toilHoursPerWeek', 'interruptHoursPerWeek'],
    },
  ];

function shareOfPages(count: number, pages: number): string | undefined {
  return pages > 0 ? `${formatShare(count / pages)} of pages` : undefined;
}

function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/**
 * More about a headline figure of the current window, e.g. `50% of pages`.
 */
function captionOf(
  metric: AlertQualityHeadlineMetric,
  snapshot: AlertQualitySnapshot,
): string | undefined {
  const over = snapshot.responseTimes.scope === 'pages' ? 'pages' : 'incidents';
  switch (metric) {
    case 'pages':
      return snapshot.openPages > 0
        ? `high-urgency incidents, ${formatNumber(snapshot.openPages)} open`
        : 'high-urgency incidents';
    case 'incidents':
      return 'any urgency';
    case 'offHoursPages':
      return shareOfPages(snapshot.pageTimes.offHours, snapshot.pages);
    case 'sleepPages':
      return shareOfPages(snapshot.pageTimes.sleep, snapshot.pages);
    case 'pagesPerOnCallWeek':
      return snapshot.onCall.personHours > 0
        ? `${formatHours(snapshot.onCall.personHours)} on call, ${plural(
            snapshot.onCall.people,
            'person',
            'people',
          )}`
        : 'no on-call shifts known';
    case 'mttaMedianMs':
    case 'mttaP90Ms':
      return `over ${plural(
        snapshot.responseTimes.mtta.n,
        `acknowledged ${over.replace(/s$/, '')}`,
        `acknowledged ${over}`,
      )}`;
    case 'mttrMedianMs':
    case 'mttrP90Ms':
      return `over ${plural(
        snapshot.responseTimes.mttr.n,
        `resolved ${over.replace(/s$/, '')}`,
        `resolved ${over}`,
      )}`;
    case 'noiseRatio':
      return `${formatNumber(snapshot.noise.noiseCandidates)} of ${plural(
        snapshot.noise.incidents,
        'incident',
        'incidents',
      )}`;
    case 'autoResolved':
      return `resolved within ${formatResponseTime(
        snapshot.noise.autoResolveThresholdMs,
      )}, never acknowledged`;
    case 'flappingIncidents':
      return `in ${plural(
        snapshot.noise.flappingRuns,
        'flapping run',
        'flapping runs',
      )}`;
    case 'runbookCoverage':
      return snapshot.runbookCoverage
        ? `${formatNumber(
            snapshot.runbookCoverage.rulesWithRunbook,
          )} of ${plural(
            snapshot.runbookCoverage.rules,
            'alert rule',
            'alert rules',
          )}`
        : undefined;
    case 'toilHoursPerWeek':
      return `${formatHours(
        snapshot.toil.selfReportedHoursPerWeek,
      )} self-reported + ${formatHours(
        snapshot.toil.interruptHoursPerWeek,
      )} interrupt`;
    default:
      return undefined;
  }
}

/**
 * The headline figures of alert quality in groups (paging, response, noise,
 * runbooks and toil), each with its trend against the previous window.
 *
 * @public
 */
export function AlertQualityHeadline(props: AlertQualityHeadlineProps) {
  const { report, previousLabel } = props;
  const classes = useStyles();
  return (
    <InfoCard
      title="Headline figures"
      subheader={`Against the ${previousLabel}: green is better, red is worse, grey is unchanged or not comparable`}
    >
      {GROUPS.map(group => (
        <div key={group.title}>
          <Typography variant="body2" className={classes.group}>
            {group.title}
          </Typography>
          <Grid container spacing={2}>
            {group.metrics.map(metric => {
              const definition = alertQualityMetrics[metric];
              return (
                <Grid item xs={6} sm={4} md={3} lg={2} key={metric}>
                  <TrendFigure
                    data-testid="alert-quality-headline"
                    data-metric={metric}
                    label={definition.label}
                    description={definition.description}
                    definitionAnchor={definition.anchor}
                    missingReason={definition.missingReason}
                    trend={
                      report.trends[metric] ?? {
                        current: null,
                        previous: null,
                        delta: null,
                        direction: 'unknown',
                        better: null,
                      }
                    }
                    format={value => formatMetric(definition.unit, value)}
                    previousLabel={previousLabel}
                    caption={captionOf(metric, report.current)}
                  />
                </Grid>
              );
            })}
          </Grid>
        </div>
      ))}
    </InfoCard>
  );
}
