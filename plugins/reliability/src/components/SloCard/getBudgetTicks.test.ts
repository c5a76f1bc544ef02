import { getBudgetTicks } from './getBudgetTicks';

describe('getBudgetTicks', () => {
  it.each([
    [
      [50, 80],
      [0, 20, 40, 60, 80, 100],
    ],
    [
      [100, -250],
      [-300, -200, -100, 0, 100],
    ],
    [
      [null, 42.1],
      [0, 20, 40, 60, 80, 100],
    ],
    [[], [0, 20, 40, 60, 80, 100]],
    [
      [100, -25],
      [-25, 0, 25, 50, 75, 100],
    ],
    [[-99900], [-100000, -80000, -60000, -40000, -20000, 0, 20000]],
  ])('ticks of %p are %p', (values, ticks) => {
    expect(getBudgetTicks(values)).toEqual(ticks);
  });
});
