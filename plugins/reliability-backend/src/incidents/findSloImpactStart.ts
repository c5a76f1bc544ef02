import {
  BurnRateSample,
  SloSpec,
  findImpactStart,
  sliFromMeasurement,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { SloMetricsProvider } from '@reliability-kit/backstage-plugin-reliability-node';

const MINUTE_MS = 60_000;
/** The short window of the burn rate MTTD is read from. */
export const IMPACT_BURN_WINDOW_MS = 5 * MINUTE_MS;

/**
 * The impact start of an incident from the entity's SLOs: for each SLO,
 * the 5-minute burn rate sampled every minute over `lookbackHours` before
 * the incident's creation ({@link findImpactStart}); the earliest start
 * found wins. `startedAt` null: no SLO was breaching up to the incident
 * (or its breach began before the lookback). Provider errors are thrown,
 * so the caller can retry on its next run instead of storing "none".
 */
export async function findSloImpactStart(options: {
  provider: SloMetricsProvider;
  entityRef: string;
  specs: SloSpec[];
  instance?: string;
  createdAt: string;
  lookbackHours: number;
  signal?: AbortSignal;
}): Promise<{ startedAt: string | null; sloId: string | null }> {
  const createdMs = Date.parse(options.createdAt);
  // the last whole minute at or before the creation
  const end = Math.floor(createdMs / MINUTE_MS) * MINUTE_MS;
  const start = end - options.lookbackHours * 60 * MINUTE_MS;
  let best: { at: number; sloId: string } | undefined;
  for (const slo of options.specs) {
    const points = await options.provider.measureRange({
      entityRef: options.entityRef,
      slo,
      instance: options.instance,
      windowMs: IMPACT_BURN_WINDOW_MS,
      start: new Date(start),
      end: new Date(end),
      stepSeconds: 60,
      signal: options.signal,
    });
    const budget = 1 - slo.objective;
    const samples: BurnRateSample[] = points.map(p => {
      const sli = sliFromMeasurement(p.measurement);
      return {
        at: p.at.getTime(),
        burnRate:
          sli.state === 'ok' && budget > 0 ? sli.errorRatio / budget : null,
      };
    });
    const at = findImpactStart(samples, createdMs);
    if (at !== null && (!best || at < best.at)) {
      best = { at, sloId: slo.id };
    }
  }
  return best
    ? { startedAt: new Date(best.at).toISOString(), sloId: best.sloId }
    : { startedAt: null, sloId: null };
}
