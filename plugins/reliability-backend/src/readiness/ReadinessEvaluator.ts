import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityProblem,
  EntityReadiness,
  FleetReadiness,
  ReadinessRecord,
  ScorecardResult,
  SloSnapshot,
  StoredPushedResult,
  TierModel,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  ReliabilityFactProvider,
  ReliabilityFactValue,
  CheckDefinition,
  CheckFacts,
  ChecksConfig,
  collectEntityFacts,
  evaluateReadiness,
  evaluateScorecard,
  scorecardAppliesTo,
} from '@reliability-kit/backstage-plugin-reliability-node';
import type { AlertSourcesDocument } from '../alertQuality/AlertSourcesDocument';
import { IndexedEntity, ReliabilityStore } from '../database/ReliabilityStore';
import type { FleetProjection, FleetReadinessUpdate } from '../fleet';
import type { FleetRow } from '@reliability-kit/backstage-plugin-reliability-common';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { ReadinessStore, ScorecardResultWrite } from './ReadinessStore';
import { buildSuiteFacts } from './buildSuiteFacts';
import { Clock } from '../lib/Clock';
import type { ReadinessNotifications } from '../notifications/ReadinessNotifications';
import { contentHash } from '../lib/contentHash';
import { applyPromotions } from '../campaigns/applyPromotions';
import type { CampaignPromotion } from '../campaigns/CampaignStore';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Entities evaluated per batch: one catalog call and a few store reads. */
const BATCH = 500;
/** A fact provider that takes longer than this for an entity is skipped. */
const PROVIDER_TIMEOUT_MS = 10_000;
/** The evaluation of one entity. */
export interface EntityEvaluation {
  entityRef: string;
  readiness: EntityReadiness;
  scorecards: ScorecardResult[];
  problems: EntityProblem[];
  fleetReadiness: FleetReadiness;
  goldenPathLevel: string | null;
  title: string;
  ownerRef: string | null;
  /** The scorecard levels stored before (read when notifying). */
  previousLevels: Map<string, string | null>;
  /** Per scorecard result, its hash without `evaluatedAt`. */
  scorecardHashes: string[];
}

