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
import { CampaignMember } from './CampaignStore';

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

/** Owner (none last), then entity ref, by code units. */
function compare(a: Position, b: Position) {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    return a[0] < b[0] ? -1 : 1;
  }
  if (a[1] === b[1]) return 0;
  return a[1] < b[1] ? -1 : 1;
}

const positionOf = (m: CampaignMember): Position => [m.ownerRef, m.entityRef];

/** The members in the audience a caller with a partial visibility sees. */
async function visiblePage(
  members: CampaignMember[],
  query: CampaignEntitiesQuery,
  after: Position | undefined,
  limit: number,
  visible: (refs: string[]) => Promise<Set<string>>,
) {
  const seen = await visible(members.map(m => m.entityRef));
  const owners = query.owner?.map(o => o.toLocaleLowerCase('en-US'));
  const matching = members
    .filter(m => seen.has(m.entityRef) && m.leftAt === null)
    .filter(m => !query.status?.length || query.status.includes(m.status))
    .filter(
      m =>
        !owners?.length ||
        (m.ownerRef !== null &&
          owners.includes(m.ownerRef.toLocaleLowerCase('en-US'))),
    )
    .sort((a, b) => compare(positionOf(a), positionOf(b)));
  const rest = after
    ? matching.filter(m => compare(positionOf(m), after) > 0)
    : matching;
  return {
    items: rest.slice(0, limit),
    more: rest.length > limit,
    totalCount: matching.length,
    left: members.filter(m => seen.has(m.entityRef) && m.leftAt !== null),
  };
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
  if (visibility.kind === 'none') return { items: [], left: [], totalCount: 0 };
  const { store } = service.options;
  const after = query.cursor ? decode(query.cursor) : undefined;
  const limit = query.limit ?? 50;
  let page: {
    items: CampaignMember[];
    more: boolean;
    totalCount: number;
    left: CampaignMember[];
  };
  if (visibility.kind === 'all') {
    // In the database: one page and a count, whatever the audience size.
    const [found, left] = await Promise.all([
      store.listMemberPage(id, {
        status: query.status,
        owners: query.owner,
        after,
        limit: limit + 1,
      }),
      store.listLeftMembers(id),
    ]);
    page = {
      items: found.items.slice(0, limit),
      more: found.items.length > limit,
      totalCount: found.totalCount,
      left,
    };
  } else {
    page = await visiblePage(
      await store.listMembers(id),
      query,
      after,
      limit,
      refs => visibility.visible(refs),
    );
  }
  const exempt = page.items.some(m => m.status === 'exempt')
    ? new Map(
        (await store.listExemptions(id)).map(e => [e.entityRef, e.reason]),
      )
    : new Map<string, string>();
  const result: CampaignEntitiesPage = {
    items: page.items.map(
      (m): CampaignEntityRow => ({
        entityRef: m.entityRef,
        ownerRef: m.ownerRef,
        tier: m.tier,
        status: m.status,
        missing: m.missing,
        ...(m.status === 'exempt' && exempt.has(m.entityRef)
          ? { exemptReason: exempt.get(m.entityRef) }
          : {}),
        ...(m.initial ? {} : { joinedAt: m.joinedAt }),
      }),
    ),
    left: page.left.map(m => ({
      entityRef: m.entityRef,
      ownerRef: m.ownerRef,
      leftAt: m.leftAt!,
    })),
    totalCount: page.totalCount,
  };
  const last = page.items[page.items.length - 1];
  if (last && page.more) result.nextCursor = encode(positionOf(last));
  return result;
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
