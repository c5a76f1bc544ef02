import { AlertQualityWindow } from './parseAlertQualityWindow';
import { resolveAlertQualityRanges } from './resolveAlertQualityRanges';

describe('resolveAlertQualityRanges', () => {
  it.each<
    [string, AlertQualityWindow, string, string, [string, string, string]]
  >([
    [
      'UTC 7d',
      '7d',
      '2026-03-09T12:00:00Z',
      'UTC',
      [
        '2026-02-23T12:00:00.000Z',
        '2026-03-02T12:00:00.000Z',
        '2026-03-09T12:00:00.000Z',
      ],
    ],
    [
      'UTC 28d',
      '28d',
      '2026-03-29T00:00:00Z',
      'UTC',
      [
        '2026-02-01T00:00:00.000Z',
        '2026-03-01T00:00:00.000Z',
        '2026-03-29T00:00:00.000Z',
      ],
    ],
    [
      'UTC 90d',
      '90d',
      '2026-04-01T00:00:00Z',
      'UTC',
      [
        '2025-10-03T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z',
        '2026-04-01T00:00:00.000Z',
      ],
    ],
    [
      // 2026-04-01 00:00 CEST back to 2026-03-25 00:00 CET: 167 hours
      'Berlin 7d across spring forward',
      '7d',
      '2026-04-01T00:00:00+02:00',
      'Europe/Berlin',
      [
        '2026-03-17T23:00:00.000Z',
        '2026-03-24T23:00:00.000Z',
        '2026-03-31T22:00:00.000Z',
      ],
    ],
    [
      // 2026-10-29 00:00 CET back to 2026-10-22 00:00 CEST: 169 hours
      'Berlin 7d across fall back',
      '7d',
      '2026-10-29T00:00:00+01:00',
      'Europe/Berlin',
      [
        '2026-10-14T22:00:00.000Z',
        '2026-10-21T22:00:00.000Z',
        '2026-10-28T23:00:00.000Z',
      ],
    ],
    [
      'Tokyo 7d',
      '7d',
      '2026-03-09T00:00:00+09:00',
      'Asia/Tokyo',
      [
        '2026-02-22T15:00:00.000Z',
        '2026-03-01T15:00:00.000Z',
        '2026-03-08T15:00:00.000Z',
      ],
    ],
  ])('%s', (_, window, now, timeZone, [previousStart, start, end]) => {
    expect(resolveAlertQualityRanges(window, now, timeZone)).toEqual({
      days: Number(window.replace('d', '')),
      current: { start, end },
      previous: { start: previousStart, end: start },
    });
  });

  it.each<[unknown, unknown, string, RegExp]>([
    ['7d', 'not a time', 'UTC', /now must be an ISO 8601 timestamp/],
    ['1d', '2026-03-09T00:00:00Z', 'UTC', /Invalid alert quality window/],
    ['7d', '2026-03-09T00:00:00Z', 'Nowhere/Special', /Invalid time zone/],
  ])('rejects %p, %p, %p', (window, now, timeZone, message) => {
    expect(() =>
      resolveAlertQualityRanges(
        window as AlertQualityWindow,
        now as string,
        timeZone,
      ),
    ).toThrow(message);
  });
});
