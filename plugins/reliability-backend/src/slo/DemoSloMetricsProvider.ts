import {
  SloMeasureRangeRequest,
  SloMeasureRequest,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import {
  SloMeasurement,
  SloSpec,
  getErrorBudgetFraction,
} from '@reliability-kit/backstage-plugin-reliability-common';

/** How a demo SLO behaves. */
export type DemoSloProfile = 'healthy' | 'at-risk' | 'breaching' | 'no-data';

const DEMO_PROFILES: DemoSloProfile[] = [
  'healthy',
  'at-risk',
  'breaching',
  'no-data',
];

/** Error ratio as a share of the error budget, per profile. */
const BASE_BUDGET_SHARE: Record<DemoSloProfile, number> = {
  healthy: 0.25,
  'at-risk': 0.65,
  breaching: 1.0,
  'no-data': 0,
};

/**
 * Recurring incidents: every 6.5 days a 3-hour incident burning this many
 * times the budget rate. Over a 30-day window they add about 0.15 (at-risk)
 * or 0.2 (breaching) of the budget, and the burn-down moves as incidents
 * enter and leave the window.
 */
const INCIDENT_BUDGET_RATE: Record<DemoSloProfile, number> = {
  healthy: 0,
  'at-risk': 8,
  breaching: 12,
  'no-data': 0,
};
const INCIDENT_PERIOD_MS = 6.5 * 24 * 60 * 60 * 1000;
const INCIDENT_MS = 3 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const AMPLITUDE = 0.3;
const REQUESTS_PER_SECOND = 20;
const SPIKE_MS = 75 * 60 * 1000;
const SPIKE_BUDGET_SHARE = 20;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * Deterministic synthetic SLO data for trying the suite without Prometheus:
 * the same entity, SLO and time always give the same numbers. Each SLO gets a
 * profile, from `reliability.demo.sloProfiles` or else from a hash of its
 * entity and id. The error ratio follows a daily wave around a share of the
 * budget (healthy 25%, at-risk 65%, breaching 100%), at-risk and breaching
 * SLOs have a 3-hour incident every 6.5 days, and breaching SLOs also have a
 * sharp spike over the last 75 minutes, so their page alert fires.
 */
export class DemoSloMetricsProvider implements SloMetricsProvider {
  readonly id = 'demo';

  constructor(private readonly profiles: Record<string, DemoSloProfile> = {}) {}

  static isProfile(value: string): value is DemoSloProfile {
    return (DEMO_PROFILES as string[]).includes(value);
  }

  profileOf(entityRef: string, sloId: string): DemoSloProfile {
    return (
      this.profiles[`${entityRef}#${sloId}`] ??
      this.profiles[entityRef] ??
      DEMO_PROFILES[hash(`${entityRef}#${sloId}`) % 3]
    );
  }

  /** Mean error ratio over [start, end). */
  private meanErrorRatio(
    profile: DemoSloProfile,
    slo: SloSpec,
    start: number,
    end: number,
    anchor: number,
  ): number {
    const budget = getErrorBudgetFraction(slo.objective);
    const base = budget * BASE_BUDGET_SHARE[profile];
    const length = end - start;
    const k = (2 * Math.PI) / DAY_MS;
    // mean of base * (1 + A sin(k t)) over [start, end)
    const wave =
      1 +
      (AMPLITUDE / (k * length)) * (Math.cos(k * start) - Math.cos(k * end));
    let ratio = base * wave;
    const incidentRate = INCIDENT_BUDGET_RATE[profile];
    if (incidentRate > 0) {
      const offset = (hash(slo.id) % 120) * 60 * 60 * 1000;
      let overlap = 0;
      const first = Math.floor(
        (start - offset - INCIDENT_MS) / INCIDENT_PERIOD_MS,
      );
      const last = Math.floor((end - offset) / INCIDENT_PERIOD_MS);
      for (let n = first; n <= last; n++) {
        const from = n * INCIDENT_PERIOD_MS + offset;
        overlap += Math.max(
          0,
          Math.min(end, from + INCIDENT_MS) - Math.max(start, from),
        );
      }
      ratio += (budget * incidentRate * overlap) / length;
    }
    if (profile === 'breaching') {
      const overlap = Math.max(
        0,
        Math.min(end, anchor) - Math.max(start, anchor - SPIKE_MS),
      );
      ratio += (budget * SPIKE_BUDGET_SHARE * overlap) / length;
    }
    return Math.min(1, Math.max(0, ratio));
  }

  private measureAt(
    request: { entityRef: string; slo: SloSpec },
    windowMs: number,
    at: number,
    anchor: number,
  ): SloMeasurement {
    const profile = this.profileOf(request.entityRef, request.slo.id);
    if (profile === 'no-data') {
      return { kind: 'events', good: 0, total: 0 };
    }
    const total = Math.round((REQUESTS_PER_SECOND * windowMs) / 1000);
    const ratio = this.meanErrorRatio(
      profile,
      request.slo,
      at - windowMs,
      at,
      anchor,
    );
    return { kind: 'events', bad: Math.round(total * ratio), total };
  }

  async measure(
    request: SloMeasureRequest,
  ): Promise<Map<number, SloMeasurement>> {
    const at = request.at.getTime();
    return new Map(
      request.windowsMs.map(w => [w, this.measureAt(request, w, at, at)]),
    );
  }

  async measureRange(
    request: SloMeasureRangeRequest,
  ): Promise<Array<{ at: Date; measurement: SloMeasurement | null }>> {
    const points: Array<{ at: Date; measurement: SloMeasurement | null }> = [];
    const step = request.stepSeconds * 1000;
    const end = request.end.getTime();
    for (let t = request.start.getTime(); t <= end; t += step) {
      points.push({
        at: new Date(t),
        measurement: this.measureAt(request, request.windowMs, t, end),
      });
    }
    return points;
  }
}
