import { createFleetReads } from '../fleet/fleetReads';
import { createEntityReader } from '../service/request';
import { registerEntitySummaryAction } from './entitySummaryAction';
import { registerFleetAction } from './fleetAction';
import { registerGateAction } from './gateAction';
import { registerOwnerReadinessAction } from './ownerReadinessAction';
import { ReliabilityActionsContext, ReliabilityActionsOptions } from './types';

/**
 * Registers the read-only actions of Reliability Kit with the actions
 * registry (for automation and, through `@backstage/plugin-mcp-actions-backend`,
 * AI assistants):
 *
 * - `get-entity-reliability-summary`: one entity's tier, SLOs, readiness,
 *   scorecards, 28-day alert-quality headline and error-budget policy state;
 * - `list-reliability-fleet`: the fleet, filtered and paged;
 * - `list-owner-readiness-due`: an owner's overdue and expiring readiness;
 * - `get-deploy-gate`: the deploy gate's answer for an entity (with a
 *   configured `reliability.policy`, as the gate route).
 *
 * Every action runs with the caller's credentials through the same read
 * functions as the HTTP routes, so it applies the same permission checks
 * (`reliability.entity.read` and its conditions, the catalog's read
 * permission), and reads an indexed entity from the entity index as they
 * do. All are marked read-only, non-destructive and idempotent.
 */
export function registerReliabilityActions(
  options: ReliabilityActionsOptions,
): void {
  const ctx: ReliabilityActionsContext = {
    ...options,
    // The routes' reader: the entity index and the decision cache.
    readEntity: createEntityReader({
      ...options,
      index: options.store,
      decisions: options.permissionDecisions,
    }),
  };
  registerEntitySummaryAction(ctx);
  const policy = options.policy;
  if (policy) registerGateAction({ ...ctx, policy });
  const fleet = options.fleet;
  if (fleet) {
    const fleetCtx = {
      ...ctx,
      fleet,
      fleetReads: createFleetReads({ ...options, fleet }),
    };
    registerFleetAction(fleetCtx);
    registerOwnerReadinessAction(fleetCtx);
  }
}
