import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CampaignEntitiesPage,
  CampaignEntityRow,
  CampaignEntityStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TableCell from '@material-ui/core/TableCell';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import {
  NO_VALUE,
  formatDate,
  formatEntityRefShort,
  tierTitle,
} from '../format';
import { PagedTableCard, useCursorPages } from '../PagedTableCard';
import { ToneLabel } from '../StateIndicator';
import { CAMPAIGN_ENTITY_STATUSES } from './campaignFormat';

/** Rows per page of a campaign's entities. */
export const CAMPAIGN_ENTITIES_PAGE_SIZE = 25;

const byOwner = (a: CampaignEntityRow, b: CampaignEntityRow) =>
  (a.ownerRef ?? '~').localeCompare(b.ownerRef ?? '~') ||
  a.entityRef.localeCompare(b.entityRef);

/** The entities that left a campaign's audience (from the page's `left`). */
function LeftEntities(props: { left: CampaignEntitiesPage['left'] }) {
  if (!props.left.length) {
    return null;
  }
  return (
    <Typography variant="body2" component="div" data-testid="campaign-left">
      Left the audience:{' '}
      {props.left.map((e, i) => (
        <span key={e.entityRef}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={e.entityRef} /> ({formatDate(e.leftAt)})
        </span>
      ))}
    </Typography>
  );
}

/**
 * A campaign's entities, paged by the backend: not done (default), done or
 * exempt, grouped by owner (each page sorted by owner; an owner's button
 * drills down to that owner), with what is missing, why an entity is exempt
 * and when it joined; below, the entities that left the audience.
 */
export function CampaignEntities(props: { campaignId: string }) {
  const { campaignId } = props;
  const [status, setStatus] = useState<CampaignEntityStatus>('not-done');
  const [owner, setOwner] = useState<string | undefined>();
  const [left, setLeft] = useState<CampaignEntitiesPage['left']>([]);
  const pages = useCursorPages<CampaignEntityRow>(
    JSON.stringify([campaignId, status, owner]),
    async (api, cursor) => {
      const page = await api.getCampaignEntities(campaignId, {
        status,
        owner,
        cursor,
        limit: CAMPAIGN_ENTITIES_PAGE_SIZE,
      });
      setLeft(page.left ?? []);
      return { ...page, items: [...page.items].sort(byOwner) };
    },
  );

  return (
    <div id="campaign-entities">
      <PagedTableCard<CampaignEntityRow>
        title="Entities"
        subheader="Grouped by owner; pick an owner to drill down"
        testIdPrefix="campaign-entities"
        pages={pages}
        hasFilters={Boolean(owner)}
        onClearFilters={() => setOwner(undefined)}
        emptyTestId="campaign-entities-empty"
        emptyText="No entities with this status."
        filters={
          <TextField
            select
            id="campaign-entities-status"
            label="Status"
            variant="outlined"
            size="small"
            value={status}
            inputProps={{ 'data-testid': 'campaign-entities-status' }}
            onChange={e => setStatus(e.target.value as CampaignEntityStatus)}
          >
            {Object.entries(CAMPAIGN_ENTITY_STATUSES).map(([id, s]) => (
              <MenuItem key={id} value={id}>
                {s.label}
              </MenuItem>
            ))}
          </TextField>
        }
        tableTestId="campaign-entities-table"
        rowTestId="campaign-entity-row"
        headerCells={[
          'Owner',
          'Entity',
          'Tier',
          'Status',
          'Missing',
          'Joined',
        ].map(title => (
          <TableCell key={title}>{title}</TableCell>
        ))}
        renderCells={row => (
          <>
            <TableCell>
              {row.ownerRef ? (
                <Button
                  size="small"
                  onClick={() => setOwner(row.ownerRef!)}
                  data-testid="campaign-entity-owner"
                >
                  {formatEntityRefShort(row.ownerRef)}
                </Button>
              ) : (
                NO_VALUE
              )}
            </TableCell>
            <TableCell>
              <EntityRefLink entityRef={row.entityRef} />
            </TableCell>
            <TableCell>{tierTitle(row.tier)}</TableCell>
            <TableCell>
              <ToneLabel {...CAMPAIGN_ENTITY_STATUSES[row.status]} />
            </TableCell>
            <TableCell data-testid="campaign-entity-missing">
              {row.status === 'exempt'
                ? row.exemptReason ?? NO_VALUE
                : row.missing.join(', ') || NO_VALUE}
            </TableCell>
            <TableCell>
              {row.joinedAt ? formatDate(row.joinedAt) : NO_VALUE}
            </TableCell>
          </>
        )}
      />
      <LeftEntities left={left} />
    </div>
  );
}
