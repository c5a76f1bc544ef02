import { compareKeys } from './compareKeys';

describe('compareKeys', () => {
  it.each([
    ['a', 'a', 0],
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['B', 'a', -1],
    [null, null, 0],
    [null, 'a', 1],
    ['a', null, -1],
  ] as const)('compareKeys(%p, %p) is %p', (a, b, expected) => {
    expect(compareKeys(a, b)).toBe(expected);
  });

  it('sorts code-unit order with null last', () => {
    expect(['b', null, 'A', 'a'].sort(compareKeys)).toEqual([
      'A',
      'a',
      'b',
      null,
    ]);
  });
});
