import {
  DEFAULT_AUTO_RESOLVE_THRESHOLD_MS,
  DEFAULT_FLAPPING_RULE,
} from './defaults';
import { FlappingRule, flappingRunsOf } from './findFlappingRuns';
import { NormalizedIncident, normalizeIncidents } from './normalizeIncidents';
import { Incident } from './types';

/**
 * Options of the noise computation.
 *
 * @public
 */
export interface NoiseOptions {
  /**
   * A never-acknowledged incident resolved within this time of its creation
   * (inclusive) is auto-resolved. Default 5 minutes.
   */
  autoResolveThresholdMs?: number;
  /** Default 3 incidents within 24 hours. */
  flapping?: Partial<FlappingRule>;
}

/**
 * How noisy the alerts of an entity are.
 *
 * @public
 */
export interface NoiseSummary {
  /** All incidents considered (any urgency). */
  incidents: number;
  /** Incidents that are auto-resolved or flapping (or both), counted once. */
  noiseCandidates: number;
  /** `noiseCandidates / incidents`; `null` when there are no incidents. */
  noiseRatio: number | null;
  /**
   * Never acknowledged and resolved within `autoResolveThresholdMs` of
   * creation (inclusive).
   */
  autoResolved: number;
  /** Never acknowledged, in any state (open or resolved). */
  neverAcknowledged: number;
  /** Number of flapping runs (maximal chains). */
  flappingRuns: number;
  /** Incidents in flapping runs. */
  flappingIncidents: number;
  /** The auto-resolve threshold applied, in milliseconds. */
  autoResolveThresholdMs: number;
}

/** @internal */
export function resolveNoiseOptions(options: NoiseOptions): {
  autoResolveThresholdMs: number;
  flapping: FlappingRule;
} {
  const autoResolveThresholdMs =
    options.autoResolveThresholdMs ?? DEFAULT_AUTO_RESOLVE_THRESHOLD_MS;
  if (
    typeof autoResolveThresholdMs !== 'number' ||
    !Number.isFinite(autoResolveThresholdMs) ||
    autoResolveThresholdMs < 0
  ) {
    throw new Error(
      `Invalid autoResolveThresholdMs ${autoResolveThresholdMs}: expected a non-negative number of milliseconds`,
    );
  }
  return {
    autoResolveThresholdMs,
    flapping: {
      minIncidents:
        options.flapping?.minIncidents ?? DEFAULT_FLAPPING_RULE.minIncidents,
      windowMs: options.flapping?.windowMs ?? DEFAULT_FLAPPING_RULE.windowMs,
    },
  };
}

/** @internal */
export function isAutoResolvedIncident(
  incident: NormalizedIncident,
  autoResolveThresholdMs: number,
): boolean {
  if (incident.ackMs !== null || incident.resolvedMs === null) {
    return false;
  }
  const duration = incident.resolvedMs - incident.createdMs;
  return duration >= 0 && duration <= autoResolveThresholdMs;
}

/** @internal */
export function noiseOf(
  incidents: NormalizedIncident[],
  options: NoiseOptions,
): { summary: NoiseSummary; candidates: Set<NormalizedIncident> } {
  const { autoResolveThresholdMs, flapping: rule } =
    resolveNoiseOptions(options);
  const { runs, flapping } = flappingRunsOf(incidents, rule);
  const candidates = new Set<NormalizedIncident>(flapping);
  let autoResolved = 0;
  let neverAcknowledged = 0;
  for (const incident of incidents) {
    if (incident.ackMs === null) {
      neverAcknowledged++;
    }
    if (isAutoResolvedIncident(incident, autoResolveThresholdMs)) {
      autoResolved++;
      candidates.add(incident);
    }
  }
  return {
    summary: {
      incidents: incidents.length,
      noiseCandidates: candidates.size,
      noiseRatio: incidents.length ? candidates.size / incidents.length : null,
      autoResolved,
      neverAcknowledged,
      flappingRuns: runs.length,
      flappingIncidents: flapping.size,
      autoResolveThresholdMs,
    },
    candidates,
  };
}

/**
 * Alert noise of the given incidents (all urgencies): a noise candidate is an
 * incident that was never acknowledged and resolved within
 * `autoResolveThresholdMs` of its creation (inclusive; default 5 minutes), or
 * that is part of a flapping run (see `findFlappingRuns`). Incidents whose
 * `createdAt` cannot be read are ignored; the caller selects the window.
 *
 * @public
 */
export function computeNoise(
  incidents: Incident[],
  options: NoiseOptions = {},
): NoiseSummary {
  return noiseOf(normalizeIncidents(incidents).valid, options).summary;
}
