import { InputError } from '@backstage/errors';
import {
  CampaignEntitiesPage,
  CampaignEntityRow,
  CampaignEntityStatus,
  CampaignHistory,
  EntityCampaignList,
  dueInDays,
} from '@reliability-kit/backstage-plugin-reliability-common';
import type { Visibility } from '../service/request';
import { CampaignService } from './CampaignService';

/** The query of `GET /campaigns/:id/entities`. */
export interface CampaignEntitiesQuery {
  status?: CampaignEntityStatus[];
  owner?: string[];
  cursor?: string;
  limit?: number;
}

/** Keyset position of the drill-down: owner (null last), then entity ref. */
type Position = [string | null, string];

function encode(p: Position) {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');
}

function decode(cursor: string): Position {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(p) &&
      p.length === 2 &&
      (p[0] === null || typeof p[0] === 'string') &&
      typeof p[1] === 'string'
    ) {
      return p as Position;
    }
  } catch {
    // fall through
  }
  throw new InputError(
    'Invalid query parameter "cursor": not a cursor of this listing (pass the nextCursor of the previous page)',
  );
}

const ownerKey = (owner: string | null) => (owner === null ? '\uffff' : owner);
const compare = (a: Position, b: Position) =>
  ownerKey(a[0]).localeCompare(ownerKey(b[0])) || a[1].localeCompare(b[1]);

async function visibleOf(visibility: Visibility, refs: string[]) {
  if (visibility.kind === 'all') return undefined;
  if (visibility.kind === 'none') return new Set<string>();
  return visibility.visible(refs);
}

/**
 * The drill-down of a campaign: the members in the audience the caller may
 * see (filtered by status and owner), grouped by owner (owner, then entity
 * ref; no owner last), a page at a time; and the members that left.
 */
export async function readCampaignEntities(
  service: CampaignService,
  id: string,
  query: CampaignEntitiesQuery,
  visibility: Visibility,
): Promise<CampaignEntitiesPage> {
  await service.definition(id);
  const { store } = service.options;
  const [members, exemptions] = await Promise.all([
    store.listMembers(id),
    store.listExemptions(id),
  ]);
  const visible = await visibleOf(
    visibility,
    members.map(m => m.entityRef),
  );
  const seen = members.filter(m => !visible || visible.has(m.entityRef));
  const owners = query.owner?.map(o => o.toLocaleLowerCase('en-US'));
  const matching = seen
    .filter(m => m.leftAt === null)
    .filter(m => !query.status?.length || query.status.includes(m.status))
    .filter(
      m =>
        !owners?.length ||
        (m.ownerRef !== null &&
          owners.includes(m.ownerRef.toLocaleLowerCase('en-US'))),
    )
    .sort((a, b) =>
      compare([a.ownerRef, a.entityRef], [b.ownerRef, b.entityRef]),
    );
  const after = query.cursor ? decode(query.cursor) : undefined;
  const start = after
    ? matching.findIndex(m => compare([m.ownerRef, m.entityRef], after) > 0)
    : 0;
  const limit = query.limit ?? 50;
  const slice = start < 0 ? [] : matching.slice(start, start + limit);
  const reasons = new Map(exemptions.map(e => [e.entityRef, e.reason]));
  const items: CampaignEntityRow[] = slice.map(m => ({
    entityRef: m.entityRef,
    ownerRef: m.ownerRef,
    tier: m.tier,
    status: m.status,
    missing: m.missing,
    ...(m.status === 'exempt' && reasons.has(m.entityRef)
      ? { exemptReason: reasons.get(m.entityRef) }
      : {}),
    ...(m.initial ? {} : { joinedAt: m.joinedAt }),
  }));
  const page: CampaignEntitiesPage = {
    items,
    left: seen
      .filter(m => m.leftAt !== null)
      .map(m => ({
        entityRef: m.entityRef,
        ownerRef: m.ownerRef,
        leftAt: m.leftAt!,
      })),
    totalCount: matching.length,
  };
  const last = slice[slice.length - 1];
  if (last && start + limit < matching.length) {
    page.nextCursor = encode([last.ownerRef, last.entityRef]);
  }
  return page;
}

/** The burn-up of a campaign: its stored daily rows, oldest first. */
export async function readCampaignHistory(
  service: CampaignService,
  id: string,
): Promise<CampaignHistory> {
  await service.definition(id);
  return {
    campaignId: id,
    points: await service.options.store.listHistory(id),
  };
}

/**
 * The published campaigns an entity is in the audience of, the soonest due
 * first.
 */
export async function readEntityCampaigns(
  service: CampaignService,
  entityRef: string,
): Promise<EntityCampaignList> {
  const now = service.clock.now();
  const [memberships, defs, promotions] = await Promise.all([
    service.options.store.membershipsOf(entityRef),
    service.definitions(),
    service.promotions(),
  ]);
  const items = defs
    .filter(d => memberships.has(d.id) && d.published)
    .map(d => {
      const m = memberships.get(d.id)!;
      return {
        campaign: service.view(d, promotions.get(d.id), now),
        status: m.status,
        missing: m.missing,
        dueInDays: dueInDays(d, now),
      };
    })
    .sort((a, b) => a.campaign.dueAt.localeCompare(b.campaign.dueAt));
  return { items };
}
