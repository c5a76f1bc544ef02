import { getDurationTicks } from './getDurationTicks';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('getDurationTicks', () => {
  it.each([
    [
      [4 * M + 30 * S, 25 * M],
      [0, 5 * M, 10 * M, 15 * M, 20 * M, 25 * M],
    ],
    [[26 * M], [0, 10 * M, 20 * M, 30 * M]],
    [[20 * M], [0, 5 * M, 10 * M, 15 * M, 20 * M]],
    [
      [9 * H, 2 * H],
      [0, 2 * H, 4 * H, 6 * H, 8 * H, 10 * H],
    ],
    [[45 * S], [0, 10 * S, 20 * S, 30 * S, 40 * S, 50 * S]],
    [[3 * S], [0, S, 2 * S, 3 * S]],
    [[400 * D], [0, 80 * D, 160 * D, 240 * D, 320 * D, 400 * D]],
    [
      [null, undefined, NaN, -1, 0],
      [0, S],
    ],
    [[], [0, S]],
  ])('%p gives %p', (values, ticks) => {
    expect(getDurationTicks(values)).toEqual(ticks);
  });
});
