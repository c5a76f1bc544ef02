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
import type {
  CatalogCursorEntry,
  CatalogCursorStore,
} from '../catalogChanges/CatalogCursorStore';
import { Clock } from '../lib/Clock';
import { chunk } from '../lib/chunk';
import type { FleetProjection } from '../fleet/FleetProjection';

// The fleet is the services: components (systems, APIs and resources have no
// SLOs or pages of their own here).
const INDEXED_KINDS = ['Component'];
/**
 * What the index reads of an entity: the entity without its `status`. The
 * index columns come from it, and it is stored with the row so that the
 * entity endpoints resolve an entity without asking the catalog (its etag
 * also goes to the cursor).
 */
const INDEX_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'relations'];
/** What the change pass reads of every entity: its ref and etag. */
const CURSOR_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];
/** Entities fetched per `getEntitiesByRefs` call of the change pass. */
const FETCH_CHUNK = 500;

/**
 * Told which entities changed (new ones included) and which are gone, after
 * the index was updated and before the cursor advances: a failure makes the
 * next pass see the same changes again.
 */
export type EntityChangeListener = (
  changed: string[],
  removed: string[],
) => Promise<void>;

/** What a pass did. */
export interface EntityIndexRun {
  /** Entities written to the index (all of them for a full pass). */
  indexed: number;
  /** Entities whose catalog etag differed from the cursor (new included). */
  changed: number;
  /** Entities gone from the catalog since the last pass. */
  removed: number;
}

function firstRelation(entity: Entity, type: string, kind?: string) {
  return entity.relations?.find(
    r =>
      r.type === type &&
      (!kind || r.targetRef.startsWith(`${kind.toLocaleLowerCase('en-US')}:`)),
  )?.targetRef;
}

/**
 * Keeps the entity index (tier, owner and system of every component) in
 * step with the catalog. Collectors and fleet queries read the index instead
 * of the catalog.
 *
 * - `runChanges()`, the frequent pass, pages the catalog for refs and etags
 *   only, compares them with the cursor (the etags of the last pass, in the
 *   store) and fetches, indexes and hands to the listener (readiness) just
 *   the entities that changed or are new; entities gone are removed. With
 *   nothing changed it writes nothing.
 * - `run()`, the full reconciliation at a long interval, streams every
 *   entity and replaces the index, so that nothing missed can linger.
 *
 * Both record the etags in the cursor after the index, the fleet and the
 * listener have taken the changes. The passes of one process never overlap.
 */
