import { SloEventCounts } from './computeSli';
import {
  computeErrorBudget,
  computeTimesliceErrorBudget,
} from './computeErrorBudget';
import { createSloHistoryPoint } from './createSloHistoryPoint';
import {
  getErrorBudgetFraction,
  percentToFraction,
  validateSloObjective,
} from './getErrorBudgetFraction';

describe('computeErrorBudget', () => {
  it.each<[string, SloEventCounts, number, number, number, number]>([
    // name, counts, objective, sli, consumed, remaining
    [
      'half spent',
      { good: 999_500, total: 1_000_000 },
      0.999,
      0.9995,
      0.5,
      0.5,
    ],
    ['perfect', { good: 1_000, total: 1_000 }, 0.999, 1, 0, 1],
    ['exactly spent', { good: 999_000, total: 1_000_000 }, 0.999, 0.999, 1, 0],
    [
      'overspent twice',
      { good: 998_000, total: 1_000_000 },
      0.999,
      0.998,
      2,
      -1,
    ],
    ['all errors at 99.9%', { good: 0, total: 1_000 }, 0.999, 0, 1000, -999],
    ['all errors at 99%', { good: 0, total: 50 }, 0.99, 0, 100, -99],
    ['all errors at 99.99%', { bad: 7, total: 7 }, 0.9999, 0, 10_000, -9_999],
    [
      'given as bad events',
      { bad: 250, total: 100_000 },
      0.99,
      0.9975,
      0.25,
      0.75,
    ],
    ['single event, bad', { bad: 1, total: 1 }, 0.5, 0, 2, -1],
    ['fractional counts', { good: 7.5, total: 10 }, 0.5, 0.75, 0.5, 0.5],
    [
      'good above total by counter noise',
      { good: 1_000_000.0000001, total: 1_000_000 },
      0.999,
      1,
      0,
      1,
    ],
    [
      'bad slightly negative by counter noise',
      { bad: -1e-7, total: 1_000_000 },
      0.999,
      1,
      0,
      1,
    ],
  ])('%s', (_name, counts, objective, sli, consumed, remaining) => {
    const budget = computeErrorBudget(counts, objective);
    expect(budget.state).toBe('ok');
    if (budget.state !== 'ok') return;
    expect(budget.objective).toBe(objective);
    expect(budget.sli).toBeCloseTo(sli, 12);
    expect(budget.errorRatio).toBeCloseTo(1 - sli, 12);
    expect(budget.consumed).toBeCloseTo(consumed, 12);
    expect(budget.remaining).toBeCloseTo(remaining, 12);
  });

  it.each<[string, SloEventCounts, 'no-data' | 'invalid', RegExp]>([
    ['zero traffic', { good: 0, total: 0 }, 'no-data', /no events/],
    ['zero traffic as bad', { bad: 0, total: 0 }, 'no-data', /no events/],
    [
      'negative good',
      { good: -1, total: 10 },
      'invalid',
      /good must not be negative/,
    ],
    [
      'negative bad',
      { bad: -3, total: 10 },
      'invalid',
      /bad must not be negative/,
    ],
    [
      'negative total',
      { good: 0, total: -5 },
      'invalid',
      /total must not be negative/,
    ],
    [
      'good above total',
      { good: 11, total: 10 },
      'invalid',
      /must not exceed total/,
    ],
    [
      'good without traffic',
      { good: 5, total: 0 },
      'invalid',
      /must not exceed total/,
    ],
    ['NaN good', { good: NaN, total: 10 }, 'invalid', /finite/],
    ['infinite total', { good: 1, total: Infinity }, 'invalid', /finite/],
    ['infinite bad', { bad: Infinity, total: 10 }, 'invalid', /finite/],
    [
      'both good and bad',
      { good: 1, bad: 1, total: 2 } as unknown as SloEventCounts,
      'invalid',
      /exactly one of good and bad/,
    ],
    [
      'neither good nor bad',
      { total: 2 } as unknown as SloEventCounts,
      'invalid',
      /exactly one of good and bad/,
    ],
  ])('%s is %s, never a number', (_name, counts, state, reason) => {
    const budget = computeErrorBudget(counts, 0.999);
    expect(budget).toEqual({
      state,
      objective: 0.999,
      reason: expect.stringMatching(reason),
    });
    expect(budget).not.toHaveProperty('remaining');
    const numbers = Object.values(budget).filter(v => typeof v === 'number');
    expect(numbers).toEqual([0.999]); // only the objective
  });

  it.each([
    [1, /SLO objective must be below 1 \(100% leaves no error budget\)/],
    [0, /SLO objective must be above 0, got 0/],
    [-0.5, /SLO objective must be above 0/],
    [
      99.9,
      /SLO objective must be a fraction below 1 \(e\.g\. 0\.999 for 99\.9%\), got 99\.9/,
    ],
    [1.0000001, /must be a fraction below 1/],
    [NaN, /SLO objective must be a number/],
    [Infinity, /SLO objective must be a number/],
    [1 - 1e-17, /below 1 \(100% leaves no error budget\)/],
  ])('rejects objective %p', (objective, message) => {
    expect(() => validateSloObjective(objective)).toThrow(message);
    expect(() => computeErrorBudget({ good: 1, total: 1 }, objective)).toThrow(
      message,
    );
    expect(() =>
      computeTimesliceErrorBudget(
        { goodSlices: 1, slicesWithData: 1 },
        objective,
      ),
    ).toThrow(message);
  });

  it.each([
    [0.999, 0.001],
    [0.99, 0.01],
    [0.9999, 0.0001],
    [0.99999, 0.00001],
    [0.95, 0.05],
    [percentToFraction(99.9), 0.001],
    [percentToFraction(99.95), 0.0005],
  ])('the budget of %p is exactly %p', (objective, budget) => {
    expect(getErrorBudgetFraction(objective)).toBe(budget);
  });

  it.each([
    [99.9, 0.999],
    [99.95, 0.9995],
    [99, 0.99],
    [95.5, 0.955],
  ])('percentToFraction(%p) is exactly %p', (percent, fraction) => {
    expect(percentToFraction(percent)).toBe(fraction);
  });
});

