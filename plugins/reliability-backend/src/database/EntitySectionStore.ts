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
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  ownerRef?: string;
  systemRef?: string;
  tier?: string;
  tierStatus: 'ok' | 'missing' | 'invalid';
  tierMessage?: string;
}

/**
 * What a collector stores for one section of one entity.
 *
 * @public
 */
export interface SectionWrite {
  items: unknown[];
  problems: EntityProblem[];
  status: 'ok' | 'error';
  demo: boolean;
  computedAt: string;
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
   * {@link EntitySectionStore.writeSection} each.
   */
  writeSections(
    writes: Array<{
      entityRef: string;
      section: ReliabilitySectionName;
      write: SectionWrite;
    }>,
  ): Promise<void>;
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
