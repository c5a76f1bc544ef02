import type { EntitySectionStore } from './EntitySectionStore';
import type { IncidentStore } from './IncidentStore';
import type { SloStore } from './SloStore';
import type { ToilStore } from './ToilStore';

export type {
  EntitySectionStore,
  EntitySectionWrite,
  IndexedEntity,
  SectionWrite,
} from './EntitySectionStore';
export type { IncidentStore, PagingSyncState } from './IncidentStore';
export type { SloHistoryDay, SloStore } from './SloStore';
export type { ToilStore } from './ToilStore';

/**
 * Persistence of the reliability backend: the composition of the
 * per-feature stores.
 *
 * @public
 */
export interface ReliabilityStore
  extends EntitySectionStore,
    SloStore,
    IncidentStore,
    ToilStore {}
