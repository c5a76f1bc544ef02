import { PromSeries } from '../providers/prometheus';
import {
  AlertRun,
  alertSeriesKey,
  reconstructAlertRuns,
} from './reconstructAlertRuns';

const STEP = 60;
const LOOKBACK = 300;
/** The last step of the cases that do not name theirs. */
const LAST_STEP = 1800;

/** Sample times from `from` to `to` (inclusive) every `every` seconds. */
function samples(from: number, to: number, every = STEP): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t += every) {
    out.push(t);
  }
  return out;
}

/**
 * What Prometheus answers to `timestamp(ALERTS{...})` on the grid
 * [start, end] for a series with these sample times and no staleness
 * markers: at each step the time of the latest sample up to 5 minutes back.
 */
function answer(
  labels: Record<string, string>,
  sampleTimes: number[],
  start = 0,
  end = LAST_STEP,
): PromSeries {
  const values: Array<[number, number | null]> = [];
  for (let t = start; t <= end; t += STEP) {
    const latest = sampleTimes.filter(s => s <= t && t - s <= LOOKBACK);
    if (latest.length > 0) {
      values.push([t, Math.max(...latest)]);
    }
  }
  return { metric: labels, values };
}

const down = {
  alertname: 'CheckoutDown',
  alertstate: 'firing',
  service: 'checkout',
};
const podA = { ...down, alertname: 'PodCrashLooping', pod: 'a' };
const podB = { ...down, alertname: 'PodCrashLooping', pod: 'b' };

/** A run reconstructed from the answers (closed unless `open`). */
const run = (
  labels: Record<string, string>,
  start: number,
  last: number,
  open = false,
) => ({ labels, start, last, open });

/**
 * The answers for `down` with these sample times of two range queries, one
 * chunk [0, 1200] and the next [1260, 2400], as a long range is read.
 */
const inTwoChunks = (sampleTimes: number[]) => ({
  series: [
    answer(down, sampleTimes, 0, 1200),
    answer(down, sampleTimes, 1260, 2400),
  ],
  lastStep: 2400,
});

type Case = [
  string,
  {
    series: PromSeries[];
    lastStep?: number;
    previous?: AlertRun[];
  },
  Array<ReturnType<typeof run>>,
];

const cases: Case[] = [
  [
    'one run, not extended by the 5-minute lookback',
    { series: [answer(down, samples(600, 900))] },
    [run(down, 600, 900)],
  ],
  [
    'a gap of two steps splits the run',
    {
      series: [answer(down, [...samples(600, 720), ...samples(900, 960)])],
    },
    [run(down, 600, 720), run(down, 900, 960)],
  ],
  [
    'a single missing step splits the run',
    { series: [answer(down, [600, 660, 780])] },
    [run(down, 600, 660), run(down, 780, 780)],
  ],
  [
    'a run still firing at the last step is open',
    { series: [answer(down, samples(1500, 1800))] },
    [run(down, 1500, 1800, true)],
  ],
  [
    'a run that ended one step before the end is not open',
    { series: [answer(down, samples(1500, 1740))] },
    [run(down, 1500, 1740)],
  ],
  [
    'series with different labels are separate runs, sorted by start',
    {
      series: [
        answer(podB, samples(660, 900)),
        answer(podA, samples(600, 840)),
      ],
    },
    [run(podA, 600, 840), run(podB, 660, 900)],
  ],
  [
    'a chunk boundary in the middle of a run does not split it',
    inTwoChunks(samples(960, 1500)),
    [run(down, 960, 1500)],
  ],
  [
    'a run ending exactly at a chunk end and one starting at the next chunk are one run',
    inTwoChunks([...samples(1140, 1200), ...samples(1260, 1320)]),
    [run(down, 1140, 1320)],
  ],
  [
    'samples between steps (a 15 s evaluation interval) count for the next step',
    { series: [answer(down, samples(605, 905, 15))] },
    [run(down, 660, 960)],
  ],
  [
    'a rule evaluated less often than the step shows gaps',
    { series: [answer(down, samples(600, 840, 120))] },
    [run(down, 600, 600), run(down, 720, 720), run(down, 840, 840)],
  ],
  [
    'a new point adjacent to a known run extends it',
    {
      previous: [{ labels: down, start: 0, last: 900 }],
      series: [answer(down, samples(900, 1200), 840, 1800)],
    },
    [run(down, 0, 1200)],
  ],
  [
    'a known run still firing stays open; one far away stays apart',
    {
      previous: [
        { labels: down, start: 0, last: 600 },
        { labels: podA, start: 60, last: 120 },
      ],
      series: [answer(down, samples(600, 1800), 540, 1800)],
    },
    [run(down, 0, 1800, true), run(podA, 60, 120)],
  ],
  [
    'null values and an empty answer give nothing',
    {
      series: [
        { metric: down, values: [[600, null]] },
        { metric: podA, values: [] },
      ],
    },
    [],
  ],
  [
    'the plain series (with __name__) and timestamp() (without) are the same series',
    {
      series: [
        answer({ __name__: 'ALERTS', ...down }, samples(600, 660), 0, 660),
        answer(down, samples(720, 780), 720, 1800),
      ],
    },
    [run(down, 600, 780)],
  ],
];

describe('reconstructAlertRuns', () => {
  it.each(cases)('%s', (_, input, expected) => {
    expect(
      reconstructAlertRuns({
        stepSeconds: STEP,
        lastStep: LAST_STEP,
        ...input,
      }),
    ).toEqual(expected);
  });

  it('rejects a step that is not positive', () => {
    expect(() =>
      reconstructAlertRuns({ series: [], stepSeconds: 0, lastStep: 0 }),
    ).toThrow(/stepSeconds must be positive/);
  });
});

describe('alertSeriesKey', () => {
  it('ignores label order and __name__', () => {
    expect(alertSeriesKey({ b: '2', a: '1', __name__: 'ALERTS' })).toBe(
      alertSeriesKey({ a: '1', b: '2' }),
    );
    expect(alertSeriesKey({ a: '1' })).not.toBe(alertSeriesKey({ a: '2' }));
  });
});
