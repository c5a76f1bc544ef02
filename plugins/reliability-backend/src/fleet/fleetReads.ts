import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntitySloStatus,
  FLEET_SORT_KEYS,
  FleetPage,
  FleetReadiness,
  FleetRow,
  FleetSortKey,
  SLO_STATUS_ORDER,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Visibility, visibilityOf } from '../service/request';
import { FleetStore } from './FleetStore';
import { FleetFilters, FleetPosition, positionOf } from './fleetRows';

/** The SLO statuses a fleet listing filters by. */
export const FLEET_SLO_STATUSES = SLO_STATUS_ORDER as [
  EntitySloStatus,
  ...EntitySloStatus[],
];
/** The readiness statuses a fleet listing filters by. */
export const FLEET_READINESS: [FleetReadiness, ...FleetReadiness[]] = [
  'ready',
  'not-ready',
  'expiring',
  'exempt',
  'unknown',
];
/**
 * An error-budget policy state a fleet listing filters by: a state id of
 * `reliability.policy`, or `none` for entities without a state.
 */
export const FLEET_POLICY_STATE = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** The sorts of a fleet listing: `<key>` or `-<key>` (descending). */
export const FLEET_SORTS = FLEET_SORT_KEYS.flatMap(k => [k, `-${k}`]) as [
  string,
  ...string[],
];

interface CursorPayload {
  /** The sort (`key` or `-key`) the cursor belongs to. */
  s: string;
  v: string | number | null;
  r: string;
}

export function encodeCursor(sort: string, position: FleetPosition): string {
  const payload: CursorPayload = {
    s: sort,
    v: position.value,
    r: position.entityRef,
  };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): FleetPosition {
  const bad = () =>
    new InputError(
      'Invalid query parameter "cursor": not a cursor of this listing (pass the nextCursor of the previous page with the same sort)',
    );
  let payload: CursorPayload;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error();
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    !payload ||
    typeof payload !== 'object' ||
    payload.s !== sort ||
    typeof payload.r !== 'string' ||
    payload.r.length === 0 ||
    payload.r.length > 255 ||
    !(
      payload.v === null ||
      typeof payload.v === 'string' ||
      (typeof payload.v === 'number' && Number.isFinite(payload.v))
    )
  ) {
    throw bad();
  }
  const key = sort.replace(/^-/, '') as FleetSortKey;
  const numeric = key !== 'entityRef' && key !== 'tier';
  if (
    (numeric && payload.v !== null && typeof payload.v !== 'number') ||
    (!numeric && payload.v !== null && typeof payload.v !== 'string') ||
    ((key === 'entityRef' || key === 'sloStatus') && payload.v === null)
  ) {
    throw bad();
  }
  return { value: payload.v, entityRef: payload.r };
}

/** A page of the fleet: filters (refs already normalised), sort, cursor. */
export interface FleetListQuery extends FleetFilters {
  /** `<key>` or `-<key>` (descending); default `entityRef`. */
  sort?: string;
  /** The `nextCursor` of the previous page with the same sort. */
  cursor?: string;
  /** Rows per page; default 50. */
  limit?: number;
}

/** The fleet as a caller sees it: what {@link createFleetReads} returns. */
export interface FleetReads {
  /** The caller's visibility (`reliability.entity.read` and the catalog). */
  visibilityFor(credentials: BackstageCredentials): Promise<Visibility>;
  /** A page of the fleet: `GET /fleet`, and the `list-reliability-fleet` action. */
  listPage(
    credentials: BackstageCredentials,
    query: FleetListQuery,
  ): Promise<FleetPage>;
  /** Every row matching `filters` that `visibility` shows. */
  visibleRows(
    visibility: Visibility,
    filters?: FleetFilters,
  ): Promise<FleetRow[]>;
}

/**
 * The reads of the fleet table with the caller's credentials, shared by the
 * fleet routes and the actions, so both apply the same permission checks:
 * `reliability.entity.read` (conditions evaluated in the database where the
 * fleet table's columns express them, otherwise per entity by the catalog)
 * and the catalog's own read permission.
 */
export function createFleetReads(deps: {
  permissions: PermissionsService;
  catalog: CatalogService;
  fleet: FleetStore;
}): FleetReads {
  const { permissions, catalog, fleet } = deps;

  const visibilityFor = (credentials: BackstageCredentials) =>
    visibilityOf(credentials, {
      permissions,
      catalog,
      matchingRefs: filter => fleet.listRefsMatching(filter),
    });

  const visibleRows = async (
    visibility: Visibility,
    filters: FleetFilters = {},
  ) => {
    if (visibility.kind === 'none') return [];
    const rows = await fleet.listAll(filters);
    if (visibility.kind === 'all') return rows;
    const visible = await visibility.visible(rows.map(r => r.entityRef));
    return rows.filter(r => visible.has(r.entityRef));
  };

  const listPage = async (
    credentials: BackstageCredentials,
    query: FleetListQuery,
  ): Promise<FleetPage> => {
    const sort = query.sort ?? 'entityRef';
    const key = sort.replace(/^-/, '') as FleetSortKey;
    const descending = sort.startsWith('-');
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
    const filters: FleetFilters = {
      tier: query.tier,
      sloStatus: query.sloStatus,
      owner: query.owner,
      system: query.system,
      readiness: query.readiness,
      policyState: query.policyState,
      entityRefs: query.entityRefs,
    };
    const visibility = await visibilityFor(credentials);
    if (visibility.kind === 'none') {
      return { items: [], totalCount: 0 };
    }
    const sortSpec = { key, descending };
    let items: FleetRow[];
    let totalCount: number;
    if (visibility.kind === 'all') {
      items = await fleet.listBatch({
        filters,
        sort: sortSpec,
        after,
        limit: limit + 1,
      });
      totalCount = await fleet.count(filters);
    } else {
      // Scan keyset batches and keep the visible rows until limit + 1 are
      // found; the cursor is the position of the last returned (visible)
      // row, so it never points past rows the caller did not get.
      items = [];
      const batchSize = Math.min(Math.max(2 * limit + 1, 100), 1000);
      let position = after;
      for (;;) {
        const batch = await fleet.listBatch({
          filters,
          sort: sortSpec,
          after: position,
          limit: batchSize,
        });
        if (batch.length === 0) break;
        const visible = await visibility.visible(batch.map(r => r.entityRef));
        for (const row of batch) {
          if (visible.has(row.entityRef)) items.push(row);
          if (items.length > limit) break;
        }
        if (items.length > limit || batch.length < batchSize) break;
        position = positionOf(batch[batch.length - 1], key);
      }
      totalCount = (await visibility.visible(await fleet.listRefs(filters)))
        .size;
    }
    const page: FleetPage = { items: items.slice(0, limit), totalCount };
    if (items.length > limit) {
      page.nextCursor = encodeCursor(sort, positionOf(items[limit - 1], key));
    }
    return page;
  };

  return { visibilityFor, listPage, visibleRows };
}
