import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { StateTone, ToneLabel } from './ToneLabel';

export type { StateTone } from './ToneLabel';

const useStyles = makeStyles({
  chip: { fontWeight: 500 },
});

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
    <ToneLabel
      tone={tone}
      label={label}
      textAttributes={{
        'data-testid': chip ? undefined : props['data-testid'],
        'data-state': state,
      }}
    />
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
