import { Entity } from '@backstage/catalog-model';
import {
  EntityReadiness,
  EntityReliability,
  ReliabilitySection,
  ScorecardResult,
  SloSnapshot,
  TierModel,
  readEntityTier,
  worstSloStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { EntityResolver } from './request';

function emptySection<T>(): ReliabilitySection<T> {
  return {
    status: 'not-collected',
    items: [],
    problems: [],
    demo: false,
    computedAt: null,
    stale: false,
  };
}

/**
 * The stored sections of every feature for one entity (already read with
 * the caller's credentials), with its tier and worst SLO status: the answer
 * of `GET /entities/:kind/:namespace/:name`, also summarised by the
 * `get-entity-reliability-summary` action.
 */
export async function readEntityReliability(
  deps: { store: ReliabilityStore; tierModel: TierModel },
  entity: Entity,
  entityRef: string,
): Promise<EntityReliability> {
  const stored = await deps.store.readSections(entityRef);
  const slos =
    (stored.slos as ReliabilitySection<SloSnapshot> | undefined) ??
    emptySection<SloSnapshot>();
  return {
    entityRef,
    tier: readEntityTier(entity, deps.tierModel),
    sloStatus: worstSloStatus(slos.items.map(i => i.status)),
    sections: {
      slos,
      alertQuality: stored.alertQuality ?? emptySection(),
      // Written by the readiness evaluator with these item types.
      readiness:
        (stored.readiness as ReliabilitySection<EntityReadiness> | undefined) ??
        emptySection<EntityReadiness>(),
      scorecards:
        (stored.scorecards as
          | ReliabilitySection<ScorecardResult>
          | undefined) ?? emptySection<ScorecardResult>(),
    },
  };
}

export interface EntityRoutesOptions {
  store: ReliabilityStore;
  tierModel: TierModel;
  /** The entity of a request, checked for `reliability.entity.read`. */
  entity: EntityResolver;
}

/**
 * `GET /entities/:kind/:namespace/:name`: the stored sections of every
 * feature for one entity, with its tier and worst SLO status.
 */
export function addEntityRoutes(
  router: express.Router,
  options: EntityRoutesOptions,
) {
  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const { entity, entityRef } = await options.entity(req);
    const body: EntityReliability = await readEntityReliability(
      options,
      entity,
      entityRef,
    );
    res.json(body);
  });
}
