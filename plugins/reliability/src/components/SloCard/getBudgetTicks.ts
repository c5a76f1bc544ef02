const MAX_STEPS = 6;

function niceStep(range: number): number {
  for (let magnitude = 10; ; magnitude *= 10) {
    for (const factor of [1, 2, 2.5, 5]) {
      const step = factor * magnitude;
      if (range / step <= MAX_STEPS) {
        return step;
      }
    }
  }
}

/**
 * The y axis ticks of the burn-down chart, in percent: always covering 0%
 * and 100%, at a round step (10, 20, 25, 50, 100, ...), at most 7 ticks.
 */
export function getBudgetTicks(values: Array<number | null>): number[] {
  const numbers = values.filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  );
  const min = Math.min(0, ...numbers);
  const max = Math.max(100, ...numbers);
  const step = niceStep(max - min);
  const ticks: number[] = [];
  for (
    let tick = Math.floor(min / step) * step;
    tick < max + step;
    tick += step
  ) {
    ticks.push(tick);
  }
  return ticks;
}
