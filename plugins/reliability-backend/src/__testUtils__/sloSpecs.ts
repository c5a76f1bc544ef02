import {
  SloSpec,
  SloThresholdOperator,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { DAY } from './time';

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
  window: { kind: 'rolling', duration: '28d', ms: 28 * DAY },
  budgetingMethod: 'Occurrences',
  indicator: {
    kind: 'ratio',
    bad: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    total: 'sum(rate(http_requests_total[{{.window}}]))',
  },
  source: { format: 'openslo/v1' },
  ...over,
});

/**
 * The fields of a timeslices SLO: 95% of the 5-minute slices good, a slice
 * good when `query` `operator` 0.3 (a latency in seconds).
 */
export const timeslicesFields = (
  query: string,
  operator: SloThresholdOperator,
): Partial<SloSpec> => ({
  budgetingMethod: 'Timeslices',
  timeslice: { target: 0.95, window: '5m', windowMs: 300000 },
  indicator: { kind: 'threshold', query, operator, value: 0.3 },
});