describe('computeTimesliceErrorBudget', () => {
  it.each([
    // goodSlices, slicesWithData, objective, sli, consumed, remaining
    [995, 1000, 0.99, 0.995, 0.5, 0.5],
    [990, 1000, 0.99, 0.99, 1, 0],
    [8064, 8064, 0.999, 1, 0, 1],
    [0, 4, 0.75, 0, 4, -3],
  ])(
    '%d good of %d slices against %p',
    (goodSlices, slicesWithData, objective, sli, consumed, remaining) => {
      const budget = computeTimesliceErrorBudget(
        { goodSlices, slicesWithData },
        objective,
      );
      expect(budget.state).toBe('ok');
      if (budget.state !== 'ok') return;
      expect(budget.sli).toBeCloseTo(sli, 12);
      expect(budget.consumed).toBeCloseTo(consumed, 12);
      expect(budget.remaining).toBeCloseTo(remaining, 12);
    },
  );

  it.each([
    [0, 0, 'no-data'],
    [5, 4, 'invalid'],
    [1.5, 4, 'invalid'],
    [-1, 4, 'invalid'],
  ])('%p good of %p slices is %s', (goodSlices, slicesWithData, state) => {
    expect(
      computeTimesliceErrorBudget({ goodSlices, slicesWithData }, 0.99).state,
    ).toBe(state);
  });
});

describe('changed objectives', () => {
  const counts = { good: 999_000, total: 1_000_000 };

  it.each([
    // objective, remaining for the same counts
    [0.99, 0.9],
    [0.995, 0.8],
    [0.999, 0],
    [0.9995, -1],
    [0.9999, -9],
  ])('the same counts against %p leave %p', (objective, remaining) => {
    const budget = computeErrorBudget(counts, objective);
    expect(budget.state === 'ok' && budget.remaining).toBeCloseTo(
      remaining,
      12,
    );
  });

  it('keeps the objective a history point was computed with', () => {
    // Yesterday the spec said 99%, today it says 99.9%.
    const old = createSloHistoryPoint(
      '2024-03-01T00:00:00Z',
      computeErrorBudget(counts, 0.99),
    );
    const current = computeErrorBudget(counts, 0.999);

    expect(old).toEqual({
      at: '2024-03-01T00:00:00.000Z',
      objective: 0.99,
      state: 'ok',
      sli: 0.999,
      errorBudgetRemaining: expect.closeTo(0.9, 12),
      good: 999_000,
      total: 1_000_000,
    });
    expect(current.state === 'ok' && current.remaining).toBeCloseTo(0, 12);
    // Re-reading the old point with the current objective works too.
    const recomputed = computeErrorBudget(
      { good: old.good!, total: old.total! },
      current.objective,
    );
    expect(recomputed.state === 'ok' && recomputed.remaining).toBeCloseTo(
      0,
      12,
    );
  });

  it('stores no-data points without numbers', () => {
    expect(
      createSloHistoryPoint(
        new Date('2024-03-01T00:00:00Z'),
        computeErrorBudget({ good: 0, total: 0 }, 0.999),
      ),
    ).toEqual({
      at: '2024-03-01T00:00:00.000Z',
      objective: 0.999,
      state: 'no-data',
      sli: null,
      errorBudgetRemaining: null,
      good: null,
      total: null,
    });
  });

  it('rejects an invalid time', () => {
    expect(() =>
      createSloHistoryPoint('yesterday', computeErrorBudget(counts, 0.999)),
    ).toThrow(/valid Date or ISO 8601/);
  });
});
