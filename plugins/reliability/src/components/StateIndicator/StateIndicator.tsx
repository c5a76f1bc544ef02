import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'baseline' },
  chip: { fontWeight: 500 },
});

/**
 * The tone of a state: which core-components status icon stands for it.
 *
 * @public
 */
export type StateTone = 'ok' | 'warning' | 'error' | 'pending' | 'aborted';

/**
 * Props of {@link StateIndicator}.
 *
 * @public
 */
export interface StateIndicatorProps {
  tone: StateTone;
  label: string;
  /** Shown as an outlined chip instead of inline text. */
  chip?: boolean;
  /** A machine-readable state, set as `data-state` on the text. */
  state?: string;
  'data-testid'?: string;
}

function StatusIcon(props: { tone: StateTone }) {
  switch (props.tone) {
    case 'ok':
      return <StatusOK />;
    case 'warning':
      return <StatusWarning />;
    case 'error':
      return <StatusError />;
    case 'aborted':
      return <StatusAborted />;
    default:
      return <StatusPending />;
  }
}

/**
 * A state as a core-components status icon and its text, inline or as a
 * chip. The icon is hidden from assistive technology; the text is not.
 *
 * @public
 */
export function StateIndicator(props: StateIndicatorProps) {
  const { tone, label, chip, state } = props;
  const classes = useStyles();
  const content = (
    <span className={classes.root}>
      <StatusIcon tone={tone} />
      <span
        data-testid={chip ? undefined : props['data-testid']}
        data-state={state}
      >
        {label}
      </span>
    </span>
  );
  if (!chip) {
    return content;
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      label={content}
      data-testid={props['data-testid']}
      data-state={state}
    />
  );
}
