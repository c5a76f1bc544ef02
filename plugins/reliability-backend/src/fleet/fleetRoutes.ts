import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntitySloStatus,
  FLEET_SORT_KEYS,
  SLO_STATUS_ORDER,
  FleetPage,
  FleetRow,
  FleetSortKey,
  FleetSummary,
  FleetTrendPoint,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { z } from 'zod';
import { FleetStore } from './FleetStore';
import { FleetGroupBy, summarizeGroups, trendsOfRows } from './fleetKpis';
import { FleetFilters, FleetPosition, positionOf } from './fleetRows';
import {
  visibilityOf,
  integerParam,
  multi,
  normalizeRefs,
  parseQuery,
  single,
} from '../service/request';
import {
  addUtcDays as addDays,
  isoWeekLabel,
  isoWeekStart,
  parseIsoWeek,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  buildWeeklyReview,
  weeklyReviewToCsv,
  weeklyReviewToMarkdown,
} from './weeklyReview';
import { Clock } from '../lib/Clock';

const SLO_STATUSES = SLO_STATUS_ORDER as [
  EntitySloStatus,
  ...EntitySloStatus[],
];
const READINESS = [
  'ready',
  'not-ready',
  'expiring',
  'exempt',
  'unknown',
] as const;

const text = z.string().min(1).max(255);

const sortValues = FLEET_SORT_KEYS.flatMap(k => [k, `-${k}`]) as [
  string,
  ...string[],
];

const listQuery = z
  .object({
    tier: multi(text).optional(),
    sloStatus: multi(z.enum(SLO_STATUSES)).optional(),
    owner: multi(text).optional(),
    system: multi(text).optional(),
    readiness: multi(z.enum(READINESS)).optional(),
    policyState: multi(
      z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    ).optional(),
    sort: single(z.enum(sortValues)).optional(),
    cursor: single(z.string().min(1).max(2048)).optional(),
    limit: single(integerParam(1, 500)).optional(),
  })
  .strict();

const summaryQuery = z
  .object({
    groupBy: single(z.enum(['tier', 'owner', 'system'])).optional(),
  })
  .strict();

const trendsQuery = z
  .object({
    weeks: single(integerParam(1, 104)).optional(),
    tier: multi(text).optional(),
  })
  .strict();

const reviewQuery = z
  .object({
    week: single(
      z
        .string()
        .refine(
          w => parseIsoWeek(w) !== undefined,
          'must be an ISO week like 2026-W48, of a year from 2000 to 2999',
        ),
    ).optional(),
    format: single(z.enum(['markdown', 'csv'])).optional(),
  })
  .strict();

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

export interface FleetRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  fleet: FleetStore;
  /** The most critical tier, shown first in the weekly review. */
  criticalTier?: string;
  /** The one clock of the plugin (plugin.ts). */
  clock: Clock;
}

/**
 * `GET /fleet/statuses`, `/fleet`, `/fleet/summary`, `/fleet/trends` and
 * `/reviews/weekly`.
 * Every answer is read from the fleet tables; see docs in the README of
 * this folder for the pagination guarantee and the permission handling.
 */