export class EntityIndexer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: ReliabilityStore;
      /** The etags of the last pass; without it every change pass is full. */
      cursor?: CatalogCursorStore;
      /** Told after the index is written: the fleet's entities follow it. */
      fleet?: FleetProjection;
      /** Told about changed and removed entities (readiness). */
      onEntitiesChanged?: EntityChangeListener;
      tierModel: TierModel;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  /** The full reconciliation: streams every component, replaces the index. */
  run(now?: Date): Promise<EntityIndexRun> {
    return this.serially(() => this.runFull(now ?? this.options.clock.now()));
  }

  /**
   * The change pass: indexes only the components whose catalog etag changed
   * since the last pass, and removes those gone.
   */
  runChanges(now?: Date): Promise<EntityIndexRun> {
    const { cursor } = this.options;
    if (!cursor) {
      return this.run(now);
    }
    return this.serially(() =>
      this.runDelta(cursor, now ?? this.options.clock.now()),
    );
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private toRow(entity: Entity): IndexedEntity {
    const tier = readEntityTier(entity, this.options.tierModel);
    return {
      entityRef: stringifyEntityRef(entity),
      kind: entity.kind.toLocaleLowerCase('en-US'),
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
      ownerRef: firstRelation(entity, RELATION_OWNED_BY),
      systemRef: firstRelation(entity, RELATION_PART_OF, 'system'),
      tier: tier.status === 'ok' ? tier.tier.id : undefined,
      tierStatus: tier.status,
      tierMessage: tier.status === 'ok' ? undefined : tier.message,
      entity,
    };
  }

  private async streamComponents(
    fields: string[],
    each: (entity: Entity) => void,
  ) {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    for await (const page of catalog.streamEntities(
      { filter: { kind: INDEXED_KINDS }, fields },
      { credentials },
    )) {
      for (const entity of page) each(entity);
    }
  }

  private async runFull(now: Date): Promise<EntityIndexRun> {
    const { store, fleet, cursor, logger } = this.options;
    const rows: IndexedEntity[] = [];
    const etags = new Map<string, string>();
    await this.streamComponents(INDEX_FIELDS, entity => {
      const row = this.toRow(entity);
      rows.push(row);
      etags.set(row.entityRef, entity.metadata.etag ?? '');
    });
    await store.replaceEntityIndex(rows, now.toISOString());
    await fleet?.entitiesIndexed(rows, now.toISOString());
    const invalid = rows.filter(r => r.tierStatus === 'invalid').length;
    logger.info(
      `Indexed ${rows.length} entities (${invalid} with an invalid tier)`,
    );
    if (!cursor) {
      return { indexed: rows.length, changed: rows.length, removed: 0 };
    }
    const { changed, removed } = diff(await cursor.readCursor(), etags);
    await this.advance(
      cursor,
      changed.map(entityRef => ({ entityRef, etag: etags.get(entityRef)! })),
      removed,
      now,
    );
    return {
      indexed: rows.length,
      changed: changed.length,
      removed: removed.length,
    };
  }

  private async runDelta(
    cursor: CatalogCursorStore,
    now: Date,
  ): Promise<EntityIndexRun> {
    const { catalog, auth, store, fleet, logger } = this.options;
    const before = await cursor.readCursor();
    const etags = new Map<string, string>();
    await this.streamComponents(CURSOR_FIELDS, entity => {
      etags.set(stringifyEntityRef(entity), entity.metadata.etag ?? '');
    });
    const { changed, removed } = diff(before, etags);
    if (changed.length === 0 && removed.length === 0) {
      return { indexed: 0, changed: 0, removed: 0 };
    }

    const credentials = await auth.getOwnServiceCredentials();
    const rows: IndexedEntity[] = [];
    const seen: CatalogCursorEntry[] = [];
    for (const part of chunk(changed, FETCH_CHUNK)) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: part, fields: INDEX_FIELDS },
        { credentials },
      );
      items.forEach((entity, i) => {
        if (!entity) {
          // Deleted between the two reads.
          if (before.has(part[i])) removed.push(part[i]);
          return;
        }
        rows.push(this.toRow(entity));
        // The etag of what was indexed, which may be newer than the page's.
        seen.push({
          entityRef: part[i],
          etag: entity.metadata.etag ?? etags.get(part[i])!,
        });
      });
    }
    await store.updateEntityIndex(rows, removed, now.toISOString());
    await fleet?.entitiesChanged(rows, removed, now.toISOString());
    logger.info(
      `Indexed ${rows.length} changed or new entities, removed ${removed.length}`,
    );
    await this.advance(cursor, seen, removed, now);
    return {
      indexed: rows.length,
      changed: rows.length,
      removed: removed.length,
    };
  }

  private async advance(
    cursor: CatalogCursorStore,
    seen: CatalogCursorEntry[],
    removed: string[],
    now: Date,
  ) {
    if (seen.length === 0 && removed.length === 0) return;
    await this.options.onEntitiesChanged?.(
      seen.map(s => s.entityRef),
      removed,
    );
    await cursor.advanceCursor(seen, removed, now.toISOString());
  }
}

/** The refs whose etag differs (new ones included) and the refs gone. */
function diff(
  before: ReadonlyMap<string, string>,
  current: ReadonlyMap<string, string>,
): { changed: string[]; removed: string[] } {
  const changed: string[] = [];
  for (const [ref, etag] of current) {
    if (before.get(ref) !== etag) changed.push(ref);
  }
  const removed = [...before.keys()].filter(ref => !current.has(ref));
  return { changed, removed };
}
