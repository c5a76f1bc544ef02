import { isGoodTimeslice, meetsThreshold } from './meetsThreshold';
import { SloThresholdOperator } from './types';

describe('meetsThreshold', () => {
  it.each<[number | null | undefined, SloThresholdOperator, number, boolean]>([
    [0.25, 'lte', 0.3, true],
    [0.3, 'lte', 0.3, true],
    [0.31, 'lte', 0.3, false],
    [0.3, 'lt', 0.3, false],
    [0.29, 'lt', 0.3, true],
    [0.3, 'gte', 0.3, true],
    [0.29, 'gte', 0.3, false],
    [0.3, 'gt', 0.3, false],
    [0.31, 'gt', 0.3, true],
    [null, 'lte', 0.3, false],
    [undefined, 'gte', 0.3, false],
    [NaN, 'lte', 0.3, false],
    [-Infinity, 'lte', 0.3, false],
  ])('%p %s %p is %p', (value, operator, threshold, expected) => {
    expect(meetsThreshold(value, operator, threshold)).toBe(expected);
  });
});

describe('isGoodTimeslice', () => {
  it.each([
    [0.96, 0.95, true],
    [0.95, 0.95, true],
    [0.9499, 0.95, false],
    [NaN, 0.95, false],
  ])('a slice at %p against %p is good: %p', (ratio, target, expected) => {
    expect(isGoodTimeslice(ratio, target)).toBe(expected);
  });
});