export interface ReadinessEvaluatorOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: ReliabilityStore;
  readinessStore: ReadinessStore;
  /**
   * The fleet: its rows are facts of the evaluation; after a run, the
   * readiness status and golden-path level of the evaluated entities are
   * written to it (failures are logged, never fail the run).
   */
  fleet?: {
    getRows(entityRefs: string[]): Promise<Map<string, FleetRow>>;
    projection: FleetProjection;
  };
  config: ChecksConfig;
  /**
   * Targets of ended campaigns promoted into a tier's checklist or a
   * scorecard: evaluated with the configuration (read at each run).
   */
  promotions?: { listPromotions(): Promise<CampaignPromotion[]> };
  tierModel: TierModel;
  factProviders?: ReliabilityFactProvider[];
  /**
   * Told after each evaluation (readiness expiring, scorecard levels
   * lost); never fails the run.
   */
  notifications?: Pick<ReadinessNotifications, 'evaluated'>;
  logger: LoggerService;
  clock: Clock;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string) {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} timed out after ${ms} ms`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

function isFactValue(value: unknown): value is ReliabilityFactValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every(v => typeof v === 'string'))
  );
}

/**
 * Evaluates readiness items and scorecards over the indexed entities and
 * stores the results (sections, scorecard results and history, fleet
 * columns). Runs as a scheduled task over the whole fleet, for the entities
 * whose catalog entry changed (told by the entity indexer's change pass),
 * and on demand for one entity after an
 * attestation, an exemption, a revocation or a pushed result. Page views
 * only read what it stored.
 */
export class ReadinessEvaluator {
  private readonly checks: Record<string, CheckDefinition>;
  private readonly clock: Clock;
  /** The configuration with the campaigns' promotions. */
  private current: ChecksConfig;

  constructor(private readonly options: ReadinessEvaluatorOptions) {
    this.checks = Object.fromEntries(options.config.checks.map(c => [c.id, c]));
    this.clock = options.clock;
    this.current = options.config;
  }

  /** The configuration in effect: config and promoted campaign targets. */
  get config(): ChecksConfig {
    return this.current;
  }

  /** Reads the promotions of ended campaigns into the configuration. */
  private async loadPromotions(): Promise<void> {
    if (!this.options.promotions) return;
    this.current = applyPromotions(
      this.options.config,
      await this.options.promotions.listPromotions(),
    );
  }

  /** Evaluates every indexed entity; removes results of entities gone. */
  async run(): Promise<{ evaluated: number }> {
    const { store, readinessStore, logger } = this.options;
    await this.loadPromotions();
    const config = this.current;
    const indexed = await store.listIndexedEntities();
    const now = this.clock.now();
    const evaluated = await this.evaluateIndexed(indexed, now, {
      removeOthers: true,
    });
    await readinessStore.deleteScorecardsExcept(
      config.scorecards.map(s => s.id),
    );
    await readinessStore.pruneScorecardHistory(
      new Date(now.getTime() - 400 * DAY_MS).toISOString().slice(0, 10),
    );
    logger.info(`Evaluated readiness and scorecards of ${evaluated} entities`);
    return { evaluated };
  }

  /**
   * Reacts to catalog changes found by the entity indexer's change pass:
   * evaluates the changed or new entities (already indexed), and removes
   * the scorecard results of entities gone from the catalog.
   */
  async entitiesChanged(
    changed: string[],
    removed: string[],
  ): Promise<{ evaluated: number }> {
    const { readinessStore } = this.options;
    const config = this.current;
    const evaluated = changed.length ? await this.evaluateEntities(changed) : 0;
    if (removed.length) {
      for (const scorecard of config.scorecards) {
        await readinessStore.deleteScorecardResults(scorecard.id, removed);
      }
    }
    return { evaluated };
  }

  /** Evaluates the given (indexed) entities now and stores the results. */
  async evaluateEntities(entityRefs: string[]): Promise<number> {
    await this.loadPromotions();
    const indexed = await this.options.store.getIndexedEntities([
      ...new Set(entityRefs),
    ]);
    return this.evaluateIndexed(indexed, this.clock.now(), {
      removeOthers: false,
    });
  }

  private async evaluateIndexed(
    indexed: IndexedEntity[],
    now: Date,
    options: { removeOthers: boolean },
  ): Promise<number> {
    const { readinessStore, fleet } = this.options;
    const config = this.current;
    const rowsByScorecard = new Map<string, ScorecardResultWrite[]>(
      config.scorecards.map(s => [s.id, []]),
    );
    const fleetUpdates: FleetReadinessUpdate[] = [];
    const notified: EntityEvaluation[] = [];
    let evaluated = 0;
    for (let i = 0; i < indexed.length; i += BATCH) {
      const batch = indexed.slice(i, i + BATCH);
      const evaluations = await this.evaluateBatch(batch, now);
      await this.options.store.writeSections(
        evaluations.flatMap(e => [
          {
            entityRef: e.entityRef,
            section: 'readiness' as const,
            write: {
              items: [e.readiness],
              problems: e.problems,
              status: 'ok' as const,
              demo: false,
              computedAt: now.toISOString(),
              contentHash: contentHash([
                { ...e.readiness, evaluatedAt: undefined },
                e.problems,
              ]),
            },
          },
          {
            entityRef: e.entityRef,
            section: 'scorecards' as const,
            write: {
              items: e.scorecards,
              problems: [],
              status: 'ok' as const,
              demo: false,
              computedAt: now.toISOString(),
              contentHash: contentHash(e.scorecardHashes),
            },
          },
        ]),
      );
      const byRef = new Map(batch.map(b => [b.entityRef, b]));
      for (const e of evaluations) {
        const entry = byRef.get(e.entityRef)!;
        for (const [k, result] of e.scorecards.entries()) {
          rowsByScorecard.get(result.scorecardId)?.push({
            entityRef: e.entityRef,
            ownerRef: entry.ownerRef ?? null,
            tier: entry.tierStatus === 'ok' ? entry.tier ?? null : null,
            result,
            resultHash: e.scorecardHashes[k],
          });
        }
        fleetUpdates.push({
          entityRef: e.entityRef,
          readiness: e.fleetReadiness,
          goldenPathLevel: e.goldenPathLevel,
        });
      }
      evaluated += evaluations.length;
      notified.push(...evaluations);
    }
    const day = now.toISOString().slice(0, 10);
    for (const [scorecardId, rows] of rowsByScorecard) {
      await readinessStore.writeScorecardResults(scorecardId, rows, {
        day,
        removeOthers: options.removeOthers,
      });
    }
    if (!options.removeOthers) {
      // Entities evaluated on demand that a scorecard no longer applies to.
      for (const scorecard of config.scorecards) {
        const applies = new Set(
          rowsByScorecard.get(scorecard.id)!.map(r => r.entityRef),
        );
        const gone = indexed
          .map(e => e.entityRef)
          .filter(ref => !applies.has(ref));
        if (gone.length) {
          await readinessStore.deleteScorecardResults(scorecard.id, gone);
        }
      }
    }
    await fleet?.projection.readinessEvaluated(fleetUpdates, now.toISOString());
    await this.options.notifications?.evaluated(notified, now);
    return evaluated;
  }

  /** Reads everything a batch needs in bulk, then evaluates each entity. */
  private async evaluateBatch(
    batch: IndexedEntity[],
    now: Date,
  ): Promise<EntityEvaluation[]> {
    const { catalog, auth, store, readinessStore, fleet } = this.options;
    const refs = batch.map(b => b.entityRef);
    const credentials = await auth.getOwnServiceCredentials();
    const [entities, slos, sources, fleetRows, toil, records, pushed, before] =
      await Promise.all([
        catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials }),
        store.readSectionOf('slos', refs),
        store.readDocumentOf<AlertSourcesDocument>('alertSources', refs),
        fleet ? fleet.getRows(refs) : Promise.resolve(undefined),
        store.sumToilMinutesPerWeek(refs),
        readinessStore.listActiveRecords(refs),
        readinessStore.listPushedResults(refs),
        this.options.notifications
          ? store.readSectionOf('scorecards', refs)
          : Promise.resolve(undefined),
      ]);
    const results = await mapWithConcurrency(batch, 8, async (entry, i) => {
      const entity = entities.items[i];
      if (!entity) {
        // Gone from the catalog since the last index run.
        return undefined;
      }
      return this.evaluateOne({
        entry,
        entity,
        now,
        slos: slos.get(entry.entityRef)?.items as SloSnapshot[] | undefined,
        alertSources: sources.get(entry.entityRef),
        fleetRow: fleetRows?.get(entry.entityRef),
        toilMinutesPerWeek: toil.get(entry.entityRef),
        records: records.get(entry.entityRef) ?? [],
        pushed: pushed.get(entry.entityRef) ?? [],
        previousLevels: new Map(
          (
            (before?.get(entry.entityRef)?.items ?? []) as ScorecardResult[]
          ).map(s => [s.scorecardId, s.level]),
        ),
      });
    });
    return results.filter((r): r is EntityEvaluation => r !== undefined);
  }

  private async evaluateOne(input: {
    entry: IndexedEntity;
    entity: Entity;
    now: Date;
    slos?: SloSnapshot[];
    alertSources?: AlertSourcesDocument;
    fleetRow?: Parameters<typeof buildSuiteFacts>[0]['fleetRow'];
    toilMinutesPerWeek?: number;
    records: ReadinessRecord[];
    pushed: StoredPushedResult[];
    previousLevels: Map<string, string | null>;
  }): Promise<EntityEvaluation> {
    const { tierModel } = this.options;
    const config = this.current;
    const { entry, entity, now } = input;
    const tier = entry.tierStatus === 'ok' ? entry.tier ?? null : null;
    const problems: EntityProblem[] = [];
    if (entry.tierStatus !== 'ok' && entry.tierMessage) {
      problems.push({ source: 'readiness', message: entry.tierMessage });
    }

    const facts: CheckFacts = {
      ...collectEntityFacts(entity),
      ...buildSuiteFacts({
        tier,
        tierModel,
        slos: input.slos,
        alertSources: input.alertSources,
        fleetRow: input.fleetRow,
        toilMinutesPerWeek: input.toilMinutesPerWeek,
      }),
    };
    const pushedAt: Record<string, string> = {};
    /** What CI said about its pushed results, shown with the check. */
    const pushedDetails: Record<string, string> = {};
    for (const result of input.pushed) {
      const check = this.checks[result.checkId];
      if (!check?.pushed) continue;
      const age = now.getTime() - Date.parse(result.pushedAt);
      if (!(age <= check.maxAgeDays * DAY_MS)) continue;
      facts[`push.${result.checkId}.passed`] = result.passed;
      facts[`push.${result.checkId}.value`] =
        result.value === undefined ? null : result.value;
      pushedAt[result.checkId] = result.pushedAt;
      if (result.details) pushedDetails[result.checkId] = result.details;
    }
    for (const provider of this.options.factProviders ?? []) {
      try {
        const provided = await withTimeout(
          provider.getFacts(entity),
          PROVIDER_TIMEOUT_MS,
          `Fact provider "${provider.id}"`,
        );
        for (const [name, value] of Object.entries(provided ?? {})) {
          if (isFactValue(value)) facts[`${provider.id}.${name}`] = value;
        }
      } catch (error) {
        problems.push({
          source: 'readiness',
          message: `Facts of "${provider.id}" are unknown: ${
            (error as Error)?.message ?? error
          }`,
        });
      }
    }

    const readiness = evaluateReadiness({
      items: config.readiness,
      checks: this.checks,
      tier,
      facts,
      records: input.records,
      now,
      expiryWarningDays: config.expiryWarningDays,
    });
    const scorecards = config.scorecards
      .filter(scorecard =>
        scorecardAppliesTo(scorecard.filter, {
          kind: entry.kind,
          type: typeof entity.spec?.type === 'string' ? entity.spec.type : null,
          tier,
          ownerRef: entry.ownerRef ?? null,
        }),
      )
      .map(scorecard =>
        evaluateScorecard({
          scorecard,
          checks: this.checks,
          entityRef: entry.entityRef,
          facts,
          records: input.records,
          pushedAt,
          now,
        }),
      )
      .map(result => ({
        ...result,
        checks: result.checks.map(check =>
          pushedDetails[check.checkId]
            ? {
                ...check,
                detail: `${pushedDetails[check.checkId]} (${check.detail})`,
              }
            : check,
        ),
      }));
    const golden = scorecards.find(
      s => s.scorecardId === config.goldenPathScorecard,
    );
    return {
      entityRef: entry.entityRef,
      readiness,
      scorecards,
      problems,
      fleetReadiness: readiness.status,
      goldenPathLevel: golden?.level ?? null,
      title: entity.metadata.title ?? entity.metadata.name,
      ownerRef: entry.ownerRef ?? null,
      previousLevels: input.previousLevels,
      scorecardHashes: scorecards.map(r =>
        contentHash({ ...r, evaluatedAt: undefined }),
      ),
    };
  }
}
