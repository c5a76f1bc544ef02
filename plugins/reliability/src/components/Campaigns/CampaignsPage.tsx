import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { reliabilityCampaignManagePermission } from '@reliability-kit/backstage-plugin-reliability-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { overviewRouteRef, useOptionalRouteLink } from '../../routes';
import { OverviewPage } from '../OverviewPage';
import { CampaignDetail } from './CampaignDetail';
import { CampaignDialog } from './CampaignDialog';
import { CampaignList } from './CampaignList';

/**
 * Props of {@link CampaignsPage}.
 *
 * @public
 */
export interface CampaignsPageProps {
  /** Whether to render the page header; the new frontend system renders its own. Default true. */
  header?: boolean;
}

/**
 * The campaigns of the fleet: each with its state, progress and due date;
 * the one picked (kept in the URL as `?campaign=`) with its burn-up and its
 * entities. Users with `reliability.campaign.manage` create, edit, end and
 * promote campaigns.
 *
 * @public
 */
export function CampaignsPage(props: CampaignsPageProps) {
  const api = useApi(reliabilityApiRef);
  const overviewLink = useOptionalRouteLink(overviewRouteRef);
  const { allowed: canManage } = usePermission({
    permission: reliabilityCampaignManagePermission,
  });
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get('campaign') ?? undefined;
  const [changes, setChanges] = useState(0);
  const [creating, setCreating] = useState(false);
  const now = useMemo(() => new Date(), [changes]); // eslint-disable-line react-hooks/exhaustive-deps
  const list = useAsync(() => api.listCampaigns(), [api, changes]);
  const selected = useAsync(
    async () => (selectedId ? api.getCampaign(selectedId) : undefined),
    [api, selectedId, changes],
  );
  const linkTo = (id: string) => `?campaign=${encodeURIComponent(id)}`;

  let body: JSX.Element;
  if (list.error) {
    body = <ResponseErrorPanel error={list.error} />;
  } else if (!list.value) {
    body = <Progress />;
  } else if (list.value.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No campaigns"
        description="A campaign asks many teams to reach a standard by a date: readiness items, scorecard checks or a scorecard level. Create one here or declare it in app-config under reliability.campaigns."
      />
    );
  } else {
    body = <CampaignList items={list.value.items} linkTo={linkTo} now={now} />;
  }

  return (
    <OverviewPage
      header={props.header}
      title="Campaigns"
      subtitle="Reliability work with a deadline, across many teams"
      contentTitle="Campaigns"
      actions={
        <>
          {overviewLink && <Link to={overviewLink}>Fleet overview</Link>}
          {canManage && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setCreating(true)}
              data-testid="campaign-new"
            >
              New campaign
            </Button>
          )}
        </>
      }
    >
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {body}
        </Grid>
        {selectedId && (
          <Grid item xs={12}>
            {selected.error && <ResponseErrorPanel error={selected.error} />}
            {selected.loading && !selected.value && <Progress />}
            {!selected.loading && !selected.error && !selected.value && (
              <Alert severity="warning">No campaign "{selectedId}".</Alert>
            )}
            {selected.value && (
              <CampaignDetail
                key={selected.value.campaign.id}
                value={selected.value}
                canManage={canManage}
                onChanged={() => setChanges(c => c + 1)}
                now={now}
              />
            )}
          </Grid>
        )}
      </Grid>
      {creating && (
        <CampaignDialog
          onSubmit={async input => {
            const created = await api.createCampaign(input);
            setCreating(false);
            setChanges(c => c + 1);
            setSearchParams({ campaign: created.id });
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </OverviewPage>
  );
}
