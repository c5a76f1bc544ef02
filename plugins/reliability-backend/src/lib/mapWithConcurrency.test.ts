import { mapWithConcurrency } from './mapWithConcurrency';

/** A promise with its resolve function, to finish calls in a chosen order. */
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
};

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it('returns an empty array for no items without calling fn', async () => {
    const fn = jest.fn(async (x: number) => x);
    await expect(mapWithConcurrency([], 4, fn)).resolves.toEqual([]);
    expect(fn).not.toHaveBeenCalled();
  });

  it('keeps the order of the items when calls finish out of order', async () => {
    const items = [0, 1, 2, 3, 4, 5];
    const gates = items.map(() => deferred<void>());
    const done = mapWithConcurrency(items, 3, async (item, index) => {
      await gates[item].promise;
      return `${item}@${index}`;
    });
    // finish in reverse order of start
    for (const i of [5, 4, 3, 2, 1, 0]) {
      gates[i].resolve();
      await flush();
    }
    await expect(done).resolves.toEqual([
      '0@0',
      '1@1',
      '2@2',
      '3@3',
      '4@4',
      '5@5',
    ]);
  });

  it.each([
    [1, 7, 1],
    [2, 7, 2],
    [3, 10, 3],
    [4, 2, 2],
    [10, 25, 10],
    [0, 5, 1],
  ])(
    'with concurrency %i over %i items never has more than %i calls in flight',
    async (concurrency, count, expectedMax) => {
      let inFlight = 0;
      let max = 0;
      const started: number[] = [];
      const items = Array.from({ length: count }, (_, i) => i);
      const results = await mapWithConcurrency(
        items,
        concurrency,
        async item => {
          started.push(item);
          inFlight++;
          max = Math.max(max, inFlight);
          // vary durations so that slots free up in a mixed order
          for (let t = 0; t < (item % 3) + 1; t++) {
            await flush();
          }
          inFlight--;
          return item * 2;
        },
      );
      expect(max).toBe(expectedMax);
      expect(results).toEqual(items.map(i => i * 2));
      expect([...started].sort((a, b) => a - b)).toEqual(items);
      expect(inFlight).toBe(0);
    },
  );

  it('starts the next item as soon as a slot frees up', async () => {
    const gates = [0, 1, 2].map(() => deferred<void>());
    const started: number[] = [];
    const done = mapWithConcurrency([0, 1, 2], 2, async item => {
      started.push(item);
      await gates[item].promise;
      return item;
    });
    await flush();
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    await expect(done).resolves.toEqual([0, 1, 2]);
  });

  it('rejects with the error of a failing call', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3], 2, async item => {
        if (item === 2) throw new Error('boom 2');
        return item;
      }),
    ).rejects.toThrow('boom 2');
  });

  it('starts no new item after a call failed', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async item => {
        started.push(item);
        await flush();
        if (item === 0) throw new Error('boom 0');
        return item;
      }),
    ).rejects.toThrow('boom 0');
    await flush();
    await flush();
    // 0 and 1 started together; 1 finished after 0 failed, so nothing else
    expect(started).toEqual([0, 1]);
  });
});
