import {
  CodeSnippet,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  AlertQualityReport,
  AlertQualityWindow,
  EntityAlertQuality,
  PAGERDUTY_ANNOTATION_SERVICE_ID,
  RELIABILITY_ANNOTATION_ALERT_SELECTOR,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useEntityAlertQuality } from '../../hooks';
import { formatNumber, formatRelativeTime } from '../format';
import { DemoChip } from '../EntityCard';
import { ProblemsPanel, StaleDataPanel } from '../SectionNotices';
import { ToilLog } from '../ToilLog';
import { AlertQualityHeadline } from './AlertQualityHeadline';
import {
  AlertQualityWindowPicker,
  formatAlertQualityWindow,
} from './AlertQualityWindowPicker';
import { FiringAlertsTable } from './FiringAlertsTable';
import { NoisyAlertsTable } from './NoisyAlertsTable';
import { PagesPerDayChart } from './PagesPerDayChart';
import { ResponseTimesChart } from './ResponseTimesChart';
import { RunbookCoverageCard } from './RunbookCoverageCard';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
  grow: { flexGrow: 1 },
  snippets: { textAlign: 'left', maxWidth: 720 },
}));

/**
 * Props of {@link EntityAlertQualityContent}.
 *
 * @public
 */
export interface EntityAlertQualityContentProps {
  /** The window shown first; default `28d`. */
  defaultWindow?: AlertQualityWindow;
}

const NO_TOIL_ITEMS: EntityAlertQuality['toilItems'] = [];
const NO_FIRING_ALERTS: EntityAlertQuality['firingAlerts'] = [];

const PAGING_SOURCES: Record<string, string> = {
  pagerduty: 'PagerDuty',
  alertmanager: 'Alertmanager',
  demo: 'the demo paging provider',
};

function formatDay(ms: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  };
  try {
    return new Date(ms).toLocaleDateString('en-US', { ...options, timeZone });
  } catch {
    return new Date(ms).toLocaleDateString('en-US', {
      ...options,
      timeZone: 'UTC',
    });
  }
}

function describeRange(report: AlertQualityReport): string | undefined {
  const start = Date.parse(report.current.range.start);
  const end = Date.parse(report.current.range.end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    return undefined;
  }
  // The end is exclusive: the last day is the one before it.
  return `${formatDay(start, report.timeZone)} – ${formatDay(
    end - 1,
    report.timeZone,
  )}, ${report.timeZone}`;
}

function NoPagingData(props: { name: string }) {
  const classes = useStyles();
  const snippet = `metadata:
  annotations:
    # incidents, pages, MTTA/MTTR and on-call shifts from PagerDuty
    ${PAGERDUTY_ANNOTATION_SERVICE_ID}: PXXXXXX
    # alert rules (runbook coverage) and firing alerts from Prometheus and Alertmanager
    ${RELIABILITY_ANNOTATION_ALERT_SELECTOR}: service="${props.name}"`;
  return (
    <EmptyState
      missing="field"
      title="No paging source and no alert rules"
      description={`Alert quality is computed from the entity's incidents and alert rules. Add one or both of these annotations to its catalog-info.yaml: ${PAGERDUTY_ANNOTATION_SERVICE_ID} (the PagerDuty service; several ids may be comma-separated) and ${RELIABILITY_ANNOTATION_ALERT_SELECTOR} (label matchers of its alert rules and alerts).`}
      action={
        <div className={classes.snippets}>
          <CodeSnippet language="yaml" text={snippet} />
        </div>
      }
    />
  );
}

function Notices(props: { value: EntityAlertQuality }) {
  const { value } = props;
  const problems = value.problems ?? [];
  const quality = value.report?.current.dataQualityIssues;
  const unplaced = value.report?.unplacedIncidentIds.length ?? 0;
  return (
    <>
      {value.demo && (
        <Grid item xs={12}>
          <Alert severity="info" data-testid="alert-quality-demo-notice">
            Demo data: these figures are computed from synthetic incidents of
            the demo providers, not from your paging and alerting systems.
          </Alert>
        </Grid>
      )}
      {value.stale && (
        <Grid item xs={12}>
          <StaleDataPanel
            title="Stale alert quality data"
            computedAt={value.computedAt}
            staleReason={value.staleReason}
            neverUpdatedText="Never updated"
          />
        </Grid>
      )}
      {problems.length > 0 && (
        <Grid item xs={12}>
          <ProblemsPanel
            problems={problems}
            subject="the alert quality data"
            message="Fix these in the entity's annotations or the plugin's configuration."
            problemTestId="alert-quality-problem"
          />
        </Grid>
      )}
      {value.report && value.pagingSource === null && (
        <Grid item xs={12}>
          <Alert severity="info">
            No paging source: pages, MTTA/MTTR and noise need the annotation{' '}
            {PAGERDUTY_ANNOTATION_SERVICE_ID}; runbook coverage and firing
            alerts come from the alert rules.
          </Alert>
        </Grid>
      )}
      {((quality?.incidents ?? 0) > 0 || unplaced > 0) && (
        <Grid item xs={12}>
          <Alert severity="info" data-testid="alert-quality-data-issues">
            {quality && quality.incidents > 0
              ? `${formatNumber(
                  quality.incidents,
                )} incidents have inconsistent timestamps (e.g. resolved before acknowledged); those durations are left out. `
              : ''}
            {unplaced > 0
              ? `${formatNumber(
                  unplaced,
                )} incidents have an unreadable creation time and are in no window.`
              : ''}
          </Alert>
        </Grid>
      )}
    </>
  );
}

