import { Entity } from '@backstage/catalog-model';
import {
  RELIABILITY_SECTIONS,
  ReliabilitySection,
  ReliabilitySectionName,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import { IN_LIST_SIZE, upsertInBatches } from './batchSizes';
import { fromColumns, toColumns } from './columns';
import {
  EntitySectionStore,
  EntitySectionWrite,
  IndexedEntity,
  SectionWrite,
} from './EntitySectionStore';

type EntityRow = {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  owner_ref: string | null;
  system_ref: string | null;
  tier: string | null;
  tier_status: string;
  tier_message: string | null;
  updated_at: string;
  entity_json?: string | null;
  entity_key?: string | null;
};

/** The case-insensitive key of an entity ref (names are, in the catalog). */
const entityKey = (entityRef: string) => entityRef.toLocaleLowerCase('en-US');

/** The index columns the listings read (all but the stored entity). */
const INDEX_COLUMNS = (
  'entity_ref kind namespace name owner_ref system_ref tier tier_status ' +
  'tier_message updated_at'
).split(' ');

type SectionRow = {
  entity_ref: string;
  section: string;
  payload: string;
  status: string;
  demo: boolean | number;
  computed_at: string | null;
  stale: boolean | number;
  stale_reason: string | null;
  content_hash?: string | null;
};

const DOCUMENT_PREFIX = 'document:';

/** The row a section write stores: fresh, not stale. */
function toSectionRow({
  entityRef,
  section,
  write,
}: EntitySectionWrite): SectionRow {
  return {
    entity_ref: entityRef,
    section,
    payload: JSON.stringify({ items: write.items, problems: write.problems }),
    status: write.status,
    demo: write.demo,
    computed_at: write.computedAt,
    stale: false,
    stale_reason: null,
    content_hash: write.contentHash ?? null,
  };
}

/** A stored section row as the API serves it. */
function toSection(row: SectionRow): ReliabilitySection {
  const payload = JSON.parse(row.payload);
  return {
    status: row.status as ReliabilitySection['status'],
    items: payload.items ?? [],
    problems: payload.problems ?? [],
    demo: Boolean(row.demo),
    computedAt: row.computed_at,
    stale: Boolean(row.stale),
    ...(row.stale_reason ? { staleReason: row.stale_reason } : {}),
  };
}

/** The fields of an indexed entity, each stored in its snake_case column. */
const ENTITY_FIELDS: readonly (keyof IndexedEntity)[] = [
  'entityRef',
  'kind',
  'namespace',
  'name',
  'ownerRef',
  'systemRef',
  'tier',
  'tierStatus',
  'tierMessage',
];

function toIndexedEntity(r: EntityRow): IndexedEntity {
  return fromColumns<IndexedEntity>(r, ENTITY_FIELDS);
}

/**
 * The knex implementation of {@link EntitySectionStore}.
 */
export class DatabaseEntitySectionStore implements EntitySectionStore {
  constructor(private readonly db: Knex) {}

  async replaceEntityIndex(
    entities: IndexedEntity[],
    now: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await this.upsertIndexRows(tx, entities, now);
      // Rows not touched by this refresh belong to entities that are gone.
      await tx<EntityRow>('reliability_entities')
        .where('updated_at', '<>', now)
        .delete();
    });
  }

  async updateEntityIndex(
    upserted: IndexedEntity[],
    removed: string[],
    now: string,
  ): Promise<void> {
    if (upserted.length === 0 && removed.length === 0) {
      return;
    }
    await this.db.transaction(async tx => {
      for (const part of chunk(removed, IN_LIST_SIZE)) {
        await tx<EntityRow>('reliability_entities')
          .whereIn('entity_ref', part)
          .delete();
      }
      await this.upsertIndexRows(tx, upserted, now);
    });
  }

  private async upsertIndexRows(
    tx: Knex.Transaction,
    entities: IndexedEntity[],
    now: string,
  ) {
    const rows = entities.map(
      e =>
        ({
          ...toColumns(e, ENTITY_FIELDS),
          updated_at: now,
          entity_json: e.entity ? JSON.stringify(e.entity) : null,
          entity_key: entityKey(e.entityRef),
        } as EntityRow),
    );
    await upsertInBatches(tx, 'reliability_entities', rows, 'entity_ref');
  }

  async listIndexedEntities(): Promise<IndexedEntity[]> {
    const rows: EntityRow[] = await this.db('reliability_entities')
      .select(INDEX_COLUMNS)
      .orderBy('entity_ref');
    return rows.map(toIndexedEntity);
  }

  async getIndexedEntities(entityRefs: string[]): Promise<IndexedEntity[]> {
    const rows: EntityRow[] = [];
    for (const part of chunk(entityRefs, IN_LIST_SIZE)) {
      rows.push(
        ...((await this.db('reliability_entities')
          .select(INDEX_COLUMNS)
          .whereIn('entity_ref', part)) as EntityRow[]),
      );
    }
    return rows
      .sort((a, b) => (a.entity_ref < b.entity_ref ? -1 : 1))
      .map(toIndexedEntity);
  }

  async readIndexedEntity(entityRef: string): Promise<Entity | undefined> {
    const row = await this.db<EntityRow>('reliability_entities')
      .select('entity_json')
      .where('entity_key', entityKey(entityRef))
      .first();
    return row?.entity_json
      ? (JSON.parse(row.entity_json) as Entity)
      : undefined;
  }

  async writeSection(
    entityRef: string,
    section: ReliabilitySectionName,
    write: SectionWrite,
  ): Promise<void> {
    await this.db<SectionRow>('reliability_sections')
      .insert(toSectionRow({ entityRef, section, write }))
      .onConflict(['entity_ref', 'section'])
      .merge();
  }

  async writeSections(writes: EntitySectionWrite[]): Promise<void> {
    const changed = await this.withoutUnchanged(writes);
    if (changed.length === 0) return;
    const rows = changed.map(toSectionRow);
    await this.db.transaction(tx =>
      upsertInBatches(tx, 'reliability_sections', rows, [
        'entity_ref',
        'section',
      ]),
    );
  }

  /** The writes whose content hash differs from the stored row's. */
  private async withoutUnchanged<
    W extends { entityRef: string; section: string; write: SectionWrite },
  >(writes: W[]): Promise<W[]> {
    const hashed = writes.filter(w => w.write.contentHash !== undefined);
    if (hashed.length === 0) return writes;
    const stored = new Map<string, string | null>();
    const sections = [...new Set(hashed.map(w => w.section))];
    const refs = [...new Set(hashed.map(w => w.entityRef))];
    for (const part of chunk(refs, IN_LIST_SIZE)) {
      const rows: Array<
        Pick<SectionRow, 'entity_ref' | 'section' | 'stale' | 'content_hash'>
      > = await this.db('reliability_sections')
        .whereIn('section', sections)
        .whereIn('entity_ref', part)
        .select('entity_ref', 'section', 'stale', 'content_hash');
      for (const r of rows) {
        // A stale row is written again even when its content is the same.
        stored.set(
          `${r.section}\n${r.entity_ref}`,
          r.stale ? null : r.content_hash ?? null,
        );
      }
    }
    return writes.filter(
      w =>
        w.write.contentHash === undefined ||
        stored.get(`${w.section}\n${w.entityRef}`) !== w.write.contentHash,
    );
  }

  async readSectionOf(
    section: ReliabilitySectionName,
    entityRefs?: string[],
  ): Promise<Map<string, ReliabilitySection>> {
    const result = new Map<string, ReliabilitySection>();
    for (const row of await this.rowsOf(section, entityRefs)) {
      result.set(row.entity_ref, toSection(row));
    }
    return result;
  }

  async readDocumentOf<T>(
    name: string,
    entityRefs?: string[],
  ): Promise<Map<string, T>> {
    const result = new Map<string, T>();
    for (const row of await this.rowsOf(
      `${DOCUMENT_PREFIX}${name}`,
      entityRefs,
    )) {
      result.set(row.entity_ref, JSON.parse(row.payload) as T);
    }
    return result;
  }

  private async rowsOf(
    section: string,
    entityRefs?: string[],
  ): Promise<SectionRow[]> {
    if (!entityRefs) {
      return this.db<SectionRow>('reliability_sections').where({ section });
    }
    const rows: SectionRow[] = [];
    for (const part of chunk(entityRefs, IN_LIST_SIZE)) {
      rows.push(
        ...(await this.db<SectionRow>('reliability_sections')
          .where({ section })
          .whereIn('entity_ref', part)),
      );
    }
    return rows;
  }

  async markSectionStale(
    entityRef: string,
    section: ReliabilitySectionName,
    reason: string,
  ): Promise<void> {
    await this.db<SectionRow>('reliability_sections')
      .where({ entity_ref: entityRef, section })
      .update({ stale: true, stale_reason: reason });
  }

  async listSectionEntityRefs(
    section: ReliabilitySectionName,
  ): Promise<string[]> {
    const rows = await this.db<SectionRow>('reliability_sections')
      .where({ section })
      .select('entity_ref')
      .orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async readSections(
    entityRef: string,
  ): Promise<Partial<Record<ReliabilitySectionName, ReliabilitySection>>> {
    const rows = await this.db<SectionRow>('reliability_sections').where({
      entity_ref: entityRef,
    });
    const result: Partial<Record<ReliabilitySectionName, ReliabilitySection>> =
      {};
    for (const row of rows) {
      if (!(RELIABILITY_SECTIONS as readonly string[]).includes(row.section)) {
        continue;
      }
      result[row.section as ReliabilitySectionName] = toSection(row);
    }
    return result;
  }

  async writeDocument(
    entityRef: string,
    name: string,
    document: unknown,
  ): Promise<void> {
    await this.db<SectionRow>('reliability_sections')
      .insert({
        entity_ref: entityRef,
        section: `${DOCUMENT_PREFIX}${name}`,
        payload: JSON.stringify(document),
        status: 'ok',
        demo: false,
        computed_at: null,
        stale: false,
        stale_reason: null,
      })
      .onConflict(['entity_ref', 'section'])
      .merge();
  }

  async readDocument<T>(
    entityRef: string,
    name: string,
  ): Promise<T | undefined> {
    const row = await this.db<SectionRow>('reliability_sections')
      .where({ entity_ref: entityRef, section: `${DOCUMENT_PREFIX}${name}` })
      .first();
    return row ? (JSON.parse(row.payload) as T) : undefined;
  }
}
