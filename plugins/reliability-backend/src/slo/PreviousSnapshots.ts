import {
  SloSnapshot,
  ReliabilitySection,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { EntitySectionStore } from '../database/EntitySectionStore';

/**
 * How the previous snapshots are read: in bulk, a chunk of entities per
 * statement, of at most `maxEntities` entities and, as far as the entities
 * read so far tell, about `maxSnapshots` SLO snapshots (so entities with
 * many SLOs get smaller chunks). Until a read has shown how many SLOs the
 * entities have, a chunk assumes 100 each.
 */
export interface PreviousSnapshotReads {
  maxEntities: number;
  maxSnapshots: number;
}

export const PREVIOUS_SNAPSHOT_READS: PreviousSnapshotReads = {
  maxEntities: 500,
  maxSnapshots: 2000,
};

/**
 * The stored `slos` sections of the entities of a run, read in bulk a chunk
 * of consecutive entities at a time (the first entity of a chunk to need it
 * reads the whole chunk; the collector takes entities in order, so only a
 * few chunks are alive at once), and forgotten entity by entity as each
 * takes its own.
 */
export class PreviousSnapshots {
  private readonly chunks = new Set<{
    start: number;
    end: number;
    pending: number;
    read?: Promise<Map<string, ReliabilitySection>>;
  }>();
  /** Entities `[0, covered)` have their chunk. */
  private covered = 0;
  private readonly seen = { entities: 0, snapshots: 0 };

  constructor(
    private readonly store: Pick<EntitySectionStore, 'readSectionOf'>,
    private readonly refs: readonly string[],
    private readonly limits: PreviousSnapshotReads,
  ) {}

  /** The stored SLO snapshots of the entity at `index`, if any. */
  async of(index: number): Promise<SloSnapshot[] | undefined> {
    const chunk = this.chunkOf(index);
    if (!chunk) {
      throw new Error(`the previous snapshots of entity ${index} are gone`);
    }
    chunk.read ??= this.store
      .readSectionOf('slos', this.refs.slice(chunk.start, chunk.end))
      .then(sections => {
        this.seen.entities += chunk.end - chunk.start;
        for (const section of sections.values()) {
          this.seen.snapshots += section.items.length;
        }
        return sections;
      });
    // Each entity takes its own, so the chunk shrinks as its entities go.
    const sections = await chunk.read;
    const section = sections.get(this.refs[index]);
    sections.delete(this.refs[index]);
    return section?.items as SloSnapshot[] | undefined;
  }

  /** The entity at `index` is done with its previous snapshots. */
  release(index: number): void {
    const chunk = this.chunkOf(index);
    if (chunk && --chunk.pending === 0) {
      this.chunks.delete(chunk);
    }
  }

  private chunkOf(index: number) {
    while (this.covered <= index) {
      const { maxEntities, maxSnapshots } = this.limits;
      const perEntity = this.seen.entities
        ? this.seen.snapshots / this.seen.entities
        : 100;
      const size = Math.max(
        1,
        Math.min(
          maxEntities,
          Math.floor(maxSnapshots / Math.max(1, perEntity)),
        ),
      );
      const start = this.covered;
      const end = Math.min(this.refs.length, start + size);
      this.chunks.add({ start, end, pending: end - start });
      this.covered = end;
    }
    for (const chunk of this.chunks) {
      if (chunk.start <= index && index < chunk.end) return chunk;
    }
    // The whole chunk was released: not for an entity taken once.
    return undefined;
  }
}
