import { earliestImpactStart, findImpactStart } from './impactStart';

const MIN = 60_000;
const series = (rates: Array<number | null>) =>
  rates.map((burnRate, i) => ({ at: i * MIN, burnRate }));

describe('findImpactStart', () => {
  it.each<[string, Array<number | null>, number, number | null]>([
    [
      'breach starting at minute 3, incident at minute 6',
      [0.5, 0.4, 0.9, 2, 5, 8, 12],
      6 * MIN,
      3 * MIN,
    ],
    ['exactly 1 is not above 1', [0.5, 1, 1, 2, 3], 4 * MIN, 3 * MIN],
    ['not breaching at the incident: unknown', [0.5, 3, 3, 0.5], 3 * MIN, null],
    [
      'breaching from the first sample: unknown (began earlier)',
      [2, 3, 4],
      2 * MIN,
      null,
    ],
    [
      'a gap without data interrupts the run',
      [0.1, 2, null, 3, 4],
      4 * MIN,
      3 * MIN,
    ],
    [
      'samples after the creation are ignored',
      [0.1, 2, 3, 0.1, 0.1],
      2 * MIN,
      1 * MIN,
    ],
    ['NaN is not a breach', [0.1, Number.NaN, 2], 2 * MIN, 2 * MIN],
    ['no samples: unknown', [], 0, null],
    ['no data at the incident: unknown', [0.1, 2, null], 2 * MIN, null],
  ])('%s', (_name, rates, created, expected) => {
    expect(findImpactStart(series(rates), created)).toBe(expected);
  });

  it('picks the earliest known start across SLOs', () => {
    expect(earliestImpactStart([null, 5, 3])).toBe(3);
    expect(earliestImpactStart([null, null])).toBeNull();
  });
});
