import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'baseline' },
});

/**
 * The tone of a state: which core-components status icon stands for it.
 *
 * @public
 */
export type StateTone = 'ok' | 'warning' | 'error' | 'pending' | 'aborted';

/** Props of {@link ToneLabel}. */
export interface ToneLabelProps {
  tone: StateTone;
  label: string;
  /** `data-*` attributes of the text, e.g. its test id. */
  textAttributes?: { [name: `data-${string}`]: string | undefined };
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
 * The core-components status icon of a tone and a text. The icon is hidden
 * from assistive technology; the text is not.
 */
export function ToneLabel(props: ToneLabelProps) {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <StatusIcon tone={props.tone} />
      <span {...props.textAttributes}>{props.label}</span>
    </span>
  );
}
