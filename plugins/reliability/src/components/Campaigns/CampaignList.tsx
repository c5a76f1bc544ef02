import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CampaignWithProgress } from '@reliability-kit/backstage-plugin-reliability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';
import { formatNumber } from '../format';
import { ToneLabel } from '../StateIndicator';
import { CampaignDue } from './CampaignDue';
import { CampaignProgressBar } from './CampaignProgressBar';
import { CAMPAIGN_STATES, dueInDaysOf } from './campaignFormat';

const HEADERS: Array<[string, DefinitionAnchor?]> = [
  ['Campaign'],
  ['State'],
  ['Done share', 'campaign-done-share'],
  ['In scope', 'campaign-in-scope'],
  ['Not done', 'campaign-progress'],
  ['Due', 'campaign-due'],
  ['Owner'],
];

/** Props of {@link CampaignList}. */
export interface CampaignListProps {
  items: CampaignWithProgress[];
  /** The link to a campaign's details. */
  linkTo: (id: string) => string;
  now: Date;
}

/**
 * The campaigns with their state, progress (done share as a bar), entities in
 * scope and not done, due date ("due in N days", "N days late") and owner.
 */
export function CampaignList(props: CampaignListProps) {
  return (
    <InfoCard title="Campaigns" noPadding>
      <Table size="small" data-testid="campaign-list">
        <TableHead>
          <TableRow>
            {HEADERS.map(([title, anchor]) => (
              <TableCell key={title}>
                {title}
                {anchor && <DefinitionLink anchor={anchor} label={title} />}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.items.map(({ campaign, progress }) => (
            <TableRow
              key={campaign.id}
              data-testid="campaign-row"
              data-campaign-id={campaign.id}
            >
              <TableCell>
                <Link to={props.linkTo(campaign.id)}>{campaign.title}</Link>
              </TableCell>
              <TableCell>
                <ToneLabel
                  {...CAMPAIGN_STATES[campaign.state]}
                  textAttributes={{ 'data-testid': 'campaign-state' }}
                />
              </TableCell>
              <TableCell>
                <CampaignProgressBar progress={progress} />
              </TableCell>
              <TableCell align="right" data-testid="campaign-in-scope">
                {formatNumber(progress.inScope)}
              </TableCell>
              <TableCell align="right" data-testid="campaign-not-done">
                {formatNumber(progress.notDone)}
              </TableCell>
              <TableCell>
                <CampaignDue
                  campaign={campaign}
                  dueInDays={dueInDaysOf(campaign, props.now)}
                />
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={campaign.owner} defaultKind="group" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
