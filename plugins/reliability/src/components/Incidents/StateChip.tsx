import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  bad: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
  good: {
    color: theme.palette.success.main,
    borderColor: theme.palette.success.main,
  },
}));

/** A small outlined chip of a state, red when bad, green when good. */
export function StateChip(props: {
  testId: string;
  value: string;
  label?: string;
  bad?: boolean;
  good?: boolean;
}) {
  const classes = useStyles();
  let className: string | undefined;
  if (props.bad) className = classes.bad;
  else if (props.good) className = classes.good;
  return (
    <Chip
      size="small"
      variant="outlined"
      className={className}
      label={props.label ?? props.value}
      data-testid={props.testId}
      data-state={props.value}
    />
  );
}
