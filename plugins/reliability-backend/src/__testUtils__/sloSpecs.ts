import { SloSpec } from '@reliability-kit/backstage-plugin-reliability-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A parsed ratio SLO `id`: 99.9% of `http_requests_total` not 5xx over a
 * rolling 28 days, counted by occurrences, from an OpenSLO file; `over` sets
 * any other field.
 */
export const testSloSpec = (
  id: string,
  over: Partial<SloSpec> = {},
): SloSpec => ({
  id,
  name: id,
  objective: 0.999,
  window: { kind: 'rolling', duration: '28d', ms: 28 * DAY_MS },
  budgetingMethod: 'Occurrences',
  indicator: {
    kind: 'ratio',
    bad: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    total: 'sum(rate(http_requests_total[{{.window}}]))',
  },
  source: { format: 'openslo/v1' },
  ...over,
});
