import { Entity } from '@backstage/catalog-model';
import {
  EntityProblem,
  SloHistoryEntry,
  SloSnapshot,
  TierModel,
  readEntityTier,
  worstSloStatus,
  RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseLabelMatchers } from '../providers/prometheus/LabelMatcher';
import { backfillSloHistory } from './backfillSloHistory';
import { errorMessage } from './collectorErrors';
import { DiscoveredSloIndex } from './DiscoveredSloIndex';
import { evaluateDiscoveredSlo, evaluateSpecSlo } from './evaluateSloSnapshot';
import { SloEvaluationContext } from './SloCollectorOptions';
import { StoredDefinitions } from './StoredDefinitions';

/** The outcome of the collection of one entity. */
export interface EntitySloResult {
  slos: number;
  stale: number;
  problems: number;
  statusChanged: boolean;
}

/**
 * Evaluates every SLO of one entity (spec-file and discovered), stores its
 * snapshots, today's history points (after any backfill) and its `slos`
 * section, and tells whether its worst status changed.
 */
export async function collectEntitySlos(
  context: SloEvaluationContext,
  entity: Entity,
  entityRef: string,
  now: Date,
  discovered: DiscoveredSloIndex,
  discoveryError: string | undefined,
  stored: {
    previous: () => Promise<SloSnapshot[] | undefined>;
    definitions: StoredDefinitions;
  },
): Promise<EntitySloResult> {
  const { options } = context;
  const { store, specReader, instances } = options;
  const annotations = entity.metadata.annotations ?? {};
  const problems: EntityProblem[] = [];
  const previous = new Map(
    (await stored.previous())?.map(s => [s.id, s]) ?? [],
  );

  // Which metrics instance to query.
  let instance = instances.names[0] ?? options.provider.id;
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
  const minimum = minimumObjective(entity, options.tierModel);
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
      await evaluateSpecSlo(
        options,
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
            message: options.provider.discover
              ? `${RELIABILITY_ANNOTATION_SLO_SELECTOR} "${selector}" matches no Sloth SLO on instance "${instance}"`
              : `${RELIABILITY_ANNOTATION_SLO_SELECTOR} needs a Prometheus instance to discover Sloth SLOs in; none is configured`,
          });
        }
        for (const d of bound) {
          snapshots.push(evaluateDiscoveredSlo(options, d, now));
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
      await backfillSloHistory(
        context,
        entityRef,
        snapshot,
        specs,
        instance,
        now,
      );
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
    demo: options.provider.id === 'demo',
    computedAt: now.toISOString(),
  });
  await options.fleet?.sloWritten(entityRef, items, now.toISOString());
  await options.policy?.sloRefreshed(entity, entityRef, items, now);
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

function minimumObjective(
  entity: Entity,
  tierModel: TierModel,
): { tier: string; objective: number } | undefined {
  const tier = readEntityTier(entity, tierModel);
  if (tier.status === 'ok' && tier.tier.minimumObjective !== undefined) {
    return { tier: tier.tier.id, objective: tier.tier.minimumObjective };
  }
  return undefined;
}
