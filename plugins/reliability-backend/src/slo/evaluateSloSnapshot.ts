import {
  EntityProblem,
  MetricsBackendKind,
  SloMeasurement,
  SloSnapshot,
  SloSpec,
  evaluateSlo,
  sloMeasurementWindows,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { DiscoveredSlo } from '@reliability-kit/backstage-plugin-reliability-node';
import { errorMessage, isInputError } from './collectorErrors';
import { SloCollectorOptions } from './SloCollectorOptions';
import { DAY_MS } from './sloTime';

/** Evaluates a spec-file SLO (a stale snapshot when the upstream fails). */
export async function evaluateSpecSlo(
  options: SloCollectorOptions,
  entityRef: string,
  spec: SloSpec,
  instance: string,
  now: Date,
  previous: Map<string, SloSnapshot>,
  problems: EntityProblem[],
): Promise<SloSnapshot> {
  const { provider, instances } = options;
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
    ...backendKindOf(instances, instance),
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
    atRiskRemainingShare: options.atRiskRemainingShare,
  });
  return {
    ...base,
    ...evaluation,
    computedAt: now.toISOString(),
    stale: false,
  };
}

/** Evaluates an SLO discovered through recording rules. */
export function evaluateDiscoveredSlo(
  options: SloCollectorOptions,
  d: DiscoveredSlo,
  now: Date,
): SloSnapshot {
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
    atRiskRemainingShare: options.atRiskRemainingShare,
  });
  return {
    id: d.key,
    name: d.name,
    origin: d.origin,
    instance: d.instance,
    ...backendKindOf(options.instances, d.instance),
    objective: d.objective,
    window,
    budgetingMethod: 'Occurrences',
    ...evaluation,
    computedAt: now.toISOString(),
    stale: false,
    links: options.instances.links?.(d.instance, d) ?? [],
    demo: false,
  };
}

/** `{ backendKind }` of an instance when its kind is known, else `{}`. */
function backendKindOf(
  instances: SloCollectorOptions['instances'],
  instance: string,
): { backendKind?: MetricsBackendKind } {
  const kind = instances.kindOf?.(instance);
  return kind ? { backendKind: kind } : {};
}
