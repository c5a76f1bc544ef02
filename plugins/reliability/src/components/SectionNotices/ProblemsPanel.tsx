import { WarningPanel } from '@backstage/core-components';
import { EntityProblem } from '@reliability-kit/backstage-plugin-reliability-common';
import { makeStyles } from '@material-ui/core/styles';
import { formatProblem } from '../format';

const useStyles = makeStyles(theme => ({
  problems: { margin: 0, paddingLeft: theme.spacing(3) },
  problem: { fontFamily: 'monospace', whiteSpace: 'pre-wrap' },
}));

/** Props of {@link ProblemsPanel}. */
export interface ProblemsPanelProps {
  /** At least one. */
  problems: EntityProblem[];
  /** What the problems are with, e.g. `the SLOs`: "2 problems with the SLOs". */
  subject: string;
  /** Where to fix them. */
  message: string;
  /** The test id of each problem. */
  problemTestId: string;
}

/** An error panel listing problems with their place, e.g. in a spec file. */
export function ProblemsPanel(props: ProblemsPanelProps) {
  const { problems, subject } = props;
  const classes = useStyles();
  return (
    <WarningPanel
      severity="error"
      title={
        problems.length === 1
          ? `1 problem with ${subject}`
          : `${problems.length} problems with ${subject}`
      }
      message={props.message}
      defaultExpanded
    >
      <ul className={classes.problems}>
        {problems.map((problem, index) => (
          <li
            key={index}
            className={classes.problem}
            data-testid={props.problemTestId}
          >
            {formatProblem(problem)}
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
