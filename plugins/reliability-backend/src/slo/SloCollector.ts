import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProblem,
  ReliabilitySection,
  SloHistoryEntry,
  SloMeasurement,
  SloSnapshot,
  SloSpec,
  TierModel,
  evaluateSlo,
  readEntityTier,
  sloMeasurementWindows,
  worstSloStatus,
  RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
  RELIABILITY_ANNOTATION_SLO_SPEC,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { ReliabilityStore } from '../database/ReliabilityStore';
import {
  LabelMatcher,
  matchesLabels,
  parseLabelMatchers,
} from '../providers/prometheus/LabelMatcher';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { SloSpecReader } from './SloSpecReader';
import { Clock } from '../lib/Clock';
import type { FleetProjection } from '../fleet/FleetProjection';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Discovered SLOs, indexed by the values of their labels, so that binding
 * them to thousands of entities does not test every SLO for every entity.
 */
export class DiscoveredSloIndex {
  private readonly byLabel = new Map<string, Map<string, DiscoveredSlo[]>>();

  constructor(private readonly all: DiscoveredSlo[]) {}

  find(instance: string, matchers: LabelMatcher[]): DiscoveredSlo[] {
    const equality = matchers.find(m => m.operator === '=' && m.value !== '');
    let candidates = this.all;
    if (equality) {
      let values = this.byLabel.get(equality.name);
      if (!values) {
        values = new Map();
        for (const d of this.all) {
          const value = d.labels[equality.name];
          if (value !== undefined) {
            const list = values.get(value) ?? [];
            list.push(d);
            values.set(value, list);
          }
        }
        this.byLabel.set(equality.name, values);
      }
      candidates = values.get(equality.value) ?? [];
    }
    return candidates.filter(
      d => d.instance === instance && matchesLabels(matchers, d.labels),
    );
  }
}

/** What the collector needs to know about the configured metrics instances. */
export interface SloInstances {
  /** Instance names; the first is the default. Empty for the demo provider. */
  names: string[];
  /** Links for users to an SLO's error ratio, e.g. in the Prometheus UI. */
  links?(
    instance: string,
    slo: SloSpec | DiscoveredSlo,
  ): Array<{ title: string; url: string }>;
}

export interface SloCollectorOptions {
  /** The one clock of the plugin (plugin.ts); `run()` without a time uses it. */
  clock: Clock;
  catalog: CatalogService;
  auth: AuthService;
  store: ReliabilityStore;
  /**
   * Told after each write of an entity's `slos` section (never fails the
   * collection: failures are logged).
   */
  fleet?: FleetProjection;
  logger: LoggerService;
  specReader: SloSpecReader;
  provider: SloMetricsProvider;
  instances: SloInstances;
  tierModel: TierModel;
  /** Entities evaluated at once; each costs a few upstream queries. */
  concurrency?: number;
  historyRetentionDays?: number;
  atRiskRemainingShare?: number;
  /**
   * After a run, entities whose worst SLO status changed are refreshed in
   * the catalog, so that the catalog module restamps their status label;
   * this long after the run, so that the module's status cache has expired
   * (the module caches for 10 s; the plugin passes 11 s). Default 0.
   */
  labelRefreshDelayMs?: number;
  /**
   * How many entities' previous snapshots are read in one statement.
   * Default {@link PREVIOUS_SNAPSHOT_READS}.
   */
  previousSnapshotReads?: PreviousSnapshotReads;
}

export interface SloCollectorRunResult {
  entities: number;
  slos: number;
  stale: number;
  problems: number;
}

