import { InfoCard, Link, MarkdownContent } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CampaignWithProgress } from '@reliability-kit/backstage-plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { overviewRouteRef, useOptionalRouteLink } from '../../routes';
import { AsyncSection } from '../AsyncSection';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';
import { formatDate, formatNumber } from '../format';
import { FormDialog } from '../ReadinessDialogs/FormDialog';
import { ToneLabel } from '../StateIndicator';
import {
  ExemptFromCampaignDialog,
  PromoteCampaignDialog,
} from './CampaignActionDialogs';
import { CampaignBurnUpChart } from './CampaignBurnUpChart';
import { CampaignDialog } from './CampaignDialog';
import { CampaignDue } from './CampaignDue';
import { CampaignEntities } from './CampaignEntities';
import { CampaignProgressBar } from './CampaignProgressBar';
import { CAMPAIGN_STATES, describeTarget, dueInDaysOf } from './campaignFormat';

function Figure(props: {
  id: string;
  label: string;
  anchor: DefinitionAnchor;
  children: ReactNode;
}) {
  return (
    <Grid item xs={6} sm={4} md={3} lg>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
        <DefinitionLink anchor={props.anchor} label={props.label} />
      </Typography>
      <Typography
        variant="h5"
        component="div"
        data-testid="campaign-figure"
        data-figure={props.id}
      >
        {props.children}
      </Typography>
    </Grid>
  );
}

type Action = 'edit' | 'end' | 'promote' | 'exempt';

/** Props of {@link CampaignDetail}. */
export interface CampaignDetailProps {
  value: CampaignWithProgress;
  /** Whether the user holds `reliability.campaign.manage`. */
  canManage: boolean;
  /** Called after a change, to reload the campaign and the list. */
  onChanged: () => void;
  now: Date;
}

/**
 * One campaign: its figures, description and how-to-fix (Markdown), target,
 * burn-up and entities; with `reliability.campaign.manage`, edit, end,
 * promote and exempt.
 */
export function CampaignDetail(props: CampaignDetailProps) {
  const { campaign, progress } = props.value;
  const api = useApi(reliabilityApiRef);
  const fleetLink = useOptionalRouteLink(overviewRouteRef);
  const [action, setAction] = useState<Action | undefined>();
  const history = useAsync(
    () => api.getCampaignHistory(campaign.id),
    [api, campaign.id, progress.computedAt],
  );
  const done = async (run: Promise<unknown>) => {
    await run;
    setAction(undefined);
    props.onChanged();
  };
  const close = () => setAction(undefined);
  const editable = campaign.source === 'api';
  const actions: Array<[Action, string, boolean]> = [
    ['edit', 'Edit', editable && campaign.state !== 'ended'],
    [
      'end',
      'End now',
      campaign.state === 'active' || campaign.state === 'scheduled',
    ],
    ['promote', 'Promote', campaign.state === 'ended' && !campaign.promotedAt],
    ['exempt', 'Exempt an entity', campaign.state !== 'ended'],
  ];

  return (
    <Grid
      container
      spacing={3}
      data-testid="campaign-detail"
      data-campaign-id={campaign.id}
    >
      <Grid item xs={12}>
        <InfoCard
          title={campaign.title}
          subheader={
            <>
              <ToneLabel {...CAMPAIGN_STATES[campaign.state]} /> · owned by{' '}
              <EntityRefLink entityRef={campaign.owner} defaultKind="group" /> ·{' '}
              {campaign.startDate} to {campaign.dueDate} ({campaign.timeZone})
              {campaign.source === 'config' && ' · declared in app-config'}
            </>
          }
        >
          {props.canManage && (
            <Box display="flex" gridGap={8} mb={2}>
              {actions
                .filter(([, , shown]) => shown)
                .map(([id, label]) => (
                  <Button
                    key={id}
                    variant="outlined"
                    color="primary"
                    onClick={() => setAction(id)}
                    data-testid={`campaign-${id}`}
                  >
                    {label}
                  </Button>
                ))}
            </Box>
          )}
          {campaign.promotedTo && (
            <Typography variant="body2" data-testid="campaign-promoted">
              Promoted into{' '}
              {campaign.promotedTo.kind === 'readiness'
                ? 'the readiness checklist of'
                : 'the scorecard'}{' '}
              {campaign.promotedTo.id} on {formatDate(campaign.promotedAt)}.
            </Typography>
          )}
          <Grid container spacing={2}>
            <Figure
              id="doneShare"
              label="Done share"
              anchor="campaign-done-share"
            >
              <CampaignProgressBar progress={progress} />
            </Figure>
            {(
              [
                ['inScope', 'In scope', 'campaign-in-scope'],
                ['done', 'Done', 'campaign-progress'],
                ['notDone', 'Not done', 'campaign-progress'],
                ['exempt', 'Exempt', 'campaign-progress'],
                ['joined', 'Joined', 'campaign-in-scope'],
                ['left', 'Left', 'campaign-in-scope'],
              ] as const
            ).map(([id, label, anchor]) => (
              <Figure key={id} id={id} label={label} anchor={anchor}>
                {formatNumber(progress[id])}
              </Figure>
            ))}
            <Figure id="due" label="Due" anchor="campaign-due">
              <Typography variant="body1" component="span">
                <CampaignDue
                  campaign={campaign}
                  dueInDays={dueInDaysOf(campaign, props.now)}
                />
              </Typography>
            </Figure>
          </Grid>
          <Typography variant="subtitle2">Target</Typography>
          <ul data-testid="campaign-target">
            {describeTarget(campaign).map(line => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div data-testid="campaign-description">
            <MarkdownContent content={campaign.description} />
          </div>
          {campaign.howToFix && (
            <>
              <Typography variant="subtitle2">How to fix</Typography>
              <div data-testid="campaign-how-to-fix">
                <MarkdownContent content={campaign.howToFix} />
              </div>
            </>
          )}
          {fleetLink && (
            <Link
              to={`${fleetLink}?campaign=${encodeURIComponent(campaign.id)}`}
            >
              Not done for this campaign in the fleet table
            </Link>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Burn-up"
          subheader="Entities in scope, done and exempt, day by day"
        >
          <AsyncSection state={history}>
            {value => <CampaignBurnUpChart points={value.points} />}
          </AsyncSection>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <CampaignEntities key={progress.computedAt} campaignId={campaign.id} />
      </Grid>
      {action === 'edit' && (
        <CampaignDialog
          campaign={campaign}
          onSubmit={input => done(api.updateCampaign(campaign.id, input))}
          onClose={close}
        />
      )}
      {action === 'end' && (
        <FormDialog
          id="campaign-end-dialog"
          open
          title={`End ${campaign.title} now?`}
          subject="Reminders stop and progress is frozen; its checks can then be promoted."
          submitLabel="End"
          danger
          onSubmit={() => done(api.endCampaign(campaign.id))}
          onClose={close}
        >
          {null}
        </FormDialog>
      )}
      {action === 'promote' && (
        <PromoteCampaignDialog
          onSubmit={input => done(api.promoteCampaign(campaign.id, input))}
          onClose={close}
        />
      )}
      {action === 'exempt' && (
        <ExemptFromCampaignDialog
          onSubmit={input => done(api.exemptFromCampaign(campaign.id, input))}
          onClose={close}
        />
      )}
    </Grid>
  );
}
