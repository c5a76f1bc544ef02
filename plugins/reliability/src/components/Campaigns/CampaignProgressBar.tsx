import { CampaignProgress } from '@reliability-kit/backstage-plugin-reliability-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatShare } from '../format';
import { MissingValue } from '../MissingValue';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 160,
  },
  bar: { flex: 1, height: 8, borderRadius: 4 },
}));

/** The done share of a campaign as a bar and a percentage. */
export function CampaignProgressBar(props: { progress: CampaignProgress }) {
  const classes = useStyles();
  const { doneShare } = props.progress;
  return (
    <div
      className={classes.root}
      data-testid="campaign-done-share"
      data-value={doneShare ?? ''}
    >
      <LinearProgress
        className={classes.bar}
        variant="determinate"
        value={doneShare === null ? 0 : Math.round(doneShare * 100)}
        aria-label="Done share"
      />
      <Typography variant="body2" component="span">
        {doneShare === null ? (
          <MissingValue reason="No entity counts: none in scope, or all exempt" />
        ) : (
          formatShare(doneShare)
        )}
      </Typography>
    </div>
  );
}