function isInputError(error: unknown): boolean {
  return (
    error instanceof InputError ||
    (error instanceof Error && error.name === 'InputError')
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

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
class PreviousSnapshots {
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
    private readonly store: ReliabilityStore,
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

/**
 * Which entities have stored spec-file SLO definitions, read once per run
 * (when first needed) so that entities without spec SLOs, and none stored,
 * need no `replaceSloDefinitions` transaction.
 */
class StoredDefinitions {
  private refs?: Promise<Set<string>>;

  constructor(private readonly store: ReliabilityStore) {}

  /** Whether the entity may have stored definitions (true when unknown). */
  async has(entityRef: string): Promise<boolean> {
    this.refs ??= this.store
      .listSloDefinitions()
      .then(definitions => new Set(definitions.map(d => d.entityRef)));
    try {
      return (await this.refs).has(entityRef);
    } catch {
      // Could not tell: replace, as without this shortcut.
      return true;
    }
  }

  /** Replaces an entity's definitions, unless there is nothing to delete. */
  async replace(entityRef: string, specs: SloSpec[], now: string) {
    if (specs.length === 0 && !(await this.has(entityRef))) {
      return;
    }
    await this.store.replaceSloDefinitions(entityRef, specs, now);
    const refs = await this.refs?.catch(() => undefined);
    if (specs.length > 0) refs?.add(entityRef);
    else refs?.delete(entityRef);
  }
}

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
        this.collectEntity(e, refs[i], now, index, discoveryError, {
          previous: () => previous.of(i),
          definitions,
        })
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

  private async collectEntity(
    entity: Entity,
    entityRef: string,
    now: Date,
    discovered: DiscoveredSloIndex,
    discoveryError: string | undefined,
    stored: {
      previous: () => Promise<SloSnapshot[] | undefined>;
      definitions: StoredDefinitions;
    },
  ): Promise<{
    slos: number;
    stale: number;
    problems: number;
    statusChanged: boolean;
  }> {
    const { store, specReader, instances } = this.options;
    const annotations = entity.metadata.annotations ?? {};
    const problems: EntityProblem[] = [];
    const previous = new Map(
      (await stored.previous())?.map(s => [s.id, s]) ?? [],
    );

    // Which metrics instance to query.
    let instance = instances.names[0] ?? this.options.provider.id;
    const requested = annotations[RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE];
    if (requested && instances.names.length > 0) {
      if (instances.names.includes(requested)) {
        instance = requested;
      } else {
        problems.push({
          source: 'slo',
          message: `${RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE} names "${requested}", which is not a configured instance (configured: ${instances.names.join(
            ', ',
          )})`,
        });
      }
    }

    // SLOs from spec files.
    const { specs, problems: specProblems } = await specReader.read(entity);
    problems.push(...specProblems);
    if (specProblems.length === 0 || specs.length > 0) {
      // (Nothing to do without specs when none are stored.)
      await stored.definitions.replace(entityRef, specs, now.toISOString());
    }
    const minimum = this.minimumObjective(entity);
    for (const spec of specs) {
      if (minimum !== undefined && spec.objective < minimum.objective) {
        problems.push({
          source: 'slo',
          ...(spec.source.file ? { file: spec.source.file } : {}),
          ...(spec.source.line ? { line: spec.source.line } : {}),
          message: `SLO "${spec.name}": objective ${+(
            spec.objective * 100
          ).toFixed(4)}% is below the minimum of ${minimum.tier} (${+(
            minimum.objective * 100
          ).toFixed(4)}%)`,
        });
      }
    }

    const snapshots: SloSnapshot[] = [];
    for (const spec of specs) {
      snapshots.push(
        await this.evaluateSpec(
          entityRef,
          spec,
          instance,
          now,
          previous,
          problems,
        ),
      );
    }

    // SLOs discovered through recording rules, bound by label selector.
    const selector = annotations[RELIABILITY_ANNOTATION_SLO_SELECTOR];
    if (selector) {
      try {
        const matchers = parseLabelMatchers(selector);
        if (discoveryError) {
          const kept = [...previous.values()].filter(
            old => old.origin !== 'spec',
          );
          for (const old of kept) {
            snapshots.push({
              ...old,
              stale: true,
              staleReason: discoveryError,
            });
          }
          if (kept.length === 0) {
            problems.push({
              source: 'slo',
              message: `SLO discovery failed, so the SLOs of ${RELIABILITY_ANNOTATION_SLO_SELECTOR} are not known yet: ${discoveryError}`,
            });
          }
        } else {
          const bound = discovered.find(instance, matchers);
          if (bound.length === 0) {
            problems.push({
              source: 'slo',
              message: this.options.provider.discover
                ? `${RELIABILITY_ANNOTATION_SLO_SELECTOR} "${selector}" matches no Sloth SLO on instance "${instance}"`
                : `${RELIABILITY_ANNOTATION_SLO_SELECTOR} needs a Prometheus instance to discover Sloth SLOs in; none is configured`,
            });
          }
          for (const d of bound) {
            snapshots.push(this.evaluateDiscovered(d, now));
          }
        }
      } catch (error) {
        problems.push({
          source: 'slo',
          message: `invalid ${RELIABILITY_ANNOTATION_SLO_SELECTOR}: ${errorMessage(
            error,
          )}`,
        });
      }
    }

    // Keep ids unique within the entity.
    const seen = new Set<string>();
    const items = snapshots.filter(s => !seen.has(s.id) && seen.add(s.id));

    // Today's history points of all the entity's SLOs, in one transaction.
    const points: Array<{ sloId: string; point: SloHistoryEntry }> = [];
    for (const snapshot of items) {
      if (!snapshot.stale) {
        await this.backfillHistory(entityRef, snapshot, specs, instance, now);
        points.push({
          sloId: snapshot.id,
          point: {
            at: now.toISOString(),
            objective: snapshot.objective,
            sli: snapshot.sli,
            budgetRemaining: snapshot.budgetRemaining,
            status: snapshot.status,
          },
        });
      }
    }
    await store.upsertSloHistoryPoints(entityRef, points);

    const staleItems = items.filter(i => i.stale);
    await store.writeSection(entityRef, 'slos', {
      items,
      problems,
      status: items.length === 0 && problems.length > 0 ? 'error' : 'ok',
      demo: this.options.provider.id === 'demo',
      computedAt: now.toISOString(),
    });
    await this.options.fleet?.sloWritten(entityRef, items, now.toISOString());
    if (staleItems.length > 0) {
      await store.markSectionStale(
        entityRef,
        'slos',
        staleItems[0].staleReason ?? 'the last refresh failed',
      );
    }
    const statusBefore = worstSloStatus(
      [...previous.values()].map(p => p.status),
    );
    const statusAfter = worstSloStatus(items.map(i => i.status));
    return {
      slos: items.length,
      stale: staleItems.length,
      problems: problems.length,
      statusChanged: statusBefore !== statusAfter,
    };
  }

  private minimumObjective(
    entity: Entity,
  ): { tier: string; objective: number } | undefined {
    const tier = readEntityTier(entity, this.options.tierModel);
    if (tier.status === 'ok' && tier.tier.minimumObjective !== undefined) {
      return { tier: tier.tier.id, objective: tier.tier.minimumObjective };
    }
    return undefined;
  }

  private async evaluateSpec(
    entityRef: string,
    spec: SloSpec,
    instance: string,
    now: Date,
    previous: Map<string, SloSnapshot>,
    problems: EntityProblem[],
  ): Promise<SloSnapshot> {
    const { provider, instances } = this.options;
    const { sloWindowMs, burnRateWindowsMs } = sloMeasurementWindows(
      spec.window,
      now,
    );
    const base = {
      id: spec.id,
      name: spec.name,
      ...(spec.displayName ? { displayName: spec.displayName } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      origin: 'spec' as const,
      format: spec.source.format,
      ...(spec.source.file ? { file: spec.source.file } : {}),
      instance,
      objective: spec.objective,
      window: spec.window,
      budgetingMethod: spec.budgetingMethod,
      links: instances.links?.(instance, spec) ?? [],
      demo: provider.id === 'demo',
    };
    let measurements: Map<number, SloMeasurement>;
    try {
      const windows = [...burnRateWindowsMs];
      if (sloWindowMs > 0) windows.push(sloWindowMs);
      measurements = await provider.measure({
        entityRef,
        slo: spec,
        instance,
        windowsMs: windows,
        at: now,
      });
    } catch (error) {
      const reason = errorMessage(error);
      const empty = {
        ...base,
        ...evaluateSlo({
          objective: spec.objective,
          window: spec.window,
          measurements: new Map(),
          now,
        }),
        noDataReason: reason,
        computedAt: now.toISOString(),
      };
      if (isInputError(error)) {
        // The SLO's own queries are wrong: a problem of this entity, not an
        // upstream failure.
        problems.push({
          source: 'slo',
          message: reason,
          ...(spec.source.file ? { file: spec.source.file } : {}),
          ...(spec.source.line ? { line: spec.source.line } : {}),
        });
        return { ...empty, stale: false };
      }
      // The upstream failed: keep the last good snapshot, marked stale.
      const old = previous.get(spec.id);
      if (old) {
        return { ...old, stale: true, staleReason: reason };
      }
      return { ...empty, stale: true, staleReason: reason };
    }
    const evaluation = evaluateSlo({
      objective: spec.objective,
      window: spec.window,
      measurements,
      now,
      atRiskRemainingShare: this.options.atRiskRemainingShare,
    });
    return {
      ...base,
      ...evaluation,
      computedAt: now.toISOString(),
      stale: false,
    };
  }

  private evaluateDiscovered(d: DiscoveredSlo, now: Date): SloSnapshot {
    const window = {
      kind: 'rolling' as const,
      duration: `${Math.round(d.windowMs / DAY_MS)}d`,
      ms: d.windowMs,
    };
    const measurements = new Map<number, SloMeasurement>();
    for (const [ms, ratio] of d.errorRatios) {
      measurements.set(ms, { kind: 'ratio', errorRatio: ratio });
    }
    const evaluation = evaluateSlo({
      objective: d.objective,
      window,
      measurements,
      now,
      atRiskRemainingShare: this.options.atRiskRemainingShare,
    });
    return {
      id: d.key,
      name: d.name,
      origin: d.origin,
      instance: d.instance,
      objective: d.objective,
      window,
      budgetingMethod: 'Occurrences',
      ...evaluation,
      computedAt: now.toISOString(),
      stale: false,
      links: this.options.instances.links?.(d.instance, d) ?? [],
      demo: false,
    };
  }

  private async backfillHistory(
    entityRef: string,
    snapshot: SloSnapshot,
    specs: SloSpec[],
    instance: string,
    now: Date,
  ): Promise<void> {
    const { store, provider, logger } = this.options;
    const spec = specs.find(s => s.id === snapshot.id);
    // First sight of a rolling-window spec SLO: backfill a point per day of
    // its window, so the burn-down chart has a history from the start.
    if (
      spec &&
      spec.window.kind === 'rolling' &&
      (await store.countSloHistory(entityRef, spec.id)) === 0
    ) {
      try {
        const windowMs = spec.window.ms;
        const days = Math.min(this.retentionDays, Math.ceil(windowMs / DAY_MS));
        const end = new Date(dayStart(now.getTime()) - 1);
        const start = new Date(end.getTime() - (days - 1) * DAY_MS);
        const range = await provider.measureRange({
          entityRef,
          slo: spec,
          instance,
          windowMs,
          start,
          end,
          stepSeconds: DAY_MS / 1000,
        });
        const points: SloHistoryEntry[] = range.map(({ at, measurement }) => {
          const evaluation = evaluateSlo({
            objective: spec.objective,
            window: spec.window,
            measurements: new Map([[windowMs, measurement]]),
            now: at,
          });
          return {
            at: at.toISOString(),
            objective: spec.objective,
            sli: evaluation.sli,
            budgetRemaining: evaluation.budgetRemaining,
            status: evaluation.status,
          };
        });
        await store.upsertSloHistory(entityRef, spec.id, points);
      } catch (error) {
        logger.warn(
          `Could not backfill the history of ${entityRef} SLO ${
            spec.id
          }: ${errorMessage(error)}`,
        );
      }
    }
  }
}
