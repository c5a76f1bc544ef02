import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  IndexedEntity,
  ReliabilityStore,
  SectionWrite,
} from '../database/ReliabilityStore';
import { FleetUpdater } from './FleetStore';

export { FleetStore, fleetSloFiguresOf } from './FleetStore';
export type {
  FleetUpdater,
  FleetSloFigures,
  FleetAlertQualityFigures,
} from './FleetStore';
export { addFleetRoutes } from './fleetRoutes';
export type { FleetRoutesOptions } from './fleetRoutes';

/**
 * The store, wired to keep the fleet table up to date: after the entity
 * indexer replaces the index, the fleet's entities are replaced; after a
 * collector writes an entity's `slos` or `alertQuality` section, the
 * entity's fleet row (and its row of the current ISO week) is updated from
 * what was written (SLOs) or from the stored incidents (alert quality).
 * Every other method is the store's own. Fleet updates never fail a write
 * of the collectors (they are logged).
 */
export function withFleetUpdates(
  store: ReliabilityStore,
  fleet: FleetUpdater,
): ReliabilityStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'replaceEntityIndex') {
        return async (entities: IndexedEntity[], now: string) => {
          await target.replaceEntityIndex(entities, now);
          await fleet.replaceEntities(entities, now);
        };
      }
      if (prop === 'writeSection') {
        return async (
          entityRef: string,
          section: Parameters<ReliabilityStore['writeSection']>[1],
          write: SectionWrite,
        ) => {
          await target.writeSection(entityRef, section, write);
          if (section === 'slos') {
            await fleet.updateSloFromSnapshots(
              entityRef,
              write.items as SloSnapshot[],
              new Date(write.computedAt),
            );
          } else if (section === 'alertQuality') {
            await fleet.refreshAlertQuality(
              entityRef,
              new Date(write.computedAt),
            );
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
