import { computeDurationStats } from './computeDurationStats';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('computeDurationStats', () => {
  it.each([
    {
      name: 'empty: all null, never NaN or 0',
      input: [],
      expected: {
        n: 0,
        medianMs: null,
        p90Ms: null,
        meanMs: null,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'n=1: p90 is the only value',
      input: [5],
      expected: {
        n: 1,
        medianMs: 5,
        p90Ms: 5,
        meanMs: 5,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'odd n=3: middle value; p90 rank ceil(2.7)=3',
      input: [3, 1, 2],
      expected: {
        n: 3,
        medianMs: 2,
        p90Ms: 3,
        meanMs: 2,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'even n=4: mean of the two middle values',
      input: [4, 1, 3, 2],
      expected: {
        n: 4,
        medianMs: 2.5,
        p90Ms: 4,
        meanMs: 2.5,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'n=10: p90 is the 9th smallest',
      input: [100, 10, 90, 20, 80, 30, 70, 40, 60, 50],
      expected: {
        n: 10,
        medianMs: 55,
        p90Ms: 90,
        meanMs: 55,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'n=11: p90 is the 10th smallest (ceil 9.9)',
      input: range(1, 11).reverse(),
      expected: {
        n: 11,
        medianMs: 6,
        p90Ms: 10,
        meanMs: 6,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'n=20: p90 is the 18th smallest',
      input: range(1, 20),
      expected: {
        n: 20,
        medianMs: 10.5,
        p90Ms: 18,
        meanMs: 10.5,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'n=30: p90 is the 27th smallest',
      input: range(1, 30),
      expected: {
        n: 30,
        medianMs: 15.5,
        p90Ms: 27,
        meanMs: 15.5,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'zero durations count',
      input: [0, 0],
      expected: {
        n: 2,
        medianMs: 0,
        p90Ms: 0,
        meanMs: 0,
        dataQualityIssues: 0,
      },
    },
    {
      name: 'negative durations are left out and counted',
      input: [-5, 10, 20],
      expected: {
        n: 2,
        medianMs: 15,
        p90Ms: 20,
        meanMs: 15,
        dataQualityIssues: 1,
      },
    },
    {
      name: 'only bad durations: null, counted',
      input: [-1, NaN, Infinity],
      expected: {
        n: 0,
        medianMs: null,
        p90Ms: null,
        meanMs: null,
        dataQualityIssues: 3,
      },
    },
  ])('$name', ({ input, expected }) => {
    expect(computeDurationStats(input)).toEqual(expected);
  });

  it('does not reorder its input', () => {
    const input = [3, 1, 2];
    computeDurationStats(input);
    expect(input).toEqual([3, 1, 2]);
  });
});
