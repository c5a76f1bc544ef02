import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  sloMeasurementWindows,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
  RELIABILITY_ANNOTATION_SLO_SPEC,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { DiscoveredSlo } from '@reliability-kit/backstage-plugin-reliability-node';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { collectEntitySlos } from './collectEntitySlos';
import { errorMessage } from './collectorErrors';
import { DiscoveredSloIndex } from './DiscoveredSloIndex';
import {
  PREVIOUS_SNAPSHOT_READS,
  PreviousSnapshots,
} from './PreviousSnapshots';
import {
  SloCollectorOptions,
  SloCollectorRunResult,
} from './SloCollectorOptions';
import { DAY_MS, dayStart } from './sloTime';
import { StoredDefinitions } from './StoredDefinitions';

export { DiscoveredSloIndex } from './DiscoveredSloIndex';
export { PREVIOUS_SNAPSHOT_READS } from './PreviousSnapshots';
export type { PreviousSnapshotReads } from './PreviousSnapshots';
export type {
  SloCollectorOptions,
  SloCollectorRunResult,
  SloInstances,
} from './SloCollectorOptions';

/**
 * The SLO collector: a scheduled task that evaluates every SLO of every
 * entity and stores snapshots and daily history. SLOs backed by recording
 * rules (Sloth, Pyrra) are discovered once per run for the whole fleet;
 * query-defined SLOs from spec files are measured with bounded concurrency.
 * When the upstream fails, the previous snapshot stays, marked stale.
 */
export class SloCollector {
  private readonly concurrency: number;
  private readonly retentionDays: number;

  constructor(private readonly options: SloCollectorOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.retentionDays = options.historyRetentionDays ?? 90;
  }

  async run(
    now: Date = this.options.clock.now(),
  ): Promise<SloCollectorRunResult> {
    const { catalog, auth, logger, store, provider } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: [
          {
            [`metadata.annotations.${RELIABILITY_ANNOTATION_SLO_SPEC}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${RELIABILITY_ANNOTATION_SLO_SELECTOR}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
      },
      { credentials },
    )) {
      entities.push(...page);
    }

    const burnWindows = sloMeasurementWindows(
      { kind: 'rolling', duration: '1d', ms: DAY_MS },
      now,
    ).burnRateWindowsMs;
    let discovered: DiscoveredSlo[] = [];
    let discoveryError: string | undefined;
    const needsDiscovery = entities.some(
      e => e.metadata.annotations?.[RELIABILITY_ANNOTATION_SLO_SELECTOR],
    );
    if (needsDiscovery && provider.discover) {
      try {
        discovered = await provider.discover({
          at: now,
          windowsMs: burnWindows,
        });
      } catch (error) {
        discoveryError = errorMessage(error);
        logger.warn(`SLO discovery failed: ${discoveryError}`);
      }
    }

    const index = new DiscoveredSloIndex(discovered);
    const refs = entities.map(e => stringifyEntityRef(e));
    // Per run, not per entity: the previous snapshots are read in bulk, a
    // chunk of entities at a time, and the stored definitions once.
    const previous = new PreviousSnapshots(
      store,
      refs,
      this.options.previousSnapshotReads ?? PREVIOUS_SNAPSHOT_READS,
    );
    const definitions = new StoredDefinitions(store);
    const results = await mapWithConcurrency(
      entities,
      this.concurrency,
      (e, i) =>
        collectEntitySlos(
          { options: this.options, retentionDays: this.retentionDays },
          e,
          refs[i],
          now,
          index,
          discoveryError,
          {
            previous: () => previous.of(i),
            definitions,
          },
        )
          .catch(async error => {
            // One entity's failure never stops the others; its last data
            // stays, marked stale.
            const ref = refs[i];
            logger.error(
              `SLO collection failed for ${ref}: ${errorMessage(error)}`,
            );
            await store
              .markSectionStale(
                ref,
                'slos',
                `collection failed: ${errorMessage(error)}`,
              )
              .catch(() => {});
            return { slos: 0, stale: 0, problems: 1, statusChanged: false };
          })
          .finally(() => previous.release(i)),
    );

    // Entities still in the catalog that no longer declare SLOs: forget
    // their SLOs. (Entities missing from the catalog keep their data: the
    // catalog may be refilling.)
    const current = new Set(refs);
    const dropped = (await store.listSectionEntityRefs('slos')).filter(
      ref => !current.has(ref),
    );
    const stillInCatalog = dropped.length
      ? (
          await catalog.getEntitiesByRefs(
            { entityRefs: dropped, fields: ['kind', 'metadata'] },
            { credentials },
          )
        ).items.filter((e): e is Entity => Boolean(e))
      : [];
    for (const ref of stillInCatalog.map(e => stringifyEntityRef(e))) {
      await definitions.replace(ref, [], now.toISOString());
      await store.writeSection(ref, 'slos', {
        items: [],
        problems: [],
        status: 'ok',
        demo: provider.id === 'demo',
        computedAt: now.toISOString(),
      });
      await this.options.fleet?.sloWritten(ref, [], now.toISOString());
    }

    // Restamp the SLO status label of entities whose status changed.
    const changed = refs.filter((_ref, i) => results[i].statusChanged);
    if (changed.length > 0) {
      const delay = this.options.labelRefreshDelayMs ?? 0;
      if (delay > 0) {
        await new Promise(resolve => setTimeout(resolve, delay));
      }
      // A few at a time: on the first run every entity's status changes.
      await mapWithConcurrency(changed, 8, ref =>
        catalog
          .refreshEntity(ref, { credentials })
          .catch(error =>
            logger.warn(
              `Could not refresh ${ref} in the catalog: ${errorMessage(error)}`,
            ),
          ),
      );
    }

    const cutoff = new Date(
      dayStart(now.getTime()) - this.retentionDays * DAY_MS,
    )
      .toISOString()
      .slice(0, 10);
    await store.pruneSloHistory(cutoff);
    // The fleet's weeks before the install, from the history stored above.
    await this.options.fleet?.historyStored?.('slo', now.toISOString());

    const summary = results.reduce<SloCollectorRunResult>(
      (acc, r) => ({
        entities: acc.entities + 1,
        slos: acc.slos + r.slos,
        stale: acc.stale + r.stale,
        problems: acc.problems + r.problems,
      }),
      { entities: 0, slos: 0, stale: 0, problems: 0 },
    );
    logger.info(
      `Evaluated ${summary.slos} SLOs of ${summary.entities} entities (${summary.stale} stale, ${summary.problems} problems)`,
    );
    return summary;
  }
}