/**
 * The "Alert quality" tab of an entity page: paging and alert quality over
 * the last 7, 28 or 90 days against the previous window (pages, MTTA/MTTR,
 * noise, off-hours and sleep-hours pages, runbook coverage, toil), the pages
 * per day, the noisiest alerts, the alerts firing now and the toil log.
 *
 * @public
 */
export function EntityAlertQualityContent(
  props: EntityAlertQualityContentProps,
) {
  const classes = useStyles();
  const { entity } = useEntity();
  const [selected, setSelected] = useState<AlertQualityWindow>(
    props.defaultWindow ?? '28d',
  );
  const { value, loading, error, retry, entityRef } =
    useEntityAlertQuality(selected);

  // While another window loads, the figures shown are still those of the
  // window they were computed for.
  const days = formatAlertQualityWindow(value?.window ?? selected);
  const currentLabel = `last ${days}`;
  const previousLabel = `previous ${days}`;
  const report = value?.report ?? null;
  const range = report ? describeRange(report) : undefined;
  const source = value?.pagingSource
    ? PAGING_SOURCES[value.pagingSource] ?? value.pagingSource
    : undefined;

  const heading = (
    <Grid item xs={12}>
      <div className={classes.heading}>
        <Typography variant="h5" component="h2">
          Alert quality
        </Typography>
        {value?.demo && <DemoChip data-testid="alert-quality-demo-chip" />}
        <span className={classes.grow} />
        <AlertQualityWindowPicker value={selected} onChange={setSelected} />
      </div>
      {value && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="alert-quality-summary"
        >
          {[
            `Last ${days}${
              range ? ` (${range})` : ''
            } against the previous ${days}`,
            source ? `incidents from ${source}` : undefined,
            value.computedAt
              ? `computed ${formatRelativeTime(value.computedAt)}`
              : undefined,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
      )}
      {loading && value && <LinearProgress aria-label="Loading" />}
    </Grid>
  );

  if (!value) {
    let content = null;
    if (loading) {
      content = <Progress />;
    } else if (error) {
      content = <ResponseErrorPanel error={error} />;
    }
    return (
      <Grid container spacing={3}>
        {heading}
        <Grid item xs={12}>
          {content}
        </Grid>
      </Grid>
    );
  }

  return (
    <Grid container spacing={3} alignItems="stretch">
      {heading}
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} />
        </Grid>
      )}
      <Notices value={value} />

      {!report && value.pagingSource === null && (
        <Grid item xs={12}>
          <NoPagingData name={entity.metadata.name} />
        </Grid>
      )}
      {!report && value.pagingSource !== null && (
        <Grid item xs={12}>
          <Alert severity="info" data-testid="alert-quality-not-computed">
            Alert quality is not computed yet for this entity: it appears after
            the next collection run.
          </Alert>
        </Grid>
      )}

      {report && (
        <>
          <Grid item xs={12}>
            <AlertQualityHeadline
              report={report}
              previousLabel={previousLabel}
            />
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title="Pages per day"
              subheader="High-urgency incidents by when they were created"
            >
              <PagesPerDayChart
                days={report.current.pagesPerDay}
                timeZone={report.timeZone}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title="Time to acknowledge and resolve"
              subheader={`Median and p90, ${currentLabel} against the ${previousLabel}`}
            >
              <ResponseTimesChart
                current={report.current.responseTimes}
                previous={report.previous.responseTimes}
                currentLabel={`Last ${days}`}
                previousLabel={`Previous ${days}`}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} lg={8}>
            <NoisyAlertsTable
              alerts={report.current.topNoisyAlerts}
              windowLabel={currentLabel}
            />
          </Grid>
          <Grid item xs={12} lg={4}>
            <RunbookCoverageCard coverage={report.current.runbookCoverage} />
          </Grid>
        </>
      )}

      <Grid item xs={12}>
        <FiringAlertsTable alerts={value.firingAlerts ?? NO_FIRING_ALERTS} />
      </Grid>
      <Grid item xs={12}>
        <ToilLog
          entityRef={entityRef}
          items={value.toilItems ?? NO_TOIL_ITEMS}
          toil={report?.current.toil ?? null}
          windowLabel={currentLabel}
          onChange={retry}
        />
      </Grid>
    </Grid>
  );
}
