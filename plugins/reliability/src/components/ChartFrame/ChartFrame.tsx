import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  root: { minHeight: 120 },
  note: { padding: theme.spacing(2, 0) },
}));

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  /** The chart, or a note instead of it. */
  children: ReactNode;
  'data-testid': string;
  /** Other `data-*` attributes, e.g. the state of the chart for tests. */
  [attribute: `data-${string}`]: string | number | undefined;
}

/**
 * The box of a chart, or of a note instead of it: as high as a small chart,
 * so that the page does not jump when the chart comes.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { children, ...attributes } = props;
  const classes = useStyles();
  return (
    <div className={classes.root} {...attributes}>
      {children}
    </div>
  );
}

/** A note in a {@link ChartFrame} instead of the chart, e.g. why there is none. */
export function ChartNote(props: { children: ReactNode }) {
  const classes = useStyles();
  return (
    <Typography variant="body2" color="textSecondary" className={classes.note}>
      {props.children}
    </Typography>
  );
}
