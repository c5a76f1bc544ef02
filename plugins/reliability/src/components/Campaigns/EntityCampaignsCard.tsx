import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityCampaign } from '@reliability-kit/backstage-plugin-reliability-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { campaignsRouteRef, useOptionalRouteLink } from '../../routes';
import { DefinitionLink } from '../DefinitionLink';
import { HowToFix } from '../HowToFix';
import { ToneLabel } from '../StateIndicator';
import { CampaignDue } from './CampaignDue';
import { CAMPAIGN_ENTITY_STATUSES } from './campaignFormat';

/**
 * Props of {@link EntityCampaignsCard}.
 *
 * @public
 */
export interface EntityCampaignsCardProps {
  /** The card's variant, e.g. `gridItem`. */
  variant?: InfoCardVariants;
}

function CampaignItem(props: { item: EntityCampaign; link?: string }) {
  const { item, link } = props;
  const { campaign } = item;
  return (
    <ListItem
      disableGutters
      divider
      data-testid="entity-campaign"
      data-campaign-id={campaign.id}
      data-status={item.status}
    >
      <div>
        <Typography variant="subtitle1">
          {link ? (
            <Link to={`${link}?campaign=${encodeURIComponent(campaign.id)}`}>
              {campaign.title}
            </Link>
          ) : (
            campaign.title
          )}
        </Typography>
        <Typography variant="body2" component="div">
          <ToneLabel
            {...CAMPAIGN_ENTITY_STATUSES[item.status]}
            textAttributes={{ 'data-testid': 'entity-campaign-status' }}
          />{' '}
          ·{' '}
          <CampaignDue
            campaign={campaign}
            dueInDays={item.dueInDays}
            style="overdue"
          />
          <DefinitionLink anchor="campaign-due" label="Due in" />
        </Typography>
        {item.status === 'not-done' && item.missing.length > 0 && (
          <Typography variant="body2" data-testid="entity-campaign-missing">
            Missing: {item.missing.join(', ')}
          </Typography>
        )}
        {item.status === 'not-done' && campaign.howToFix && (
          <HowToFix markdown={campaign.howToFix} />
        )}
      </div>
    </ListItem>
  );
}

/**
 * The campaigns that apply to the entity: where it stands in each, "due in
 * N days" or "overdue by N days", what is missing and how to fix it.
 *
 * @public
 */
export function EntityCampaignsCard(props: EntityCampaignsCardProps) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const link = useOptionalRouteLink(campaignsRouteRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntityCampaigns(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  let body: JSX.Element;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading || !value) {
    body = <Progress />;
  } else if (value.items.length === 0) {
    body = (
      <Typography color="textSecondary" data-testid="entity-campaigns-empty">
        No campaign applies to this entity.
      </Typography>
    );
  } else {
    body = (
      <List dense disablePadding>
        {value.items.map(item => (
          <CampaignItem key={item.campaign.id} item={item} link={link} />
        ))}
      </List>
    );
  }
  return (
    <InfoCard title="Campaigns" variant={props.variant}>
      <div data-testid="entity-campaigns-card">{body}</div>
    </InfoCard>
  );
}
