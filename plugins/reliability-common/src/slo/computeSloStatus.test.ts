import { ErrorBudget } from './computeErrorBudget';
import {
  computeSloStatus,
  EntitySloStatus,
  SloStatus,
  worstSloStatus,
} from './computeSloStatus';
import { SloBurnRateAlertState } from './evaluateBurnRateAlerts';
import { BudgetExhaustionForecast } from './forecastBudgetExhaustion';

function budget(remaining: number): ErrorBudget {
  const consumed = 1 - remaining;
  return {
    state: 'ok',
    objective: 0.999,
    sli: 1 - consumed * 0.001,
    errorRatio: consumed * 0.001,
    consumed,
    remaining,
    good: 0,
    total: 0,
  };
}
const noData: ErrorBudget = {
  state: 'no-data',
  objective: 0.999,
  reason: 'no events',
};
const invalid: ErrorBudget = {
  state: 'invalid',
  objective: 0.999,
  reason: 'bad',
};
const quiet: SloBurnRateAlertState = { page: false, ticket: false, firing: [] };
const paging: SloBurnRateAlertState = { page: true, ticket: false, firing: [] };
const ticketing: SloBurnRateAlertState = {
  page: false,
  ticket: true,
  firing: [],
};
const soon: BudgetExhaustionForecast = {
  status: 'forecast',
  exhaustsAt: '2024-03-05T00:00:00.000Z',
  msToExhaustion: 1,
  windowEnd: '2024-03-31T00:00:00.000Z',
  beforeWindowEnd: true,
};
const late: BudgetExhaustionForecast = { ...soon, beforeWindowEnd: false };

describe('computeSloStatus', () => {
  it.each<
    [
      string,
      ErrorBudget,
      SloBurnRateAlertState | undefined,
      BudgetExhaustionForecast | undefined,
      number | undefined,
      SloStatus,
    ]
  >([
    ['plenty left', budget(0.5), quiet, late, undefined, 'healthy'],
    [
      'nothing else known',
      budget(0.9),
      undefined,
      undefined,
      undefined,
      'healthy',
    ],
    ['exactly spent', budget(0), quiet, undefined, undefined, 'breaching'],
    ['overspent', budget(-1), quiet, undefined, undefined, 'breaching'],
    [
      'page alert with budget left',
      budget(0.9),
      paging,
      undefined,
      undefined,
      'breaching',
    ],
    ['ticket alert', budget(0.9), ticketing, undefined, undefined, 'at-risk'],
    ['below 25% left', budget(0.2), quiet, undefined, undefined, 'at-risk'],
    ['exactly 25% left', budget(0.25), quiet, undefined, undefined, 'healthy'],
    ['below a configured 50%', budget(0.4), quiet, undefined, 0.5, 'at-risk'],
    [
      'runs out before the window ends',
      budget(0.9),
      quiet,
      soon,
      undefined,
      'at-risk',
    ],
    ['no traffic', noData, undefined, undefined, undefined, 'no-data'],
    [
      'no traffic, even with a stale page',
      noData,
      paging,
      undefined,
      undefined,
      'no-data',
    ],
    ['invalid counts', invalid, undefined, undefined, undefined, 'no-data'],
  ])('%s: %s', (_name, b, alerts, forecast, atRiskRemainingShare, expected) => {
    expect(
      computeSloStatus({ budget: b, alerts, forecast, atRiskRemainingShare }),
    ).toBe(expected);
  });

  it.each([[-0.1], [1.5], [NaN]])('rejects at-risk share %p', share => {
    expect(() =>
      computeSloStatus({ budget: budget(0.5), atRiskRemainingShare: share }),
    ).toThrow(/between 0 and 1/);
  });
});

describe('worstSloStatus', () => {
  it.each<[SloStatus[], EntitySloStatus]>([
    [[], 'no-slo'],
    [['healthy'], 'healthy'],
    [['healthy', 'no-data'], 'no-data'],
    [['no-data', 'healthy'], 'no-data'],
    [['no-data', 'at-risk', 'healthy'], 'at-risk'],
    [['healthy', 'breaching', 'at-risk'], 'breaching'],
    [['breaching', 'no-data'], 'breaching'],
  ])('%j is %s', (statuses, expected) => {
    expect(worstSloStatus(statuses)).toBe(expected);
  });
});
