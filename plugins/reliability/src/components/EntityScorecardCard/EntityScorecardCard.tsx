import {
  EmptyState,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ScorecardCheckResult,
  ScorecardResult,
  ScorecardSummary,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { useEntityReliability } from '../../hooks';
import { DemoChip, EntityCard, useEntityCardStyles } from '../EntityCard';
import { HowToFix } from '../HowToFix';
import { ReadinessAction, ReadinessActionDialog } from '../ReadinessDialogs';
import { StateIndicator, StateTone } from '../StateIndicator';
import {
  formatDateTime,
  formatEntityRefShort,
  formatExpiry,
  formatRelativeTime,
  formatShare,
} from '../format';
import { ScorecardHistoryChart, ScorecardLevel } from './ScorecardHistoryChart';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
  },
  levelChip: { fontWeight: 600 },
  score: { flexGrow: 1, minWidth: 160 },
  section: { marginBottom: theme.spacing(2) },
  check: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    paddingLeft: 0,
    paddingRight: 0,
  },
  checkText: { flexGrow: 1, minWidth: 0 },
  checkState: { minWidth: 96 },
  levels: { display: 'block', padding: theme.spacing(0, 2, 1) },
}));

const CHECK_STATES: Record<
  ScorecardCheckResult['state'],
  { label: string; tone: StateTone }
> = {
  passed: { label: 'Passed', tone: 'ok' },
  failed: { label: 'Failed', tone: 'error' },
  exempt: { label: 'Exempt', tone: 'aborted' },
};

/**
 * Props of {@link EntityScorecardCard}.
 *
 * @public
 */
export interface EntityScorecardCardProps {
  /** The id of the scorecard, e.g. `golden-path`. */
  scorecardId: string;
  /** Card title; default the scorecard's title. */
  title?: string;
  /** The InfoCard variant, e.g. `gridItem`. */
  variant?: InfoCardVariants;
}

/** The levels of the scorecard, lowest first, from its definition or the result. */
function levelsOf(
  result: ScorecardResult,
  summary: ScorecardSummary | undefined,
): ScorecardLevel[] {
  if (summary) {
    return summary.levels.map(level => ({ id: level.id, title: level.title }));
  }
  const titles = new Map<string, string>();
  if (result.level && result.levelTitle) {
    titles.set(result.level, result.levelTitle);
  }
  if (result.nextLevel && result.nextLevelTitle) {
    titles.set(result.nextLevel, result.nextLevelTitle);
  }
  const ids = Array.from(new Set(result.checks.map(check => check.level)));
  return ids.map(id => ({ id, title: titles.get(id) ?? id }));
}

function CheckDetail(props: { check: ScorecardCheckResult }) {
  const { check } = props;
  const exemption =
    check.exemption && !check.exemption.revokedAt ? check.exemption : undefined;
  return (
    <>
      {check.detail && (
        <Typography variant="body2" component="div" data-testid="check-detail">
          {check.detail}
        </Typography>
      )}
      {check.pushed && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          data-testid="check-pushed"
        >
          {check.pushedAt ? (
            <Tooltip title={formatDateTime(check.pushedAt)}>
              <span>pushed {formatRelativeTime(check.pushedAt)}</span>
            </Tooltip>
          ) : (
            'no result pushed yet'
          )}
        </Typography>
      )}
      {exemption && (
        <Typography variant="caption" color="textSecondary" component="div">
          Exempted by {formatEntityRefShort(exemption.createdBy)}:{' '}
          {exemption.reason}
          {exemption.expiresAt ? ` (${formatExpiry(exemption.expiresAt)})` : ''}
        </Typography>
      )}
    </>
  );
}

function CheckRow(props: {
  check: ScorecardCheckResult;
  scorecard: ScorecardResult;
  howToFix?: boolean;
  onAction: (action: ReadinessAction) => void;
}) {
  const { check, scorecard, howToFix, onAction } = props;
  const classes = useStyles();
  const state = CHECK_STATES[check.state] ?? {
    label: check.state,
    tone: 'pending' as const,
  };
  const subject = `${scorecard.title}: ${check.title}`;
  const exemption =
    check.exemption && !check.exemption.revokedAt ? check.exemption : undefined;
  return (
    <ListItem
      className={classes.check}
      data-testid="scorecard-check"
      data-check-id={check.checkId}
      data-state={check.state}
    >
      <span className={classes.checkState}>
        <StateIndicator tone={state.tone} label={state.label} />
      </span>
      <div className={classes.checkText}>
        <Typography variant="body2">
          <strong>{check.title}</strong>
        </Typography>
        <CheckDetail check={check} />
        {howToFix && check.howToFix && <HowToFix markdown={check.howToFix} />}
      </div>
      {check.state === 'failed' && !exemption && (
        <Button
          size="small"
          aria-label={`Exempt from "${check.title}"`}
          onClick={() =>
            onAction({
              kind: 'exempt-check',
              scorecardId: scorecard.scorecardId,
              checkId: check.checkId,
              title: subject,
            })
          }
        >
          Exempt
        </Button>
      )}
      {exemption && (
        <Button
          size="small"
          aria-label={`Revoke the exemption from "${check.title}"`}
          onClick={() =>
            onAction({ kind: 'revoke', record: exemption, title: subject })
          }
        >
          Revoke
        </Button>
      )}
    </ListItem>
  );
}

