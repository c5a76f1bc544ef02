import {
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  SloSnapshot,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
  RELIABILITY_ANNOTATION_SLO_SPEC,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useEntityReliability } from '../../hooks';
import {
  formatBudget,
  formatObjective,
  formatRelativeTime,
  formatSli,
} from '../format';
import { MissingValue } from '../MissingValue';
import { SloStatusIndicator } from '../SloStatusIndicator';
import {
  DemoChip,
  EntityCard,
  ProblemsNotice,
  useEntityCardStyles,
} from '../EntityCard';

const useStyles = makeStyles(theme => ({
  status: { fontWeight: theme.typography.fontWeightBold as number },
  negative: { color: theme.palette.error.main },
}));

/**
 * Props of {@link EntitySloSummaryCard}.
 *
 * @public
 */
export interface EntitySloSummaryCardProps {
  /** Card title; default `SLOs`. */
  title?: string;
  /** The InfoCard variant, e.g. `gridItem`. */
  variant?: InfoCardVariants;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function SloRow(props: { slo: SloSnapshot }) {
  const { slo } = props;
  const classes = useStyles();
  const reason = slo.noDataReason || 'No traffic in the window';
  return (
    <TableRow data-testid="slo-summary-row" data-slo-id={slo.id}>
      <TableCell>{slo.displayName || slo.name}</TableCell>
      <TableCell>
        <SloStatusIndicator status={slo.status} />
      </TableCell>
      <TableCell align="right">
        {isFiniteNumber(slo.sli) ? (
          formatSli(slo.sli, slo.objective)
        ) : (
          <MissingValue reason={reason} />
        )}{' '}
        <Typography variant="caption" color="textSecondary" component="span">
          / {formatObjective(slo.objective)}
        </Typography>
      </TableCell>
      <TableCell
        align="right"
        className={
          isFiniteNumber(slo.budgetRemaining) && slo.budgetRemaining < 0
            ? classes.negative
            : undefined
        }
      >
        {isFiniteNumber(slo.budgetRemaining) ? (
          formatBudget(slo.budgetRemaining)
        ) : (
          <MissingValue reason={reason} />
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * A compact card of the SLOs of the entity in context, for its overview
 * page: the overall SLO status and one row per SLO (status, SLI against the
 * objective, error budget left), linking to the "Reliability" tab.
 *
 * @public
 */
export function EntitySloSummaryCard(props: EntitySloSummaryCardProps) {
  const { title = 'SLOs', variant } = props;
  const classes = useStyles();
  const cardClasses = useEntityCardStyles();
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useEntityReliability();
  const deepLink = {
    title: 'View SLOs',
    link: `${entityLink(entity)}/reliability`,
  };

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const section = value.sections.slos;
    const slos = section.items ?? [];
    const problems = section.problems ?? [];
    content = (
      <>
        <div className={cardClasses.header}>
          <Typography
            variant="body1"
            component="div"
            className={classes.status}
          >
            <SloStatusIndicator
              status={value.sloStatus}
              data-testid="slo-summary-status"
            />
          </Typography>
          {section.demo && <DemoChip />}
        </div>
        {section.status === 'not-collected' && (
          <Typography variant="body2" color="textSecondary">
            SLOs are not collected yet: they appear after the next collection
            run.
          </Typography>
        )}
        {section.stale && (
          <Alert severity="warning" className={cardClasses.notice}>
            Last updated {formatRelativeTime(section.computedAt)}
            {section.staleReason ? `: ${section.staleReason}` : ''}
          </Alert>
        )}
        <ProblemsNotice
          count={problems.length}
          subject="the SLOs"
          tab="Reliability"
        />
        {section.status !== 'not-collected' &&
          slos.length === 0 &&
          problems.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              No SLOs yet: add the annotation {RELIABILITY_ANNOTATION_SLO_SPEC}{' '}
              or {RELIABILITY_ANNOTATION_SLO_SELECTOR} to this entity.
            </Typography>
          )}
        {slos.length > 0 && (
          <Table size="small" aria-label="SLOs">
            <TableHead>
              <TableRow>
                <TableCell>SLO</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">SLI / objective</TableCell>
                <TableCell align="right">Budget left</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {slos.map(slo => (
                <SloRow key={slo.id} slo={slo} />
              ))}
            </TableBody>
          </Table>
        )}
      </>
    );
  }

  return (
    <EntityCard
      data-testid="slo-summary-card"
      title={title}
      variant={variant}
      deepLink={deepLink}
    >
      {content}
    </EntityCard>
  );
}
