import { PromSeries } from '../providers/prometheus';
import {
  AlertRun,
  alertSeriesKey,
  reconstructAlertRuns,
} from './reconstructAlertRuns';

const STEP = 60;
const LOOKBACK = 300;

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
  start: number,
  end: number,
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

type Case = [
  string,
  {
    series: PromSeries[];
    lastStep: number;
    previous?: AlertRun[];
  },
  Array<{
    labels: Record<string, string>;
    start: number;
    last: number;
    open: boolean;
  }>,
];

const cases: Case[] = [
  [
    'one run, not extended by the 5-minute lookback',
    { series: [answer(down, samples(600, 900), 0, 1800)], lastStep: 1800 },
    [{ labels: down, start: 600, last: 900, open: false }],
  ],
  [
    'a gap of two steps splits the run',
    {
      series: [
        answer(down, [...samples(600, 720), ...samples(900, 960)], 0, 1800),
      ],
      lastStep: 1800,
    },
    [
      { labels: down, start: 600, last: 720, open: false },
      { labels: down, start: 900, last: 960, open: false },
    ],
  ],
  [
    'a single missing step splits the run',
    {
      series: [answer(down, [600, 660, 780], 0, 1800)],
      lastStep: 1800,
    },
    [
      { labels: down, start: 600, last: 660, open: false },
      { labels: down, start: 780, last: 780, open: false },
    ],
  ],
  [
    'a run still firing at the last step is open',
    { series: [answer(down, samples(1500, 1800), 0, 1800)], lastStep: 1800 },
    [{ labels: down, start: 1500, last: 1800, open: true }],
  ],
  [
    'a run that ended one step before the end is not open',
    { series: [answer(down, samples(1500, 1740), 0, 1800)], lastStep: 1800 },
    [{ labels: down, start: 1500, last: 1740, open: false }],
  ],
  [
    'series with different labels are separate runs, sorted by start',
    {
      series: [
        answer(podB, samples(660, 900), 0, 1800),
        answer(podA, samples(600, 840), 0, 1800),
      ],
      lastStep: 1800,
    },
    [
      { labels: podA, start: 600, last: 840, open: false },
      { labels: podB, start: 660, last: 900, open: false },
    ],
  ],
  [
    'a chunk boundary in the middle of a run does not split it',
    {
      series: [
        answer(down, samples(960, 1500), 0, 1200),
        answer(down, samples(960, 1500), 1260, 2400),
      ],
      lastStep: 2400,
    },
    [{ labels: down, start: 960, last: 1500, open: false }],
  ],
  [
    'a run ending exactly at a chunk end and one starting at the next chunk are one run',
    {
      series: [
        answer(down, samples(1140, 1200), 0, 1200),
        answer(down, samples(1260, 1320), 1260, 2400),
      ],
      lastStep: 2400,
    },
    [{ labels: down, start: 1140, last: 1320, open: false }],
  ],
  [
    'samples between steps (a 15 s evaluation interval) count for the next step',
    { series: [answer(down, samples(605, 905, 15), 0, 1800)], lastStep: 1800 },
    [{ labels: down, start: 660, last: 960, open: false }],
  ],
  [
    'a rule evaluated less often than the step shows gaps',
    { series: [answer(down, samples(600, 840, 120), 0, 1800)], lastStep: 1800 },
    [
      { labels: down, start: 600, last: 600, open: false },
      { labels: down, start: 720, last: 720, open: false },
      { labels: down, start: 840, last: 840, open: false },
    ],
  ],
  [
    'a new point adjacent to a known run extends it',
    {
      previous: [{ labels: down, start: 0, last: 900 }],
      series: [answer(down, samples(900, 1200), 840, 1800)],
      lastStep: 1800,
    },
    [{ labels: down, start: 0, last: 1200, open: false }],
  ],
  [
    'a known run still firing stays open; one far away stays apart',
    {
      previous: [
        { labels: down, start: 0, last: 600 },
        { labels: podA, start: 60, last: 120 },
      ],
      series: [answer(down, samples(600, 1800), 540, 1800)],
      lastStep: 1800,
    },
    [
      { labels: down, start: 0, last: 1800, open: true },
      { labels: podA, start: 60, last: 120, open: false },
    ],
  ],
  [
    'null values and an empty answer give nothing',
    {
      series: [
        { metric: down, values: [[600, null]] },
        { metric: podA, values: [] },
      ],
      lastStep: 1800,
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
      lastStep: 1800,
    },
    [{ labels: down, start: 600, last: 780, open: false }],
  ],
];

describe('reconstructAlertRuns', () => {
  it.each(cases)('%s', (_, input, expected) => {
    expect(reconstructAlertRuns({ stepSeconds: STEP, ...input })).toEqual(
      expected,
    );
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
