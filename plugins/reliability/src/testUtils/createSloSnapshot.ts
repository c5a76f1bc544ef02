import {
  DEFAULT_TIERS,
  EntityReliability,
  ReliabilitySection,
  SloHistoryResponse,
  SloSnapshot,
} from '@reliability-kit/backstage-plugin-reliability-common';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

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
    burnRates: [
      { window: '5m', errorRatio: 0.0002, burnRate: 0.2 },
      { window: '30m', errorRatio: 0.0003, burnRate: 0.3 },
      { window: '1h', errorRatio: 0.0004, burnRate: 0.4 },
      { window: '2h', errorRatio: 0.0005, burnRate: 0.5 },
      { window: '6h', errorRatio: 0.0005, burnRate: 0.5 },
      { window: '1d', errorRatio: 0.0005, burnRate: 0.5 },
      { window: '3d', errorRatio: 0.0005, burnRate: 0.5 },
    ],
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
