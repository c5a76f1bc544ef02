import { Entity } from '@backstage/catalog-model';
import {
  EntityProblem,
  ReliabilitySection,
  ReliabilitySectionName,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * One row of the entity index.
 *
 * @public
 */
export interface IndexedEntity {
  /** The entity ref. */
  entityRef: string;
  /** The entity kind, lower case. */
  kind: string;
  /** The entity namespace. */
  namespace: string;
  /** The entity name. */
  name: string;
  /** The ref of the owning group, from the ownedBy relation. */
  ownerRef?: string;
  /** The ref of the system the entity is part of. */
  systemRef?: string;
  /** The tier id, when the entity has a valid one. */
  tier?: string;
  /** Whether the tier is set and known. */
  tierStatus: 'ok' | 'missing' | 'invalid';
  /** Why the tier is missing or invalid. */
  tierMessage?: string;
  /**
   * The catalog entity as the index pass read it: stored (written only, not
   * returned by the index listings) so that the entity endpoints can resolve
   * an entity without asking the catalog; see
   * {@link EntitySectionStore.readIndexedEntity}.
   */
  entity?: Entity;
}

/**
 * What a collector stores for one section of one entity.
 *
 * @public
 */
export interface SectionWrite {
  /** The items of the section (SLO snapshots, alert quality). */
  items: unknown[];
  /** Problems the collector found, shown to users. */
  problems: EntityProblem[];
  /** Whether the collection succeeded. */
  status: 'ok' | 'error';
  /** Whether the items come from the demo providers. */
  demo: boolean;
  /** When the section was computed (ISO 8601). */
  computedAt: string;
  /**
   * A hash of the content apart from its computation time. When given to
   * {@link EntitySectionStore.writeSections} and equal to the stored row's,
   * the row is left as it is (its `computedAt` stays that of the last
   * change), so a run that computes the same thing again writes nothing.
   */
  contentHash?: string;
}

/**
 * One section of one entity to store with
 * {@link EntitySectionStore.writeSections}.
 *
 * @public
 */
export interface EntitySectionWrite {
  /** The entity the section belongs to. */
  entityRef: string;
  /** Which section. */
  section: ReliabilitySectionName;
  /** What to store. */
  write: SectionWrite;
}

/**
 * Persistence of the entity index and of the per-entity sections and
 * private documents (tables `reliability_entities` and
 * `reliability_sections`).
 *
 * @public
 */
export interface EntitySectionStore {
  /**
   * Replaces the entity index with the given entities, in one transaction:
   * rows of entities that are gone are removed, the others upserted.
   */
  replaceEntityIndex(entities: IndexedEntity[], now: string): Promise<void>;
  /**
   * Upserts the given entities and removes the rows of `removed`, in one
   * transaction; other rows stay (the change pass: only what changed).
   */
  updateEntityIndex(
    upserted: IndexedEntity[],
    removed: string[],
    now: string,
  ): Promise<void>;
  /** Lists the entity index, ordered by entity ref. */
  listIndexedEntities(): Promise<IndexedEntity[]>;
  /** The index rows of the given entities (those indexed), ordered by ref. */
  getIndexedEntities(entityRefs: string[]): Promise<IndexedEntity[]>;
  /**
   * The catalog entity of an index row as last indexed; undefined when the
   * entity is not indexed or was indexed without it.
   */
  readIndexedEntity(entityRef: string): Promise<Entity | undefined>;
  /** Stores a successful refresh of a section: the new data, not stale. */
  writeSection(
    entityRef: string,
    section: ReliabilitySectionName,
    write: SectionWrite,
  ): Promise<void>;
  /**
   * Marks the stored data of a section stale after a failed refresh. The
   * data itself is kept. Does nothing when nothing is stored yet.
   */
  markSectionStale(
    entityRef: string,
    section: ReliabilitySectionName,
    reason: string,
  ): Promise<void>;
  /**
   * Stores several sections (of several entities) in one transaction, like
   * {@link EntitySectionStore.writeSection} each; writes with a
   * `contentHash` equal to the stored one are skipped.
   */
  writeSections(writes: EntitySectionWrite[]): Promise<void>;
  /** The stored section of every entity that has it (or of the given ones). */
  readSectionOf(
    section: ReliabilitySectionName,
    entityRefs?: string[],
  ): Promise<Map<string, ReliabilitySection>>;
  /** The entities that have stored data of a section. */
  listSectionEntityRefs(section: ReliabilitySectionName): Promise<string[]>;
  /** Reads the stored sections of an entity; missing ones are absent. */
  readSections(
    entityRef: string,
  ): Promise<Partial<Record<ReliabilitySectionName, ReliabilitySection>>>;

  /** Writes a JSON document private to the backend (not served as a section). */
  writeDocument(
    entityRef: string,
    name: string,
    document: unknown,
  ): Promise<void>;
  /** Reads a document written by {@link EntitySectionStore.writeDocument}. */
  readDocument<T>(entityRef: string, name: string): Promise<T | undefined>;
  /** The document of every entity that has it (or of the given ones). */
  readDocumentOf<T>(
    name: string,
    entityRefs?: string[],
  ): Promise<Map<string, T>>;
}
