import { InfoCard, StatusOK } from '@backstage/core-components';
import {
  RunbookCoverage,
  RELIABILITY_ANNOTATION_ALERT_SELECTOR,
} from '@reliability-kit/backstage-plugin-reliability-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatNumber, formatShare } from '../format';

const useStyles = makeStyles(theme => ({
  root: { height: '100%' },
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0) },
  list: { maxHeight: 320, overflowY: 'auto' },
  heading: { marginTop: theme.spacing(2) },
}));

/**
 * Props of {@link RunbookCoverageCard}.
 *
 * @public
 */
export interface RunbookCoverageCardProps {
  /** `null` when the entity's alert rules are not known. */
  coverage: RunbookCoverage | null;
}

/**
 * The share of the entity's alert rules that link a runbook (a `runbook_url`
 * annotation), and the alert rules that do not.
 *
 * @public
 */
export function RunbookCoverageCard(props: RunbookCoverageCardProps) {
  const { coverage } = props;
  const classes = useStyles();

  let content;
  if (coverage === null) {
    content = (
      <Typography variant="body2" color="textSecondary">
        The entity's alert rules are not known: add the annotation{' '}
        {RELIABILITY_ANNOTATION_ALERT_SELECTOR} with the label matchers of its
        alert rules, e.g. service="checkout".
      </Typography>
    );
  } else if (coverage.rules === 0 || coverage.coverage === null) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No alert rules match the entity's alert selector.
      </Typography>
    );
  } else {
    const percent = Math.min(Math.max(coverage.coverage, 0), 1) * 100;
    content = (
      <>
        <Typography
          variant="h4"
          component="div"
          data-testid="runbook-coverage-value"
        >
          {formatShare(coverage.coverage)}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={percent}
          className={classes.bar}
          aria-label="Runbook coverage"
        />
        <Typography variant="body2" color="textSecondary">
          {formatNumber(coverage.rulesWithRunbook)} of{' '}
          {formatNumber(coverage.rules)} alert rules link a runbook (annotation
          runbook_url).
        </Typography>
        {coverage.missing.length === 0 ? (
          <Typography variant="body2" className={classes.heading}>
            <StatusOK>Every alert rule links a runbook.</StatusOK>
          </Typography>
        ) : (
          <>
            <Typography variant="body2" className={classes.heading}>
              Alert rules without a runbook (
              {formatNumber(coverage.missing.length)})
            </Typography>
            <List
              dense
              className={classes.list}
              aria-label="Alert rules without a runbook"
            >
              {coverage.missing.map((rule, index) => (
                <ListItem
                  key={`${rule.group ?? ''}/${rule.name}/${index}`}
                  disableGutters
                  data-testid="runbook-missing"
                >
                  <ListItemText
                    primary={rule.name}
                    secondary={rule.group ? `group ${rule.group}` : undefined}
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </>
    );
  }

  return (
    <div className={classes.root} data-testid="runbook-coverage">
      <InfoCard title="Runbook coverage" variant="gridItem">
        {content}
      </InfoCard>
    </div>
  );
}
