import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  TierModel,
  readEntityTier,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IndexedEntity, ReliabilityStore } from '../database/ReliabilityStore';
import { Clock } from '../lib/Clock';
import type { FleetProjection } from '../fleet/FleetProjection';

// The fleet is the services: components (systems, APIs and resources have no
// SLOs or pages of their own here).
const INDEXED_KINDS = ['Component'];

function firstRelation(entity: Entity, type: string, kind?: string) {
  return entity.relations?.find(
    r =>
      r.type === type &&
      (!kind || r.targetRef.startsWith(`${kind.toLocaleLowerCase('en-US')}:`)),
  )?.targetRef;
}

/**
 * Refreshes the entity index (tier, owner and system of every component)
 * from the catalog. Collectors and fleet queries read the index instead of
 * the catalog.
 */
export class EntityIndexer {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: ReliabilityStore;
      /** Told after the index is replaced: the fleet's entities follow it. */
      fleet?: FleetProjection;
      tierModel: TierModel;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  async run(
    now: Date = this.options.clock.now(),
  ): Promise<{ indexed: number }> {
    const { catalog, auth, store, fleet, tierModel, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const rows: IndexedEntity[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: { kind: INDEXED_KINDS },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'metadata.labels',
          'spec',
          'relations',
        ],
      },
      { credentials },
    )) {
      for (const entity of page) {
        const tier = readEntityTier(entity, tierModel);
        rows.push({
          entityRef: stringifyEntityRef(entity),
          kind: entity.kind.toLocaleLowerCase('en-US'),
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
          ownerRef: firstRelation(entity, RELATION_OWNED_BY),
          systemRef: firstRelation(entity, RELATION_PART_OF, 'system'),
          tier: tier.status === 'ok' ? tier.tier.id : undefined,
          tierStatus: tier.status,
          tierMessage: tier.status === 'ok' ? undefined : tier.message,
        });
      }
    }
    await store.replaceEntityIndex(rows, now.toISOString());
    await fleet?.entitiesIndexed(rows, now.toISOString());
    const invalid = rows.filter(r => r.tierStatus === 'invalid').length;
    logger.info(
      `Indexed ${rows.length} entities (${invalid} with an invalid tier)`,
    );
    return { indexed: rows.length };
  }
}
