import { chunk } from './chunk';

describe('chunk', () => {
  it.each<[string, number[], number, number[][]]>([
    ['no items', [], 3, []],
    ['fewer items than the size', [1, 2], 3, [[1, 2]]],
    ['exactly the size', [1, 2, 3], 3, [[1, 2, 3]]],
    ['a shorter last part', [1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
    ['parts of one', [1, 2, 3], 1, [[1], [2], [3]]],
    [
      'whole multiples',
      [1, 2, 3, 4],
      2,
      [
        [1, 2],
        [3, 4],
      ],
    ],
  ])('%s', (_name, items, size, expected) => {
    expect(chunk(items, size)).toEqual(expected);
  });

  it('does not change the input', () => {
    const items = Object.freeze([1, 2, 3]);
    expect(chunk(items, 2)).toEqual([[1, 2], [3]]);
    expect(items).toEqual([1, 2, 3]);
  });

  it.each([0, -1, 1.5, NaN, Infinity])('refuses a size of %p', size => {
    expect(() => chunk([1, 2], size)).toThrow(RangeError);
  });
});
