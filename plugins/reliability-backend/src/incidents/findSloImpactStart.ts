import {
  BurnRateSample,
  SloSpec,
  findImpactStart,
  sliFromMeasurement,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';

const MINUTE_MS = 60_000;
/** The short window of the burn rate MTTD is read from. */
export const IMPACT_BURN_WINDOW_MS = 5 * MINUTE_MS;

/** One SLO's 5-minute error ratio, sampled every minute from start to end. */
type ErrorRatioSeries = {
  sloId: string;
  objective: number;
  read(
    start: Date,
    end: Date,
  ): Promise<Array<{ at: Date; errorRatio: number | null }>>;
};

/**
 * The impact start of an incident from the entity's SLOs: for each SLO
 * (file-defined, and discovered ones when the provider can read their
 * recorded ratios), the 5-minute burn rate sampled every minute over
 * `lookbackHours` before the incident's creation ({@link findImpactStart});
 * the earliest start found wins. `startedAt` null: no SLO was breaching up
 * to the incident (or its breach began before the lookback, or there is no
 * data). Provider errors are thrown, so the caller can retry on its next run
 * instead of storing "none".
 */
export async function findSloImpactStart(options: {
  provider: SloMetricsProvider;
  entityRef: string;
  specs: SloSpec[];
  /** SLOs discovered in Prometheus (Sloth, Pyrra) bound to the entity. */
  discovered?: DiscoveredSlo[];
  instance?: string;
  createdAt: string;
  lookbackHours: number;
  signal?: AbortSignal;
}): Promise<{ startedAt: string | null; sloId: string | null }> {
  const { provider, signal } = options;
  const range = { windowMs: IMPACT_BURN_WINDOW_MS, stepSeconds: 60, signal };
  const series: ErrorRatioSeries[] = options.specs.map(slo => ({
    sloId: slo.id,
    objective: slo.objective,
    read: async (start, end) =>
      (
        await provider.measureRange({
          entityRef: options.entityRef,
          slo,
          instance: options.instance,
          start,
          end,
          ...range,
        })
      ).map(p => {
        const sli = sliFromMeasurement(p.measurement);
        return {
          at: p.at,
          errorRatio: sli.state === 'ok' ? sli.errorRatio : null,
        };
      }),
  }));
  const readDiscovered = provider.discoveredErrorRatioRange?.bind(provider);
  if (readDiscovered) {
    for (const slo of options.discovered ?? []) {
      series.push({
        sloId: slo.key,
        objective: slo.objective,
        read: (start, end) => readDiscovered({ slo, start, end, ...range }),
      });
    }
  }

  const createdMs = Date.parse(options.createdAt);
  // the last whole minute at or before the creation
  const end = Math.floor(createdMs / MINUTE_MS) * MINUTE_MS;
  const start = end - options.lookbackHours * 60 * MINUTE_MS;
  let best: { at: number; sloId: string } | undefined;
  for (const s of series) {
    const budget = 1 - s.objective;
    const samples: BurnRateSample[] = (
      await s.read(new Date(start), new Date(end))
    ).map(p => ({
      at: p.at.getTime(),
      burnRate:
        p.errorRatio !== null && budget > 0 ? p.errorRatio / budget : null,
    }));
    const at = findImpactStart(samples, createdMs);
    if (at !== null && (!best || at < best.at)) {
      best = { at, sloId: s.sloId };
    }
  }
  return best
    ? { startedAt: new Date(best.at).toISOString(), sloId: best.sloId }
    : { startedAt: null, sloId: null };
}