export function addFleetRoutes(
  router: express.Router,
  options: FleetRoutesOptions,
) {
  const { httpAuth, permissions, catalog, fleet } = options;
  const clock = () => options.clock.now();

  const visibilityFor = (credentials: BackstageCredentials) =>
    visibilityOf(credentials, {
      permissions,
      catalog,
      matchingRefs: filter => fleet.listRefsMatching(filter),
    });

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  // For the catalog module that stamps SLO status labels: service
  // credentials only, since it lists every entity. Read from the fleet
  // table, which the SLO collector keeps up to date.
  router.get('/fleet/statuses', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({
      statuses: await fleet.listSloStatuses(),
      policyStates: await fleet.listPolicyStates(),
    });
  });

  router.get('/fleet', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseQuery(listQuery, req.query);
    const sort = query.sort ?? 'entityRef';
    const key = sort.replace(/^-/, '') as FleetSortKey;
    const descending = sort.startsWith('-');
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
    const filters: FleetFilters = {
      tier: query.tier,
      sloStatus: query.sloStatus,
      owner: normalizeRefs('owner', query.owner, 'group'),
      system: normalizeRefs('system', query.system, 'system'),
      readiness: query.readiness,
      policyState: query.policyState,
    };
    const visibility = await visibilityFor(credentials);
    if (visibility.kind === 'none') {
      const empty: FleetPage = { items: [], totalCount: 0 };
      res.json(empty);
      return;
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
    res.json(page);
  });

  router.get('/fleet/summary', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseQuery(summaryQuery, req.query);
    const groupBy: FleetGroupBy = query.groupBy ?? 'tier';
    const visibility = await visibilityFor(credentials);
    let groups: FleetSummary['groups'] = [];
    if (visibility.kind === 'all') {
      groups = await fleet.summary(groupBy);
    } else if (visibility.kind === 'some') {
      const rows = await fleet.listAll();
      const visible = await visibility.visible(rows.map(r => r.entityRef));
      groups = summarizeGroups(
        groupBy,
        rows.filter(r => visible.has(r.entityRef)),
      );
    }
    const body: FleetSummary = {
      groupBy,
      groups,
      computedAt: clock().toISOString(),
    };
    res.json(body);
  });

  router.get('/fleet/trends', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseQuery(trendsQuery, req.query);
    const weeks = query.weeks ?? 12;
    const fromWeek = addDays(isoWeekStart(clock()), -7 * (weeks - 1));
    const visibility = await visibilityFor(credentials);
    let points: FleetTrendPoint[] = [];
    if (visibility.kind === 'all') {
      points = await fleet.trends({ fromWeek, tier: query.tier });
    } else if (visibility.kind === 'some') {
      const rows = await fleet.listWeekly({ fromWeek, tier: query.tier });
      const visible = await visibility.visible([
        ...new Set(rows.map(r => r.entity_ref)),
      ]);
      points = trendsOfRows(rows.filter(r => visible.has(r.entity_ref)));
    }
    res.json(points);
  });

  router.get('/reviews/weekly', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseQuery(reviewQuery, req.query);
    const from = query.week ? parseIsoWeek(query.week)! : isoWeekStart(clock());
    const week = isoWeekLabel(from);
    const to = addDays(from, 7);
    const lastFrom = addDays(from, -7);
    const criticalTier = options.criticalTier ?? 'tier-1';
    const visibility = await visibilityFor(credentials);

    let critical: FleetRow[] = [];
    let weekly: Awaited<ReturnType<FleetStore['listWeekly']>> = [];
    let exhaustion: Awaited<ReturnType<FleetStore['listBudgetExhaustion']>> =
      [];
    let incidents: Awaited<ReturnType<FleetStore['listIncidentsBetween']>> = [];
    let readinessExpiring: Awaited<
      ReturnType<FleetStore['listExpiringReadiness']>
    > = null;
    if (visibility.kind !== 'none') {
      readinessExpiring = await fleet.listExpiringReadiness();
      critical = await fleet.listAll({ tier: [criticalTier] });
      weekly = await fleet.listWeekly({ fromWeek: lastFrom, toWeek: from });
      exhaustion = await fleet.listBudgetExhaustion(from, to);
      incidents = await fleet.listIncidentsBetween(
        `${from}T00:00:00.000Z`,
        `${to}T00:00:00.000Z`,
      );
      if (visibility.kind === 'some') {
        const visible = await visibility.visible([
          ...new Set([
            ...critical.map(r => r.entityRef),
            ...weekly.map(r => r.entity_ref),
            ...exhaustion.map(r => r.entityRef),
            ...incidents.map(r => r.entityRef),
            ...(readinessExpiring ?? []).map(r => r.entityRef),
          ]),
        ]);
        readinessExpiring =
          readinessExpiring?.filter(r => visible.has(r.entityRef)) ?? null;
        critical = critical.filter(r => visible.has(r.entityRef));
        weekly = weekly.filter(r => visible.has(r.entity_ref));
        exhaustion = exhaustion.filter(r => visible.has(r.entityRef));
        incidents = incidents.filter(r => visible.has(r.entityRef));
      }
    }
    const review = buildWeeklyReview({
      week,
      from,
      to,
      criticalTier,
      critical,
      thisWeek: weekly.filter(r => r.week === from),
      lastWeek: weekly.filter(r => r.week === lastFrom),
      exhaustion,
      incidents: incidents.map(({ entityRef: _ref, ...incident }) => incident),
      readinessExpiring,
    });
    const csv = query.format === 'csv';
    res
      .status(200)
      .type(csv ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="reliability-review-${week}.${
          csv ? 'csv' : 'md'
        }"`,
      )
      .send(csv ? weeklyReviewToCsv(review) : weeklyReviewToMarkdown(review));
  });
}
