import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityReadiness,
  ReadinessItemResult,
  ReliabilitySection,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useMemo, useState } from 'react';
import { ReadinessAction, ReadinessActionDialog } from '../ReadinessDialogs';
import { StateIndicator } from '../StateIndicator';
import { SectionNotices } from '../SectionNotices';
import { formatDateTime, formatRelativeTime, tierTitle } from '../format';
import { DemoChip } from '../EntityCard';
import { AuditLog } from './AuditLog';
import { ReadinessGroup } from './ReadinessGroup';
import { describeReadinessStatus } from './readinessStates';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  grow: { flexGrow: 1 },
  history: { display: 'block' },
}));

/**
 * Props of {@link ReadinessChecklist}.
 *
 * @public
 */
export interface ReadinessChecklistProps {
  /** The entity the readiness belongs to. */
  entityRef: CompoundEntityRef;
  /** The entity's readiness section: one item once evaluated. */
  section: ReliabilitySection<EntityReadiness>;
  /**
   * Called after an attestation, exemption or revocation, which the backend
   * has already evaluated: reload the entity's data.
   */
  onChange?: () => void;
}

/** The items by group, in the order the groups first appear. */
function groupItems(items: ReadinessItemResult[]) {
  const groups = new Map<string, ReadinessItemResult[]>();
  for (const item of items) {
    const list = groups.get(item.group) ?? [];
    list.push(item);
    groups.set(item.group, list);
  }
  return Array.from(groups.entries());
}

function Freshness(props: { section: ReliabilitySection<EntityReadiness> }) {
  const { section } = props;
  const at = section.computedAt ?? section.items[0]?.evaluatedAt ?? null;
  if (!at) {
    return null;
  }
  return (
    <Tooltip title={formatDateTime(at)}>
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="readiness-freshness"
      >
        Evaluated {formatRelativeTime(at)}
      </Typography>
    </Tooltip>
  );
}

function NotEvaluated() {
  return (
    <Grid item xs={12}>
      <Alert severity="info" data-testid="readiness-not-collected">
        Readiness is not evaluated yet for this entity: it appears after the
        next evaluation run.
      </Alert>
    </Grid>
  );
}

/**
 * The production readiness checklist of an entity, for the "Reliability"
 * tab: the readiness status for its tier, the items by group (required ones
 * first; the others greyed under "Not required for <tier>") with their
 * state, detail, expiry and how to fix them, the actions to attest, exempt
 * and revoke, and the history of those changes.
 *
 * @public
 */
export function ReadinessChecklist(props: ReadinessChecklistProps) {
  const { entityRef, section, onChange } = props;
  const classes = useStyles();
  const readiness =
    section.status === 'not-collected' ? undefined : section.items[0];
  const [action, setAction] = useState<ReadinessAction | undefined>();
  const [version, setVersion] = useState(0);
  const [historyOpen, setHistoryOpen] = useState(false);

  const groups = useMemo(() => groupItems(readiness?.items ?? []), [readiness]);
  const titles = useMemo(
    () => new Map((readiness?.items ?? []).map(i => [i.id, i.title])),
    [readiness],
  );
  const describeTarget = useCallback(
    (target: string) =>
      target.startsWith('readiness:')
        ? titles.get(target.slice('readiness:'.length))
        : undefined,
    [titles],
  );

  const done = () => {
    setAction(undefined);
    setVersion(v => v + 1);
    onChange?.();
  };

  const status = readiness ? describeReadinessStatus(readiness) : undefined;
  const heading = (
    <Grid item xs={12}>
      <div className={classes.heading}>
        <Typography variant="h5" component="h2">
          Readiness
        </Typography>
        {status && (
          <StateIndicator
            chip
            tone={status.tone}
            label={status.label}
            state={readiness?.status}
            data-testid="readiness-status"
          />
        )}
        {readiness?.tier && (
          <Typography variant="body2" color="textSecondary">
            for {tierTitle(readiness.tier)}
          </Typography>
        )}
        {section.demo && (
          <DemoChip label="demo data" data-testid="readiness-demo-chip" />
        )}
        <span className={classes.grow} />
        <Freshness section={section} />
      </div>
    </Grid>
  );

  if (section.status === 'not-collected') {
    return (
      <Grid container spacing={3}>
        {heading}
        <NotEvaluated />
      </Grid>
    );
  }

  return (
    <Grid container spacing={3} data-testid="readiness-checklist">
      {heading}
      <SectionNotices
        section={section}
        problemsSubject="the readiness checks"
        problemsMessage="Fix these in the readiness configuration or the entity's catalog-info.yaml."
        problemTestId="readiness-problem"
        errorTitle="The readiness could not be evaluated"
        errorMessage="The last evaluation failed."
        staleTitle="Stale readiness data"
      />
      {readiness?.status === 'unknown' && (
        <Grid item xs={12}>
          <Alert severity="info">
            Without a valid tier nothing is required: set the entity's tier to
            see what it needs to be ready for production.
          </Alert>
        </Grid>
      )}
      {!readiness && section.status === 'ok' && <NotEvaluated />}
      {readiness && groups.length === 0 && (
        <Grid item xs={12}>
          <Typography color="textSecondary">
            No readiness items are configured.
          </Typography>
        </Grid>
      )}
      {readiness &&
        groups.map(([group, items]) => (
          <Grid item xs={12} key={group}>
            <ReadinessGroup
              group={group}
              items={items}
              tier={readiness.tier}
              onAction={setAction}
            />
          </Grid>
        ))}
      <Grid item xs={12}>
        <Accordion
          expanded={historyOpen}
          onChange={(_event, expanded) => setHistoryOpen(expanded)}
          TransitionProps={{ unmountOnExit: true }}
          data-testid="readiness-history"
        >
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography>History</Typography>
          </AccordionSummary>
          <AccordionDetails className={classes.history}>
            <AuditLog
              entityRef={entityRef}
              describeTarget={describeTarget}
              version={version}
            />
          </AccordionDetails>
        </Accordion>
      </Grid>
      <ReadinessActionDialog
        entityRef={entityRef}
        action={action}
        onClose={() => setAction(undefined)}
        onDone={done}
      />
    </Grid>
  );
}
