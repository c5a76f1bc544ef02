import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntitySloStatus,
  ReliabilitySection,
  SloSnapshot,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
  RELIABILITY_ANNOTATION_SLO_SPEC,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { SectionNotices } from '../SectionNotices';
import { SloCard } from '../SloCard';
import { SloStatusIndicator } from '../SloStatusIndicator';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(2),
  },
  snippets: { textAlign: 'left', maxWidth: 720 },
}));

const ANNOTATION_SPEC = `metadata:
  annotations:
    ${RELIABILITY_ANNOTATION_SLO_SPEC}: ./slos.yaml`;

const ANNOTATION_SELECTOR = `metadata:
  annotations:
    ${RELIABILITY_ANNOTATION_SLO_SELECTOR}: sloth_service="checkout"`;

const OPENSLO_EXAMPLE = `# slos.yaml, next to catalog-info.yaml
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
spec:
  service: checkout
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  objectives:
    - target: 0.999
  indicator:
    metadata:
      name: checkout-success
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout"}[5m]))`;

/**
 * Props of {@link SloSection}.
 *
 * @public
 */
export interface SloSectionProps {
  /** The entity the SLOs belong to. */
  entityRef: CompoundEntityRef;
  section: ReliabilitySection<SloSnapshot>;
  /** The worst status of the entity's SLOs. */
  sloStatus?: EntitySloStatus;
}

function NoSlos() {
  const classes = useStyles();
  return (
    <EmptyState
      missing="field"
      title="No SLOs yet"
      description="Define SLOs in a file next to the entity's catalog-info.yaml (OpenSLO v1 or Sloth), or bind SLOs that Sloth or Pyrra already publish in Prometheus, with one of these annotations."
      action={
        <div className={classes.snippets}>
          <Typography variant="body2" gutterBottom>
            SLOs in a spec file:
          </Typography>
          <CodeSnippet language="yaml" text={ANNOTATION_SPEC} />
          <CodeSnippet language="yaml" text={OPENSLO_EXAMPLE} />
          <Typography variant="body2" gutterBottom>
            Or SLOs discovered in Prometheus:
          </Typography>
          <CodeSnippet language="yaml" text={ANNOTATION_SELECTOR} />
        </div>
      }
    />
  );
}

/**
 * The SLO section of the "Reliability" tab: notices about the section
 * (not collected yet, spec problems, stale data, demo data), how to add SLOs
 * when there are none, and one {@link SloCard} per SLO.
 *
 * @public
 */
export function SloSection(props: SloSectionProps) {
  const { entityRef, section, sloStatus } = props;
  const classes = useStyles();
  const slos = section.items ?? [];
  const problems = section.problems ?? [];

  const heading = (
    <Grid item xs={12}>
      <div className={classes.heading}>
        <Typography variant="h5" component="h2">
          SLOs
        </Typography>
        {sloStatus && sloStatus !== 'no-slo' && slos.length > 0 && (
          <Typography variant="body1" component="div">
            <SloStatusIndicator status={sloStatus} />
          </Typography>
        )}
      </div>
    </Grid>
  );

  if (section.status === 'not-collected') {
    return (
      <Grid container spacing={3}>
        {heading}
        <Grid item xs={12}>
          <Alert severity="info">
            SLOs are not collected yet for this entity: they appear after the
            next collection run.
          </Alert>
        </Grid>
      </Grid>
    );
  }

  return (
    <Grid container spacing={3} alignItems="stretch">
      {heading}
      <SectionNotices
        section={section}
        problemsSubject="the SLOs"
        problemsMessage="Fix these in the SLO specs or annotations; the other SLOs are evaluated as usual."
        problemTestId="slo-problem"
        errorTitle="The SLOs could not be evaluated"
        errorMessage="The last collection failed."
        staleTitle="Stale SLO data"
      />
      {section.demo && (
        <Grid item xs={12}>
          <Alert severity="info" data-testid="slo-demo-notice">
            Demo data: these SLOs are computed from the demo metrics provider,
            not from your Prometheus.
          </Alert>
        </Grid>
      )}
      {section.status !== 'error' &&
        slos.length === 0 &&
        problems.length === 0 && (
          <Grid item xs={12}>
            <NoSlos />
          </Grid>
        )}
      {slos.map(slo => (
        <Grid item xs={12} xl={6} key={slo.id}>
          <SloCard entityRef={entityRef} slo={slo} />
        </Grid>
      ))}
    </Grid>
  );
}
