import { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TierModel } from '@reliability-kit/backstage-plugin-reliability-common';
import { TeamHours } from '../config/readTeamsConfig';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { FleetStore } from '../fleet/FleetStore';
import { FleetReads } from '../fleet/fleetReads';
import { Clock } from '../lib/Clock';
import { PolicyEvaluator } from '../policy/PolicyEvaluator';
import { EntityReader, PermissionDecisionCache } from '../service/request';

/**
 * What the actions are registered with: the same services and stores the
 * HTTP routes get (`RouterOptions` of `createRouter`).
 */
export interface ReliabilityActionsOptions {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ReliabilityStore;
  tierModel: TierModel;
  hoursOf(ownerRef: string | undefined): TeamHours;
  autoResolveThresholdMs?: number;
  /** The fleet table; without it the fleet and owner actions are not registered. */
  fleet?: FleetStore;
  /**
   * The error-budget policy; without it the gate action is not registered
   * and the summary has no `policy` section (as the routes are not mounted).
   */
  policy?: { evaluator: PolicyEvaluator };
  clock: Clock;
  /** The users' entity-read decisions, reused briefly (the routes' cache). */
  permissionDecisions?: PermissionDecisionCache;
}

/** What each action reads with: the options and the shared read functions. */
export interface ReliabilityActionsContext extends ReliabilityActionsOptions {
  /** An entity as the caller sees it (the routes' entity resolver). */
  readEntity: EntityReader;
}

/** The context of the actions that read the fleet table. */
export interface FleetActionsContext extends ReliabilityActionsContext {
  fleet: FleetStore;
  /** The fleet as the caller sees it (the fleet routes' reads). */
  fleetReads: FleetReads;
}

/** The context of the actions that read the error-budget policy. */
export interface PolicyActionsContext extends ReliabilityActionsContext {
  policy: { evaluator: PolicyEvaluator };
}
