import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CorrectiveActionRecord,
  EntityIncidentsResponse,
  FleetIncidentsResponse,
  IncidentKpiSet,
  IncidentPeriodKind,
  IncidentRecord,
  TierModel,
  computeIncidentPeriodKpis,
  incidentPeriods,
  summarizeOverdueActions,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { z } from 'zod';
import { IndexedEntity } from '../database/EntitySectionStore';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { Clock } from '../lib/Clock';
import { EntityResolver, parseQuery, visibilityOf } from '../service/request';
import { IncidentsStore } from './IncidentsStore';
import { IncidentsConfig } from './readIncidentsConfig';
import { readIncidentRecords } from './readIncidentRecords';

const periodQuery = z
  .object({ period: z.enum(['month', 'quarter']).optional() })
  .strict();

const MAX_STALLED_LISTED = 200;

/** The KPI set of some incident and action records. */
function kpiSet(
  kind: IncidentPeriodKind,
  records: { incidents: IncidentRecord[]; actions: CorrectiveActionRecord[] },
  config: IncidentsConfig,
  now: Date,
): IncidentKpiSet {
  const periods = incidentPeriods(kind, now);
  const common = {
    incidents: records.incidents,
    actions: records.actions,
    severities: config.severity.severities,
    requiredSeverities: config.requiredSeverities,
    now: now.toISOString(),
  };
  const overdue = summarizeOverdueActions(records.actions);
  return {
    current: computeIncidentPeriodKpis({ ...common, period: periods.current }),
    previous: computeIncidentPeriodKpis({
      ...common,
      period: periods.previous,
    }),
    overdueActions: overdue.overdue,
    oldestOverdueDays: overdue.oldestOverdueDays,
    stalledActions: overdue.stalled,
  };
}

/** The first day of the month 11 months before `now`'s (UTC). */
function yearStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
}

/**
 * The incidents routes: an entity's incidents, postmortems, actions and
 * KPIs, and the fleet's KPIs per tier. They read only the store.
 */
export function addIncidentRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    catalog: CatalogService;
    store: ReliabilityStore;
    incidents: IncidentsStore;
    config: IncidentsConfig;
    entity: EntityResolver;
    tierModel: TierModel;
    clock: Clock;
  },
): void {
  const { store, incidents, config } = options;

  router.get('/entities/:kind/:namespace/:name/incidents', async (req, res) => {
    const { period = 'month' } = parseQuery(periodQuery, req.query);
    const { entityRef } = await options.entity(req);
    const now = options.clock.now();
    const [indexed] = await store.getIndexedEntities([entityRef]);
    const entity: IndexedEntity = indexed ?? {
      entityRef,
      kind: '',
      namespace: '',
      name: '',
      tierStatus: 'missing',
    };
    // a quarter and its previous one reach back at most 6 months; the
    // chart shows 12
    const from = new Date(
      Math.min(
        yearStart(now).getTime(),
        Date.parse(incidentPeriods(period, now).previous.from),
      ),
    );
    const records = await readIncidentRecords({
      paging: store,
      store: incidents,
      config,
      entities: [entity],
      from: from.toISOString(),
      to: now.toISOString(),
      now: now.toISOString(),
    });
    const state = await incidents.readEntityState(entityRef);
    const months: EntityIncidentsResponse['monthly'] = [];
    for (let m = 0; m < 12; m++) {
      const start = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + m, 1),
      );
      const month = start.toISOString().slice(0, 7);
      const counts: Record<string, number> = {};
      for (const s of [...config.severity.severities, 'none']) counts[s] = 0;
      for (const i of records.incidents) {
        if (i.createdAt.slice(0, 7) === month) counts[i.severity ?? 'none']++;
      }
      months.push({ month, counts });
    }
    const ticketErrors = [...records.tickets.values()].flatMap(t =>
      t.lastError
        ? [
            {
              source: 'incidents',
              message: `ticket ${t.ticket}: ${t.lastError}`,
            },
          ]
        : [],
    );
    const body: EntityIncidentsResponse = {
      entityRef,
      period,
      severities: config.severity.severities,
      requiredSeverities: config.requiredSeverities,
      slaBusinessDays: config.slaBusinessDays,
      kpis: kpiSet(period, records, config, now),
      incidents: records.incidents
        .filter(i => i.severity !== null)
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)),
      monthly: months,
      actions: records.actions,
      problems: [...(state?.problems ?? []), ...ticketErrors],
      computedAt: state?.computedAt ?? null,
    };
    res.json(body);
  });

  router.get('/incidents/fleet', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { period = 'month' } = parseQuery(periodQuery, req.query);
    const now = options.clock.now();
    const visibility = await visibilityOf(credentials, {
      permissions: options.permissions,
      catalog: options.catalog,
    });
    let entities =
      visibility.kind === 'none' ? [] : await store.listIndexedEntities();
    if (visibility.kind === 'some') {
      const visible = await visibility.visible(entities.map(e => e.entityRef));
      entities = entities.filter(e => visible.has(e.entityRef));
    }
    const records = await readIncidentRecords({
      paging: store,
      store: incidents,
      config,
      entities,
      from: incidentPeriods(period, now).previous.from,
      to: now.toISOString(),
      now: now.toISOString(),
    });
    const tierOf = new Map(entities.map(e => [e.entityRef, e.tier ?? null]));
    // configured tiers in their order, then entities without a valid tier
    const present = new Set(entities.map(e => e.tier ?? null));
    const tiers: Array<string | null> = [
      ...options.tierModel.tiers.map(t => t.id).filter(id => present.has(id)),
      ...(present.has(null) ? [null] : []),
    ];
    const body: FleetIncidentsResponse = {
      period,
      severities: config.severity.severities,
      requiredSeverities: config.requiredSeverities,
      tiers: tiers.map(tier => ({
        tier,
        entities: entities.filter(e => (e.tier ?? null) === tier).length,
        kpis: kpiSet(
          period,
          {
            incidents: records.incidents.filter(
              i => tierOf.get(i.entityRef) === tier,
            ),
            actions: records.actions.filter(
              a => tierOf.get(a.entityRef) === tier,
            ),
          },
          config,
          now,
        ),
      })),
      fleet: kpiSet(period, records, config, now),
      stalledActions: records.actions
        .filter(a => a.stalled)
        .sort((a, b) => (b.overdueDays ?? 0) - (a.overdueDays ?? 0))
        .slice(0, MAX_STALLED_LISTED),
    };
    res.json(body);
  });
}
