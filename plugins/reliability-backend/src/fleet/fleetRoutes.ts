import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  FleetPage,
  FleetRow,
  FleetSummary,
  FleetTrendPoint,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { FleetStore } from './FleetStore';
import {
  FLEET_POLICY_STATE,
  FLEET_READINESS,
  FLEET_SLO_STATUSES,
  FLEET_SORTS,
  createFleetReads,
} from './fleetReads';
import { FleetGroupBy, summarizeGroups, trendsOfRows } from './fleetKpis';
import {
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

const text = z.string().min(1).max(255);

const listQuery = z
  .object({
    tier: multi(text).optional(),
    sloStatus: multi(z.enum(FLEET_SLO_STATUSES)).optional(),
    owner: multi(text).optional(),
    system: multi(text).optional(),
    readiness: multi(z.enum(FLEET_READINESS)).optional(),
    policyState: multi(z.string().regex(FLEET_POLICY_STATE)).optional(),
    campaign: single(z.string().min(1).max(64)).optional(),
    sort: single(z.enum(FLEET_SORTS)).optional(),
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

export { encodeCursor } from './fleetReads';

export interface FleetRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  fleet: FleetStore;
  /** The most critical tier, shown first in the weekly review. */
  criticalTier?: string;
  /** The one clock of the plugin (plugin.ts). */
  clock: Clock;
  /** The entities not done for a campaign (`?campaign=`); 404 when unknown. */
  campaignNotDone?(campaignId: string): Promise<string[]>;
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

  const reads = createFleetReads({ permissions, catalog, fleet });
  const visibilityFor = reads.visibilityFor;

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
    const { campaign, ...query } = parseQuery(listQuery, req.query);
    if (campaign && !options.campaignNotDone) {
      throw new InputError(
        'Invalid query parameter "campaign": campaigns are not available',
      );
    }
    const page: FleetPage = await reads.listPage(credentials, {
      ...query,
      owner: normalizeRefs('owner', query.owner, 'group'),
      system: normalizeRefs('system', query.system, 'system'),
      entityRefs: campaign
        ? await options.campaignNotDone!(campaign)
        : undefined,
    });
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
      groups = summarizeGroups(groupBy, await reads.visibleRows(visibility));
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
