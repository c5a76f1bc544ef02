import {
  DEFAULT_TIERS,
  EntityReliability,
  ReliabilitySection,
  SLO_BURN_RATE_WINDOWS,
  SloHistoryResponse,
  SloSnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The burn rates of a 99.9% SLO over 5m, 30m, 1h, 2h, 6h, 1d and 3d, in that
 * order, with their error ratios (burn rate × 0.1%), for tests.
 */
export function createBurnRates(burnRates: number[]): SloSnapshot['burnRates'] {
  return burnRates.map((burnRate, i) => ({
    window: SLO_BURN_RATE_WINDOWS[i],
    // Rounded, so that 14.4 gives 0.0144 and not 0.014400000000000001.
    errorRatio: Math.round(burnRate * 1e6) / 1e9,
    burnRate,
  }));
}

/**
 * A healthy 99.9% / 28d SLO with traffic, for tests; override what matters.
 */
export function createSloSnapshot(
  overrides: Partial<SloSnapshot> = {},
): SloSnapshot {
  const now = Date.now();
  return {
    id: 'availability',
    name: 'availability',
    displayName: 'Checkout availability',
    origin: 'spec',
    format: 'openslo/v1',
    file: 'slos/checkout.yaml',
    instance: 'default',
    objective: 0.999,
    window: { kind: 'rolling', duration: '28d', ms: 28 * DAY_MS },
    windowLabel: '28d rolling',
    budgetingMethod: 'Occurrences',
    windowStart: new Date(now - 28 * DAY_MS).toISOString(),
    windowEnd: new Date(now).toISOString(),
    sli: 0.9995,
    budgetConsumed: 0.5,
    budgetRemaining: 0.5,
    burnRates: createBurnRates([0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.5]),
    alertThresholds: [
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        budgetShare: 0.02,
        threshold: 13.44,
      },
      {
        severity: 'page',
        longWindow: '6h',
        shortWindow: '30m',
        budgetShare: 0.05,
        threshold: 5.6,
      },
      {
        severity: 'ticket',
        longWindow: '1d',
        shortWindow: '2h',
        budgetShare: 0.1,
        threshold: 2.8,
      },
      {
        severity: 'ticket',
        longWindow: '3d',
        shortWindow: '6h',
        budgetShare: 0.1,
        threshold: 0.9333333333333333,
      },
    ],
    alerts: { page: false, ticket: false, firing: [] },
    forecast: {
      status: 'forecast',
      exhaustsAt: new Date(now + 28 * DAY_MS).toISOString(),
      msToExhaustion: 28 * DAY_MS,
      windowEnd: new Date(now + 28 * DAY_MS).toISOString(),
      beforeWindowEnd: false,
    },
    status: 'healthy',
    computedAt: new Date(now - 5 * 60 * 1000).toISOString(),
    stale: false,
    links: [
      { title: 'Prometheus', url: 'https://prometheus.example.com/graph' },
    ],
    demo: false,
    ...overrides,
  };
}

/**
 * The SLO section of an entity, for tests.
 */
export function createSloSection(
  overrides: Partial<ReliabilitySection<SloSnapshot>> = {},
): ReliabilitySection<SloSnapshot> {
  return {
    status: 'ok',
    items: [],
    problems: [],
    demo: false,
    computedAt: new Date(Date.now() - 5 * 60 * 1000).toISOString(),
    stale: false,
    ...overrides,
  };
}

function notCollected<T>(): ReliabilitySection<T> {
  return {
    status: 'not-collected',
    items: [],
    problems: [],
    demo: false,
    computedAt: null,
    stale: false,
  };
}

/**
 * The reliability data of `component:default/checkout`, for tests.
 */
export function createEntityReliability(
  overrides: Partial<EntityReliability> = {},
): EntityReliability {
  return {
    entityRef: 'component:default/checkout',
    tier: {
      status: 'ok',
      tier: DEFAULT_TIERS[0],
      source: { from: 'annotation', key: 'reliability-kit.io/tier' },
    },
    sloStatus: 'no-slo',
    sections: {
      slos: notCollected(),
      alertQuality: notCollected(),
      readiness: notCollected(),
      scorecards: notCollected(),
    },
    ...overrides,
  };
}

/**
 * The reliability data of `component:default/checkout` with these SLOs (each
 * a {@link createSloSnapshot} override) in a collected SLO section, for tests.
 */
export function createReliabilityWithSlos(
  slos: Array<Partial<SloSnapshot>>,
  overrides: {
    sloStatus?: EntityReliability['sloStatus'];
    section?: Partial<ReliabilitySection<SloSnapshot>>;
  } = {},
): EntityReliability {
  const reliability = createEntityReliability();
  return {
    ...reliability,
    sloStatus: overrides.sloStatus ?? reliability.sloStatus,
    sections: {
      ...reliability.sections,
      slos: createSloSection({
        items: slos.map(slo => createSloSnapshot(slo)),
        ...overrides.section,
      }),
    },
  };
}

/**
 * A daily history of `days` points going from 100% to `last` remaining, for
 * tests.
 */
export function createSloHistory(
  days: number,
  last = -0.5,
): SloHistoryResponse {
  const now = Date.now();
  const points = Array.from({ length: days }, (_, i) => ({
    at: new Date(now - (days - 1 - i) * DAY_MS).toISOString(),
    objective: 0.999,
    sli: 0.999,
    budgetRemaining: days > 1 ? 1 + ((last - 1) * i) / (days - 1) : last,
    status: 'healthy' as const,
  }));
  return {
    entityRef: 'component:default/checkout',
    sloId: 'availability',
    from: new Date(now - days * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
    points,
  };
}
