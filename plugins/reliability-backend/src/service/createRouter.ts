import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  HealthResponse,
  TierModel,
  reliabilityAdminPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { addAlertQualityRoutes } from '../alertQuality/alertQualityRoutes';
import { TeamHours } from '../config/readTeamsConfig';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { FleetStore, addFleetRoutes } from '../fleet';
import { Clock } from '../lib/Clock';
import { ReadinessEvaluator } from '../readiness/ReadinessEvaluator';
import { ReadinessStore } from '../readiness/ReadinessStore';
import { addReadinessRoutes } from '../readiness/readinessRoutes';
import { addScorecardRoutes } from '../readiness/scorecardRoutes';
import { PolicyEvaluator } from '../policy/PolicyEvaluator';
import { PolicyStore } from '../policy/PolicyStore';
import { addPolicyRoutes } from '../policy/policyRoutes';
import { addSloRoutes } from '../slo/sloRoutes';
import { IncidentsStore } from '../incidents/IncidentsStore';
import { addIncidentRoutes } from '../incidents/incidentRoutes';
import { incidentReviewSource } from '../incidents/incidentReviewSource';
import { IncidentsConfig } from '../incidents/readIncidentsConfig';
import { CampaignService } from '../campaigns/CampaignService';
import { CampaignWrites } from '../campaigns/campaignWrites';
import { addCampaignRoutes } from '../campaigns/campaignRoutes';
import { addEntityRoutes } from './entityRoutes';
import {
  PermissionDecisionCache,
  createEntityResolver,
  parseQuery,
} from './request';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  store: ReliabilityStore;
  tierModel: TierModel;
  permissions: PermissionsService;
  hoursOf(ownerRef: string | undefined): TeamHours;
  autoResolveThresholdMs?: number;
  /** The fleet table; without it the fleet routes are not mounted. */
  fleet?: FleetStore;
  /** Readiness and scorecards; without them their routes are not mounted. */
  readinessStore?: ReadinessStore;
  evaluator?: ReadinessEvaluator;
  /** Incidents, postmortems and actions; without them their routes are not mounted. */
  incidents?: { store: IncidentsStore; config: IncidentsConfig };
  /** The one clock of the plugin (plugin.ts). */
  clock: Clock;
  /** The error-budget policy; without it its routes are not mounted. */
  policy?: {
    evaluator: PolicyEvaluator;
    store: PolicyStore;
    userInfo: UserInfoService;
  };
  /** Campaigns; without them their routes are not mounted. */
  campaigns?: { service: CampaignService; writes: CampaignWrites };
  /** Starts a scheduled task now (`SchedulerService.triggerTask`). */
  triggerTask?(id: string): Promise<void>;
  /** The users' entity-read decisions, reused briefly; none: asked every time. */
  permissionDecisions?: PermissionDecisionCache;
}

/** The refreshes an admin can trigger, by name. */
const REFRESH_TASKS: Record<string, string> = {
  entityIndex: 'reliability-entity-index',
  slo: 'reliability-slo-collector',
  alertQuality: 'reliability-alert-quality-collector',
  readiness: 'reliability-readiness',
  incidents: 'reliability-incidents',
  campaigns: 'reliability-campaigns',
};

const refreshQuery = z
  .object({
    task: z.enum([
      'entityIndex',
      'slo',
      'alertQuality',
      'readiness',
      'incidents',
      'campaigns',
    ]),
  })
  .strict();

/**
 * The HTTP API of the reliability backend. Page views read the catalog (for
 * visibility and the tier) and the store; they never call an upstream.
 * Each feature's routes live in its folder; this mounts them with the
 * shared pieces (credentials, the entity of a request).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, store, tierModel, permissions } = options;
  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  /** A request's entity, after `reliability.entity.read` and the catalog. */
  const entity = createEntityResolver({
    httpAuth,
    permissions,
    catalog,
    index: store,
    decisions: options.permissionDecisions,
  });

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  addEntityRoutes(router, { store, tierModel, entity });

  addSloRoutes(router, {
    httpAuth,
    permissions,
    catalog,
    store,
    entity,
    clock: options.clock,
  });

  // Refresh triggers, for admins (reliability.admin).
  router.post('/admin/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { task } = parseQuery(refreshQuery, req.query);
    const [decision] = await options.permissions.authorize(
      [{ permission: reliabilityAdminPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Only administrators can trigger refreshes');
    }
    if (!options.triggerTask) {
      throw new NotFoundError('Refresh triggers are not available');
    }
    try {
      await options.triggerTask(REFRESH_TASKS[task]);
    } catch (error) {
      // The task is not scheduled: its feature has no source configured.
      throw new NotFoundError(
        `The ${task} refresh is not running: ${(error as Error).message}`,
      );
    }
    res.status(202).json({ task, triggered: true });
  });

  addAlertQualityRoutes(router, {
    httpAuth,
    permissions: options.permissions,
    store,
    hoursOf: options.hoursOf,
    autoResolveThresholdMs: options.autoResolveThresholdMs,
    entity,
    catalog,
    clock: options.clock,
  });

  if (options.readinessStore && options.evaluator) {
    addReadinessRoutes(router, {
      httpAuth,
      permissions,
      readinessStore: options.readinessStore,
      evaluator: options.evaluator,
      entity,
      clock: options.clock,
    });
    addScorecardRoutes(router, {
      httpAuth,
      permissions,
      catalog,
      store,
      readinessStore: options.readinessStore,
      evaluator: options.evaluator,
      fleet: options.fleet,
      clock: options.clock,
    });
  }

  if (options.policy) {
    addPolicyRoutes(router, {
      httpAuth,
      permissions,
      ...options.policy,
      entity,
      clock: options.clock,
    });
  }

  if (options.incidents) {
    addIncidentRoutes(router, {
      httpAuth,
      permissions,
      catalog,
      store,
      incidents: options.incidents.store,
      config: options.incidents.config,
      entity,
      tierModel,
      clock: options.clock,
    });
  }

  if (options.campaigns) {
    const fleet = options.fleet;
    addCampaignRoutes(router, {
      httpAuth,
      permissions,
      catalog,
      ...options.campaigns,
      entity,
      matchingRefs: fleet && (filter => fleet.listRefsMatching(filter)),
    });
  }

  if (options.fleet) {
    addFleetRoutes(router, {
      httpAuth,
      permissions,
      catalog,
      fleet: options.fleet,
      criticalTier: tierModel.tiers[0]?.id,
      clock: options.clock,
      campaignNotDone: options.campaigns?.service.notDoneRefs,
      incidents:
        options.incidents &&
        incidentReviewSource({
          paging: store,
          store: options.incidents.store,
          config: options.incidents.config,
        }),
    });
  }

  return router;
}