function CheckList(props: {
  checks: ScorecardCheckResult[];
  scorecard: ScorecardResult;
  /** Whether to show how to fix a check. */
  howToFix: (check: ScorecardCheckResult) => boolean;
  onAction: (action: ReadinessAction) => void;
}) {
  return (
    <List dense disablePadding>
      {props.checks.map(check => (
        <CheckRow
          key={check.checkId}
          check={check}
          scorecard={props.scorecard}
          howToFix={props.howToFix(check)}
          onAction={props.onAction}
        />
      ))}
    </List>
  );
}

function ScorecardBody(props: {
  entityRef: CompoundEntityRef;
  result: ScorecardResult;
  levels: ScorecardLevel[];
  onAction: (action: ReadinessAction) => void;
}) {
  const { entityRef, result, levels, onAction } = props;
  const classes = useStyles();
  const checksById = new Map(result.checks.map(c => [c.checkId, c]));
  const missing = result.missingForNextLevel
    .map(id => checksById.get(id))
    .filter((c): c is ScorecardCheckResult => Boolean(c));
  const score = Math.min(Math.max(result.score, 0), 1);

  return (
    <>
      <div className={classes.summary}>
        <Chip
          className={classes.levelChip}
          color={result.level ? 'primary' : 'default'}
          label={result.levelTitle ?? result.level ?? 'No level'}
          data-testid="scorecard-level"
        />
        <div className={classes.score}>
          <Typography variant="body2" data-testid="scorecard-score">
            Score {formatShare(score)}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={score * 100}
            aria-label="Score"
          />
        </div>
      </div>

      <div className={classes.section} data-testid="scorecard-next-level">
        {result.nextLevel ? (
          <>
            <Typography variant="subtitle2">
              Next level: {result.nextLevelTitle ?? result.nextLevel}
              {missing.length > 0 &&
                ` (${missing.length} ${
                  missing.length === 1 ? 'check' : 'checks'
                } missing)`}
            </Typography>
            <CheckList
              checks={missing}
              scorecard={result}
              howToFix={() => true}
              onAction={onAction}
            />
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            The top level is reached.
          </Typography>
        )}
      </div>

      <Accordion className={classes.section} data-testid="scorecard-all-checks">
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="subtitle2">
            All checks ({result.checks.length})
          </Typography>
        </AccordionSummary>
        <AccordionDetails className={classes.levels}>
          {levels.map(level => {
            const checks = result.checks.filter(c => c.level === level.id);
            if (checks.length === 0) {
              return null;
            }
            return (
              <div
                key={level.id}
                data-testid="scorecard-level-checks"
                data-level={level.id}
              >
                <Typography variant="overline" component="div">
                  {level.title}
                </Typography>
                <CheckList
                  checks={checks}
                  scorecard={result}
                  howToFix={check => check.state === 'failed'}
                  onAction={onAction}
                />
              </div>
            );
          })}
        </AccordionDetails>
      </Accordion>

      <Typography variant="subtitle2">Last 90 days</Typography>
      <ScorecardHistoryChart
        entityRef={entityRef}
        scorecardId={result.scorecardId}
        levels={levels}
      />
      <Typography variant="caption" color="textSecondary">
        Evaluated {formatRelativeTime(result.evaluatedAt)}
      </Typography>
    </>
  );
}

/**
 * A card of an entity's result on one scorecard, for its overview page: the
 * level reached and the score, the checks missing for the next level (how
 * to fix them, or exempt the entity), all checks by level, and the score
 * and level over the last 90 days.
 *
 * @public
 */
export function EntityScorecardCard(props: EntityScorecardCardProps) {
  const { scorecardId, variant } = props;
  const classes = useEntityCardStyles();
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const { value, loading, error, retry, entityRef } = useEntityReliability();
  const [action, setAction] = useState<ReadinessAction | undefined>();
  const scorecards = useAsync(() => api.listScorecards(), [api]);
  const summary = scorecards.value?.items.find(s => s.id === scorecardId);

  const section = value?.sections.scorecards;
  const result = section?.items.find(item => item.scorecardId === scorecardId);
  const levels = useMemo(
    () => (result ? levelsOf(result, summary) : []),
    [result, summary],
  );
  const title = props.title ?? result?.title ?? summary?.title ?? 'Scorecard';
  const entityName = entity.metadata.title ?? entity.metadata.name;

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!section || section.status === 'not-collected') {
    content = (
      <EmptyState
        missing="data"
        title="Not evaluated yet"
        description="Scorecards are evaluated periodically: this one appears after the next evaluation run."
      />
    );
  } else if (!result) {
    content = (
      <EmptyState
        missing="info"
        title="Not applicable"
        description={
          scorecards.value && !summary
            ? `No scorecard "${scorecardId}" is configured.`
            : `This scorecard does not apply to ${entityName}.`
        }
      />
    );
  } else {
    content = (
      <>
        {section.stale && (
          <Alert severity="warning" className={classes.notice}>
            Stale: last updated {formatRelativeTime(section.computedAt)}
            {section.staleReason ? `: ${section.staleReason}` : ''}
          </Alert>
        )}
        {section.demo && (
          <Box className={classes.notice}>
            <DemoChip label="demo data" />
          </Box>
        )}
        {loading && <LinearProgress aria-label="Reloading" />}
        <ScorecardBody
          entityRef={entityRef}
          result={result}
          levels={levels}
          onAction={setAction}
        />
      </>
    );
  }

  return (
    <EntityCard
      data-testid="entity-scorecard-card"
      title={title}
      variant={variant}
      after={
        <ReadinessActionDialog
          entityRef={entityRef}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={() => {
            setAction(undefined);
            retry();
          }}
        />
      }
    >
      {content}
    </EntityCard>
  );
}
