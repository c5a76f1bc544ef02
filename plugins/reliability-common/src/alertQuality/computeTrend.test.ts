import { computeTrend } from './computeTrend';

describe('computeTrend', () => {
  it.each([
    [5, 3, 'lower-is-better', 2, 'up', false],
    [3, 5, 'lower-is-better', -2, 'down', true],
    [0.75, 0.5, 'higher-is-better', 0.25, 'up', true],
    [0.5, 0.75, 'higher-is-better', -0.25, 'down', false],
    [4, 4, 'lower-is-better', 0, 'flat', null],
    [0, 0, 'higher-is-better', 0, 'flat', null],
    [0.1 + 0.2, 0.3, 'lower-is-better', 0, 'flat', null],
    [null, 3, 'lower-is-better', null, 'unknown', null],
    [3, null, 'higher-is-better', null, 'unknown', null],
    [null, null, 'lower-is-better', null, 'unknown', null],
  ] as const)(
    'current %p, previous %p, %s: delta %p, %s, better %p',
    (current, previous, polarity, delta, direction, better) => {
      expect(computeTrend(current, previous, polarity)).toEqual({
        current,
        previous,
        delta,
        direction,
        better,
      });
    },
  );
});
