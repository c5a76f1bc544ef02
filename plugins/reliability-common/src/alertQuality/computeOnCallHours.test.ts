import {
  computeOnCallHours,
  computePagesPerOnCallWeek,
} from './computeOnCallHours';
import { OnCallShift } from './types';

// Mon 2026-03-02 .. Mon 2026-03-09: 168 hours
const week = { start: '2026-03-02T00:00:00Z', end: '2026-03-09T00:00:00Z' };
const shift = (userId: string, start: string, end: string): OnCallShift => ({
  userId,
  start,
  end,
});

describe('computeOnCallHours', () => {
  it.each<
    [
      string,
      OnCallShift[],
      { personHours: number; people: number; invalidShifts: number },
    ]
  >([
    ['no shifts', [], { personHours: 0, people: 0, invalidShifts: 0 }],
    [
      'one person, the whole week in two shifts',
      [
        shift('alice', '2026-03-02T00:00:00Z', '2026-03-05T12:00:00Z'),
        shift('alice', '2026-03-05T12:00:00Z', '2026-03-09T00:00:00Z'),
      ],
      { personHours: 168, people: 1, invalidShifts: 0 },
    ],
    [
      'overlapping shifts of the same person are merged',
      [
        shift('alice', '2026-03-02T00:00:00Z', '2026-03-02T12:00:00Z'),
        shift('alice', '2026-03-02T06:00:00Z', '2026-03-02T18:00:00Z'),
        shift('alice', '2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z'),
      ],
      { personHours: 18, people: 1, invalidShifts: 0 },
    ],
    [
      'overlapping shifts of different people add up',
      [
        shift('alice', '2026-03-02T00:00:00Z', '2026-03-02T12:00:00Z'),
        shift('bob', '2026-03-02T06:00:00Z', '2026-03-02T18:00:00Z'),
      ],
      { personHours: 24, people: 2, invalidShifts: 0 },
    ],
    [
      'shifts crossing the window edges are clipped',
      [
        shift('carol', '2026-03-01T12:00:00Z', '2026-03-02T12:00:00Z'), // 12h inside
        shift('dave', '2026-03-08T18:00:00Z', '2026-03-10T00:00:00Z'), // 6h inside
        shift('eve', '2026-02-20T00:00:00Z', '2026-03-02T00:00:00Z'), // ends at start
        shift('frank', '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z'), // starts at end
      ],
      { personHours: 18, people: 2, invalidShifts: 0 },
    ],
    [
      'a shift longer than the window counts the window',
      [shift('alice', '2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z')],
      { personHours: 168, people: 1, invalidShifts: 0 },
    ],
    [
      'offsets are read',
      [
        shift(
          'alice',
          '2026-03-02T09:00:00+09:00',
          '2026-03-02T21:00:00+09:00',
        ),
      ],
      { personHours: 12, people: 1, invalidShifts: 0 },
    ],
    [
      'invalid shifts are skipped and counted',
      [
        shift('alice', '2026-03-03T00:00:00Z', '2026-03-02T00:00:00Z'),
        shift('bob', 'soon', '2026-03-02T00:00:00Z'),
        shift('carol', '2026-03-02T00:00:00Z', '2026-03-02T01:30:00Z'),
      ],
      { personHours: 1.5, people: 1, invalidShifts: 2 },
    ],
  ])('%s', (_, shifts, expected) => {
    expect(computeOnCallHours(shifts, week)).toEqual(expected);
  });
});

describe('computePagesPerOnCallWeek', () => {
  it.each([
    [14, 336, 7],
    [3, 168, 3],
    [7, 84, 14],
    [0, 84, 0],
    [5, 0, null],
    [0, 0, null],
  ])('%i pages over %i person-hours: %p', (pages, personHours, expected) => {
    expect(computePagesPerOnCallWeek(pages, personHours)).toBe(expected);
  });
});
