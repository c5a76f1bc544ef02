import { Campaign } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { formatDue } from './campaignFormat';

/**
 * A campaign's due date and how far away it is ("due in N days", "N days
 * late"), or when it ended.
 */
export function CampaignDue(props: {
  campaign: Campaign;
  dueInDays: number;
  style?: 'late' | 'overdue';
}) {
  const { campaign, dueInDays } = props;
  const ended = campaign.state === 'ended';
  const late = !ended && dueInDays < 0;
  return (
    <span data-testid="campaign-due" data-due-in-days={dueInDays}>
      {campaign.dueDate}{' '}
      <Typography
        component="span"
        variant="body2"
        color={late ? 'error' : 'textSecondary'}
      >
        ({ended ? 'ended' : formatDue(dueInDays, props.style)})
      </Typography>
    </span>
  );
}
