import { WarningPanel } from '@backstage/core-components';
import { ReliabilitySection } from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import { ProblemsPanel } from './ProblemsPanel';
import { StaleDataPanel } from './StaleDataPanel';

/** Props of {@link SectionNotices}. */
export interface SectionNoticesProps {
  section: ReliabilitySection;
  /** What the section's problems are with, e.g. `the SLOs`. */
  problemsSubject: string;
  /** Where to fix the problems. */
  problemsMessage: string;
  /** The test id of each problem. */
  problemTestId: string;
  /** The title when the section failed without problems. */
  errorTitle: string;
  /** The message then, without a reason from the backend. */
  errorMessage: string;
  /** The title when the section is stale. */
  staleTitle: string;
}

/**
 * The notices about a section of an entity's reliability data, each a grid
 * item: its problems, that it could not be computed (when there are no
 * problems to say why), and that it is stale.
 */
export function SectionNotices(props: SectionNoticesProps) {
  const { section } = props;
  const problems = section.problems ?? [];
  return (
    <>
      {problems.length > 0 && (
        <Grid item xs={12}>
          <ProblemsPanel
            problems={problems}
            subject={props.problemsSubject}
            message={props.problemsMessage}
            problemTestId={props.problemTestId}
          />
        </Grid>
      )}
      {section.status === 'error' && problems.length === 0 && (
        <Grid item xs={12}>
          <WarningPanel
            severity="error"
            title={props.errorTitle}
            defaultExpanded
            message={section.staleReason ?? props.errorMessage}
          />
        </Grid>
      )}
      {section.stale && (
        <Grid item xs={12}>
          <StaleDataPanel
            title={props.staleTitle}
            computedAt={section.computedAt}
            staleReason={section.staleReason}
          />
        </Grid>
      )}
    </>
  );
}
